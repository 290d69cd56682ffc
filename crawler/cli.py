"""`archive`: a thin command line over the crawler, extraction and archive modules."""

import json
import sys
from pathlib import Path

import click

from crawler.archive import ArchiveError
from crawler.sources import SourceError, load_sources, select_sources
from crawler.terminal import safe_for_terminal

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
        check_setting(name, value)
        overrides[name] = value
    return overrides


def check_setting(name: str, value: str) -> None:
    """A misspelt name or a value of the wrong type fails here, not mid-crawl in Scrapy."""
    from scrapy.settings import BaseSettings, Settings

    known = Settings()
    known.setmodule("crawler.settings")
    if name not in known:
        fail(f"-s {name}: unknown setting")
    default = known[name]
    try:
        if isinstance(default, bool):
            Settings({name: value}).getbool(name)
        elif isinstance(default, int | float):
            float(value)
        elif isinstance(default, BaseSettings | dict) and not isinstance(json.loads(value), dict):
            raise ValueError
    except (ValueError, TypeError):
        if isinstance(default, BaseSettings | dict):
            fail(f"-s {name}={value!r}: expected a JSON object")
        fail(f"-s {name}={value!r}: expected {type(default).__name__} like {default!r}")


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
@click.option(
    "--refresh", is_flag=True, help="Fetch archived articles again; changed texts get versions."
)
@db_option
@sources_option
def crawl(
    slugs: tuple[str, ...],
    every: bool,
    settings: tuple[str, ...],
    refresh: bool,
    db: Path,
    registry: Path,
) -> None:
    """Crawl portals by slug into the archive and print a summary per portal.

    Example:

        archive crawl baoquangnam baodanang -s DOWNLOAD_DELAY=2 --db archive.db
    """
    from crawler.run import run_crawls
    from crawler.schedule import LOCKED_EXIT, AlreadyRunning, crawl_locks

    overrides = parse_overrides(settings)
    if refresh:
        overrides["ARCHIVE_REFRESH"] = "True"
    try:
        chosen = list(load_sources(registry).values()) if every else select_sources(registry, slugs)
    except SourceError as exc:
        fail(str(exc))
    if not chosen:
        fail("name at least one source slug, or --all")
    try:
        with crawl_locks(db, [source.slug for source in chosen]):
            summaries = run_crawls(chosen, db, registry, overrides)
    except AlreadyRunning as exc:
        click.echo(f"archive: {exc}; not started", err=True)
        sys.exit(LOCKED_EXIT)
    except ArchiveError as exc:
        fail(str(exc))
    except OSError as exc:  # the lock and capture folders beside the archive
        fail(f"cannot write beside archive {db}: {exc.strerror}: {exc.filename}")
    for s in summaries:
        click.echo(
            f"{s.source}: {s.status} in {s.seconds:.1f}s: {s.pages} pages fetched, "
            f"{s.articles_new} articles archived, {s.duplicates} duplicates merged, "
            f"{s.not_articles} non-article pages, {s.errors} errors (crawl {s.crawl_id})"
        )
        if s.error:
            click.echo(f"archive: error: {s.source}: crawl stopped: {s.error}", err=True)
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


