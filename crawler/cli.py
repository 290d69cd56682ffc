"""`archive`: a thin command line over the crawler, extraction and archive modules."""

import json
import sys
from pathlib import Path

import click

from crawler.archive import ArchiveError
from crawler.sources import SourceError, load_sources, select_sources

DEFAULT_DB = Path("archive.db")
DEFAULT_SOURCES = Path("sources.toml")

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="Archive file.",
)
sources_option = click.option(
    "--sources",
    "registry",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_SOURCES,
    show_default=True,
    help="Portal registry file.",
)


def fail(message: str) -> None:
    """One line on stderr and exit code 2: nothing runs on a half-read configuration."""
    click.echo(f"archive: error: {message}", err=True)
    sys.exit(2)


def require_archive(db: Path) -> None:
    """An existing archive, its schema brought up to date before anything reads it."""
    from crawler.archive import Archive

    if not db.is_file():
        fail(f"{db}: no such archive (crawl first, or name one with --db)")
    try:
        Archive(db).close()
    except ArchiveError as exc:
        fail(str(exc))


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier() or not name.isupper():
            fail(f"-s expects NAME=VALUE with an upper-case setting name, got {pair!r}")
        overrides[name] = value
    return overrides


@click.group()
@click.version_option(package_name="vn-provincial-archive")
def main() -> None:
    """Archive Vietnam's provincial news portals into a searchable SQLite file.

    Example:

        archive crawl baoquangnam --db archive.db
    """


@main.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Crawl every source in the registry.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="Override a setting.")
@db_option
@sources_option
def crawl(
    slugs: tuple[str, ...], every: bool, settings: tuple[str, ...], db: Path, registry: Path
) -> None:
    """Crawl portals by slug into the archive and print a summary per portal.

    Example:

        archive crawl baoquangnam baodanang -s DOWNLOAD_DELAY=2 --db archive.db
    """
    from crawler.run import run_crawls

    overrides = parse_overrides(settings)
    try:
        chosen = list(load_sources(registry).values()) if every else select_sources(registry, slugs)
    except SourceError as exc:
        fail(str(exc))
    if not chosen:
        fail("name at least one source slug, or --all")
    try:
        summaries = run_crawls(chosen, db, registry, overrides)
    except ArchiveError as exc:
        fail(str(exc))
    for s in summaries:
        click.echo(
            f"{s.source}: {s.status} in {s.seconds:.1f}s: {s.pages} pages fetched, "
            f"{s.articles_new} articles archived, {s.duplicates} duplicates merged, "
            f"{s.not_articles} non-article pages, {s.errors} errors (crawl {s.crawl_id})"
        )
    if any(s.status == "failed" for s in summaries):
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--url", help="URL the page was fetched from (default: file:// of the path).")
def extract(paths: tuple[str, ...], url: str | None) -> None:
    """Extract the article of saved pages; prints one JSON object per file (JSON Lines).

    Example:

        archive extract saved/bai-viet.html --url https://baoquangnam.vn/bai-viet-123.html
    """
    from crawler.extraction import NotAnArticle, extract_article

    for path in paths:
        page_url = url or Path(path).resolve().as_uri()
        try:
            article = extract_article(Path(path).read_bytes(), page_url)
        except NotAnArticle as exc:
            record = {"file": path, "url": page_url, "error": str(exc)}
        else:
            record = {"file": path} | article.as_dict()
        click.echo(json.dumps(record, ensure_ascii=False))


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
    from crawler.search import format_results, search_articles

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
    from crawler.serve import serve as run_datasette

    require_archive(db)
    run_datasette(db, host=host, port=port)


@main.command()
@click.option("--rebuild", is_flag=True, required=True, help="Recompute every cluster.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="DEDUP_* setting.")
@db_option
def dedup(rebuild: bool, settings: tuple[str, ...], db: Path) -> None:
    """Recompute URL identities and story clusters over the whole archive, without refetching.

    Run after changing DEDUP_* settings; running it twice changes nothing.

    Example:

        archive dedup --rebuild -s DEDUP_THRESHOLD=0.5 --db archive.db
    """
    from crawler.archive import Archive
    from crawler.dedup import DedupSettings, rebuild_dedup
    from crawler.run import crawl_settings

    require_archive(db)
    try:
        chosen = DedupSettings.from_settings(
            crawl_settings(db, DEFAULT_SOURCES, parse_overrides(settings))
        )
    except ValueError as exc:
        fail(str(exc))
    with Archive(db) as archive:
        report = rebuild_dedup(archive, chosen)
    click.echo(" ".join(f"{key}={value}" for key, value in report.items()))


@main.command("sources")
@sources_option
def list_sources(registry: Path) -> None:
    """List the portals of the registry.

    Example:

        archive sources --sources sources.toml
    """
    try:
        registry_entries = load_sources(registry)
    except SourceError as exc:
        fail(str(exc))
    for source in registry_entries.values():
        checked = "" if source.checked_live else "  (not checked live)"
        click.echo(f"{source.slug:20} {source.kind:10} {source.name} — {source.province}{checked}")


if __name__ == "__main__":
    main()
