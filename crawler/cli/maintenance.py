"""Commands that look after an archive: dedup rebuild, status, re-extraction, export."""

import json
from pathlib import Path

import click

from crawler.cli.common import (
    DEFAULT_SOURCES,
    db_option,
    fail,
    main,
    parse_overrides,
    require_archive,
    sources_option,
)
from crawler.cli.crawling import _registry_or_empty
from crawler.store.archive import ArchiveError


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
    from crawler.crawl.run import crawl_settings
    from crawler.store.archive import Archive
    from crawler.store.dedup import DedupSettings, rebuild_dedup

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


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@click.option("--redis", metavar="URL", help="Also show this distributed crawl's cluster.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="Override a setting.")
@db_option
@sources_option
def status(
    as_json: bool, redis: str | None, settings: tuple[str, ...], db: Path, registry: Path
) -> None:
    """Show per source the last run and its result, next due run, articles, the last run's
    completeness account (article URLs found by sitemap, feed and listing; archived, doubtful,
    merged, rejected by rule, failed by kind), errors and warnings.

    Warnings: no new articles in the last 3 runs; most article pages giving no article, more
    than before (a template change); robots.txt refusing our requests; more than
    COMPLETENESS_WARN_SHARE (10 %) of the article URLs fetched rejected, with a few of them.
    With --redis, first the cluster: queue depth and requests in flight per portal, the
    stream's lag behind the ingest, and the workers alive (by heartbeat) with their rates.

    Example:

        archive status --db archive.db --sources sources.toml -s COMPLETENESS_WARN_SHARE=0.2
    """
    from dataclasses import asdict

    from crawler.crawl.run import crawl_settings
    from crawler.ops.status import format_status, source_status
    from crawler.store.archive import Archive

    overrides = parse_overrides(settings)
    share = crawl_settings(db, registry, overrides).getfloat("COMPLETENESS_WARN_SHARE")
    if redis:
        _cluster_status(redis, as_json)
        if not db.exists():
            return
    if not db.exists():
        fail(f"{db}: no such archive")
    try:
        with Archive(db) as archive:
            statuses = source_status(
                archive.conn, _registry_or_empty(registry), rejected_share=share
            )
            stale = archive.stale_search_entries()
    except ArchiveError as exc:
        fail(str(exc))
    if stale:  # hand edits in the sqlite3 shell or DB Browser: search still has the old words
        click.echo(f"WARNING: {stale} article(s) edited by hand: run `archive reindex`", err=True)
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
    changed texts (and titles, dates…) keep their old version. Reports articles updated,
    unchanged, newly found, lost (no longer extractable; they stay in the archive) and failed
    (the extractor raised an error). Captures the same extractor read already are skipped.

    Example:

        archive reextract --source baoquangnam --db archive.db
    """
    from crawler.crawl.capture import captures_root
    from crawler.ops.reextract import reextract as run_reextract
    from crawler.store.archive import Archive

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
    type=click.Choice(["warc", "wacz", "jsonl", "csv", "sqlite"]),
    default="jsonl",
    show_default=True,
    help="Articles as JSON Lines or CSV, the captures as WARC or replayable WACZ, or (sqlite)"
    " a copy of the whole archive to publish, withdrawn articles deleted.",
)
@click.option("--source", help="Only this source.")
@click.option("--since", metavar="YYYY-MM-DD", help="From this day (inclusive).")
@click.option("--until", metavar="YYYY-MM-DD", help="To this day (inclusive).")
@click.option(
    "--include-withdrawn", is_flag=True, help="Keep the captures of withdrawn articles (WARC/WACZ)."
)
@click.option("-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Output file.")
@db_option
def export(
    fmt: str,
    source: str | None,
    since: str | None,
    until: str | None,
    include_withdrawn: bool,
    output: Path | None,
    db: Path,
) -> None:
    """Export articles (by publication day) or captures (by capture day).

    Withdrawn articles are left out; so are their captures unless --include-withdrawn.
    WACZ holds the WARC records, their CDXJ index and a pages list of the articles, for
    replay tools (ReplayWeb.page, pywb). The sqlite copy is the file to serve to the public
    (Datasette's SQL editor reads a file as it is): every table, no trace of withdrawn articles.

    Example:

        archive export --format wacz --source baoquangnam --since 2024-01-01 -o bqn.wacz
        archive export --format sqlite -o public.db && archive serve --db public.db
    """
    from crawler.crawl.capture import captures_root
    from crawler.ops import export as exports
    from crawler.store.archive import Archive
    from crawler.store.withdrawals import withdrawn_urls

    require_archive(db)
    if fmt == "sqlite":
        _export_sqlite(db, output, source or since or until, include_withdrawn)
        return
    with Archive(db) as archive:
        if fmt in ("warc", "wacz"):
            if output is None:
                fail(f"--format {fmt} needs -o FILE")
            exclude = set() if include_withdrawn else withdrawn_urls(archive.conn)
            if fmt == "wacz":
                _export_wacz(archive, captures_root(db), output, source, since, until, exclude)
                return
            with open(output, "wb") as out:
                count = exports.write_warc(captures_root(db), out, source, since, until, exclude)
            click.echo(f"{count} WARC records written to {output}", err=True)
            return
        writer = exports.write_jsonl if fmt == "jsonl" else exports.write_csv
        rows = exports.article_rows(archive.conn, source, since, until)
        with click.open_file(str(output or "-"), "w", encoding="utf-8") as out:
            count = writer(rows, out)
    click.echo(f"{count} articles exported", err=True)


def _export_sqlite(db: Path, output: Path | None, narrowed, include_withdrawn: bool) -> None:
    from crawler.ops.public_copy import PublicCopyError, write_public_copy
    from crawler.store.archive import Archive

    if output is None:
        fail("--format sqlite needs -o FILE")
    if narrowed or include_withdrawn:
        fail(
            "--format sqlite copies the whole archive without withdrawn articles;"
            " --source, --since, --until and --include-withdrawn do not apply"
        )
    with Archive(db) as archive:
        try:
            left_out = write_public_copy(archive.conn, output)
        except PublicCopyError as exc:
            fail(str(exc))
        kept = archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0] - left_out
    click.echo(f"{kept} articles copied to {output}, {left_out} withdrawn left out", err=True)


def _export_wacz(archive, root, output, source, since, until, exclude) -> None:
    from crawler.ops.wacz_export import WaczError, write_wacz

    try:
        count, pages = write_wacz(
            root,
            output,
            archive.conn,
            source=source,
            since=since,
            until=until,
            exclude=exclude,
            include_withdrawn=not exclude,
        )
    except WaczError as exc:
        fail(str(exc))
    click.echo(f"{count} WARC records, {pages} article pages written to {output}", err=True)


def _cluster_status(url: str, as_json: bool) -> None:
    from dataclasses import asdict

    from crawler.cli.cluster import check_redis
    from crawler.cluster.keys import Keys, connect
    from crawler.ops.cluster_status import cluster_status, format_cluster

    check_redis(url)
    found = cluster_status(connect(url), Keys())
    if as_json:
        click.echo(json.dumps({"cluster": asdict(found)}, ensure_ascii=False))
    else:
        click.echo("\n".join(format_cluster(found)))