@main.command()
@click.option("--once", is_flag=True, help="Start the crawls due now, wait for them, exit.")
@click.option("--tick", default=30.0, show_default=True, help="Seconds between checks.")
@click.option(
    "--grace", default=30.0, show_default=True, help="Seconds crawls get to stop on exit."
)
@click.option("--print-crontab", is_flag=True, help="Print equivalent crontab lines and exit.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="Passed to crawls.")
@db_option
@sources_option
def schedule(
    once: bool,
    tick: float,
    grace: float,
    print_crontab: bool,
    settings: tuple[str, ...],
    db: Path,
    registry: Path,
) -> None:
    """Run scheduled crawls in the foreground, each source by its `schedule` cron entry.

    Each due crawl runs as its own `archive crawl SLUG` process, logging to
    captures/logs/SLUG.log next to the archive; a source is never crawled twice at once.
    SIGINT or SIGTERM stops the scheduler: running crawls get SIGTERM and --grace seconds
    to close cleanly (their run ends `interrupted`), then are killed.

    Example:

        archive schedule --db archive.db --sources sources.toml
    """
    import logging

    from crawler.schedule import Scheduler, crontab_lines

    parse_overrides(settings)
    try:
        scheduled = [s for s in load_sources(registry).values() if s.schedule]
    except SourceError as exc:
        fail(str(exc))
    if print_crontab:
        click.echo("\n".join(crontab_lines(scheduled, db, registry)))
        return
    if not scheduled:
        fail(f"{registry}: no source has a 'schedule'")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    extra = tuple(arg for pair in settings for arg in ("-s", pair))
    try:
        Scheduler(scheduled, db, registry, extra, tick=tick, grace=grace).run(once=once)
    except ArchiveError as exc:
        fail(str(exc))


def _registry_or_empty(registry: Path) -> dict:
    """The registry when it can be read; status and re-extraction also work without one."""
    try:
        return load_sources(registry)
    except SourceError:
        return {}


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@db_option
@sources_option
def status(as_json: bool, db: Path, registry: Path) -> None:
    """Show per source the last run and its result, next due run, articles, errors, warnings.

    Warnings: no new articles in the last 3 runs; most article pages giving no article, more
    than before (a template change); robots.txt refusing our requests.

    Example:

        archive status --db archive.db --sources sources.toml
    """
    from dataclasses import asdict

    from crawler.archive import Archive
    from crawler.status import format_status, source_status

    if not db.exists():
        fail(f"{db}: no such archive")
    try:
        with Archive(db) as archive:
            statuses = source_status(archive.conn, _registry_or_empty(registry))
    except ArchiveError as exc:
        fail(str(exc))
    for entry in statuses:
        if as_json:
            click.echo(json.dumps(asdict(entry), ensure_ascii=False))
        else:
            click.echo("\n".join(format_status(entry)))


@main.command()
@click.option("--source", help="Only this source's captures.")
@click.option(
    "--captures",
    type=click.Path(file_okay=False, path_type=Path),
    help="Captures folder (default: captures/ next to the archive).",
)
@db_option
@sources_option
def reextract(source: str | None, captures: Path | None, db: Path, registry: Path) -> None:
    """Extract every captured article again from the WARC files, with no network.

    Use it when extraction improves. Articles go through the same dedup as in a crawl;
    changed texts keep their old version. Reports articles updated, unchanged, newly found
    and lost (no longer extractable; they stay in the archive).

    Example:

        archive reextract --source baoquangnam --db archive.db
    """
    from crawler.archive import Archive
    from crawler.capture import captures_root
    from crawler.reextract import reextract as run_reextract

    root = captures or captures_root(db)
    if not root.is_dir():
        fail(f"{root}: no captures folder")
    sources = _registry_or_empty(registry)
    try:
        with Archive(db) as archive:
            archive.register_sources(s for s in sources.values() if not source or s.slug == source)
            report = run_reextract(archive, root.resolve(), sources, source)
    except ArchiveError as exc:
        fail(str(exc))
    click.echo(report.line())


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["warc", "jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="Articles as JSON Lines or CSV, or the raw captures as WARC.",
)
@click.option("--source", help="Only this source.")
@click.option("--since", metavar="YYYY-MM-DD", help="From this day (inclusive).")
@click.option("--until", metavar="YYYY-MM-DD", help="To this day (inclusive).")
@click.option("-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Output file.")
@db_option
def export(
    fmt: str,
    source: str | None,
    since: str | None,
    until: str | None,
    output: Path | None,
    db: Path,
) -> None:
    """Export articles (by publication day) or captures (by capture day).

    Example:

        archive export --format warc --source baoquangnam --since 2024-01-01 -o bqn.warc.gz
    """
    from crawler import export as exports
    from crawler.archive import Archive
    from crawler.capture import captures_root

    if not db.exists():
        fail(f"{db}: no such archive")
    if fmt == "warc":
        if output is None:
            fail("--format warc needs -o FILE")
        with open(output, "wb") as out:
            count = exports.write_warc(captures_root(db), out, source, since, until)
        click.echo(f"{count} WARC records written to {output}", err=True)
        return
    writer = exports.write_jsonl if fmt == "jsonl" else exports.write_csv
    with Archive(db) as archive:
        rows = exports.article_rows(archive.conn, source, since, until)
        with click.open_file(str(output or "-"), "w", encoding="utf-8") as out:
            count = writer(rows, out)
    click.echo(f"{count} articles exported", err=True)


if __name__ == "__main__":
    main()
