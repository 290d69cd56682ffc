"""Commands that fetch: crawl, schedule, and the registry listing."""

import sys
from pathlib import Path

import click

from crawler.cli.common import db_option, fail, main, parse_overrides, sources_option
from crawler.sources import SourceError, load_sources, select_sources
from crawler.store.archive import ArchiveError


@main.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Crawl every source in the registry.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="Override a setting.")
@click.option(
    "--refresh", is_flag=True, help="Fetch archived articles again; changed texts get versions."
)
@click.option("--redis", metavar="URL", help="Be a distributed worker on this Redis.")
@click.option("--until-idle", is_flag=True, help="With --redis: exit once the cluster is idle.")
@db_option
@sources_option
def crawl(
    slugs: tuple[str, ...],
    every: bool,
    settings: tuple[str, ...],
    refresh: bool,
    redis: str | None,
    until_idle: bool,
    db: Path,
    registry: Path,
) -> None:
    """Crawl portals by slug into the archive and print a summary per portal.

    With --redis the process is one worker of a distributed crawl: it shares the frontier,
    seen-set and politeness with every worker on that Redis, writes its WARC files under
    CLUSTER_WARC_DIR, and pushes its results to the stream `archive ingest` drains; it never
    opens the archive (--db is unused).

    Example:

        archive crawl baoquangnam baodanang -s DOWNLOAD_DELAY=2 --db archive.db
    """
    from crawler.crawl.run import run_crawls
    from crawler.ops.schedule import LOCKED_EXIT, AlreadyRunning, crawl_locks

    overrides = parse_overrides(settings)
    if refresh:
        overrides["ARCHIVE_REFRESH"] = "True"
    try:
        chosen = list(load_sources(registry).values()) if every else select_sources(registry, slugs)
    except SourceError as exc:
        fail(str(exc))
    if not chosen:
        fail("name at least one source slug, or --all")
    if redis:
        _work(chosen, registry, redis, overrides, until_idle)
        return
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


def _work(chosen, registry: Path, redis: str, overrides: dict, until_idle: bool) -> None:
    from crawler.cli.cluster import check_redis
    from crawler.crawl.cluster_run import run_workers

    check_redis(redis)
    summaries = run_workers(chosen, registry, redis, overrides, until_idle)
    for s in summaries:
        click.echo(
            f"{s.source}: worker {s.reason} in {s.seconds:.1f}s: {s.pages} pages fetched, "
            f"{s.results} results pushed"
        )
    # a service stopped by SIGTERM ("shutdown") handed its requests back: that is no failure
    if any(s.reason not in ("finished", "shutdown") for s in summaries):
        sys.exit(1)


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

    from crawler.ops.schedule import Scheduler, crontab_lines

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
