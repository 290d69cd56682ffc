"""Commands that read: extract a saved page, search the archive, serve it in Datasette."""

import json
from pathlib import Path

import click

from crawler.cli.common import db_option, main, require_archive
from crawler.terminal import safe_for_terminal


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--url", help="URL the page was fetched from (default: file:// of the path).")
def extract(paths: tuple[str, ...], url: str | None) -> None:
    """Extract the article of saved pages; prints one JSON object per file (JSON Lines).

    Example:

        archive extract saved/bai-viet.html --url https://baoquangnam.vn/bai-viet-123.html
    """
    from crawler.extract import NotAnArticle, extract_article

    for path in paths:
        page_url = url or Path(path).resolve().as_uri()
        try:
            article = extract_article(Path(path).read_bytes(), page_url)
        except NotAnArticle as exc:
            record = {"file": path, "url": page_url, "error": str(exc), "rule": exc.reason}
        else:
            record = {"file": path} | article.as_dict()
        click.echo(safe_for_terminal(json.dumps(record, ensure_ascii=False)))


@main.command()
@click.argument("query")
@click.option("--source", help="Only this portal (slug).")
@click.option("--province", help="Only portals of this province.")
@click.option("--since", metavar="DATE", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result.")
@db_option
def search(
    query: str,
    source: str | None,
    province: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
    db: Path,
) -> None:
    """Full-text search, with or without diacritics, ranked by relevance.

    Example:

        archive search "phát triển đảng viên" --province "Quảng Nam" --since 2024-01-01
    """
    from crawler.serve.search import format_results, search_articles

    require_archive(db)
    rows = search_articles(
        db, query, source=source, province=province, since=since, until=until, limit=limit
    )
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        click.echo(format_results(rows))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8001, show_default=True, type=int)
@db_option
def serve(host: str, port: int, db: Path) -> None:
    """Browse the archive in Datasette, read-only.

    Example:

        archive serve --db archive.db --port 8001
    """
    from crawler.serve.app import serve as run_datasette

    require_archive(db)
    run_datasette(db, host=host, port=port)
