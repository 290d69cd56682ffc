"""Commands of a distributed crawl: seed the shared frontier, ingest the results stream.

The workers themselves are `archive crawl --redis URL SLUG...` (crawler/cli/crawling.py);
`archive status --redis URL` shows the cluster beside the archive.
"""

import logging
import sys
from pathlib import Path

import click

from crawler.cli.common import db_option, fail, main, parse_overrides, sources_option
from crawler.sources import SourceError, load_sources, select_sources
from crawler.store.archive import ArchiveError

redis_option = click.option(
    "--redis", "redis_url", required=True, metavar="URL", help="The cluster's Redis."
)


def check_redis(url: str) -> None:
    """A reachable Redis at `url`, or one clear line and exit code 2."""
    import redis

    from crawler.cluster.keys import connect

    try:
        connect(url).ping()
    except (redis.RedisError, ValueError) as exc:
        fail(f"cannot reach Redis at {url}: {exc}")


def cluster_config(url: str, settings: tuple[str, ...], registry: Path):
    from crawler.cluster.config import ClusterConfig
    from crawler.crawl.run import crawl_settings

    check_redis(url)
    overrides = parse_overrides(settings) | {"CLUSTER_REDIS_URL": url}
    return ClusterConfig.from_settings(crawl_settings(Path("-"), registry, overrides))


@main.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Seed every source in the registry.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="CLUSTER_* setting.")
@redis_option
@sources_option
def seed(
    slugs: tuple[str, ...], every: bool, settings: tuple[str, ...], redis_url: str, registry: Path
) -> None:
    """Queue portals' sitemaps, feeds and start pages on the shared frontier.

    Opens a batch run per portal unless one is open; workers started with the same slugs
    join it instead of seeding again.

    Example:

        archive seed baoquangnam baodanang --redis redis://10.0.0.5:6379/0
    """
    from crawler.crawl.cluster_scheduler import seed_frontier

    try:
        chosen = list(load_sources(registry).values()) if every else select_sources(registry, slugs)
    except SourceError as exc:
        fail(str(exc))
    if not chosen:
        fail("name at least one source slug, or --all")
    config = cluster_config(redis_url, settings, registry)
    for source in chosen:
        run, queued = seed_frontier(config, source)
        click.echo(f"{source.slug}: {queued} start requests queued in run {run}")


@main.command()
@click.option("--until-idle", is_flag=True, help="Exit once drained and no worker is alive.")
@click.option("--grace", default=5.0, show_default=True, help="Seconds idle before exiting.")
@click.option("--batch", default=500, show_default=True, help="Entries per transaction.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="DEDUP_*, CLUSTER_*.")
@redis_option
@db_option
@sources_option
def ingest(
    until_idle: bool,
    grace: float,
    batch: int,
    settings: tuple[str, ...],
    redis_url: str,
    db: Path,
    registry: Path,
) -> None:
    """Store the results of distributed workers in the archive: the one writer.

    Entries are acknowledged only once their transaction committed: an ingest killed at any
    moment and started again loses nothing and stores nothing twice. Without --until-idle it
    runs as a service. Run one per archive.

    Example:

        archive ingest --redis redis://10.0.0.5:6379/0 --db archive.db --until-idle
    """
    import redis  # here, not at the top: every `archive` command would pay for its import

    from crawler.crawl.run import crawl_settings
    from crawler.ops.ingest import Ingest
    from crawler.ops.schedule import LOCKED_EXIT, AlreadyRunning, crawl_locks
    from crawler.store.dedup import DedupSettings

    config = cluster_config(redis_url, settings, registry)
    dedup = DedupSettings.from_settings(crawl_settings(db, registry, parse_overrides(settings)))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        sources = load_sources(registry) if registry.exists() else {}
        with crawl_locks(db, ["ingest"]):
            job = Ingest(db, config.client(), config.keys, sources, batch=batch, dedup=dedup)
            try:
                report = job.run(until_idle=until_idle, grace=grace)
            finally:
                job.close()
    except SourceError as exc:
        fail(str(exc))
    except AlreadyRunning as exc:
        click.echo(f"archive: {exc}; not started", err=True)
        sys.exit(LOCKED_EXIT)
    except ArchiveError as exc:
        fail(str(exc))
    except redis.RedisError as exc:  # what was not acknowledged waits for the next ingest
        click.echo(f"archive: error: ingest stopped: Redis failed: {exc}", err=True)
        sys.exit(1)
    outcomes = ", ".join(f"{n} {kind}" for kind, n in sorted(report.outcomes.items()))
    click.echo(
        f"ingest: {report.entries} entries in {report.groups} transactions "
        f"({report.rate:.0f}/s), {report.skipped} already stored, "
        f"{report.runs_finished} runs finished; {outcomes or 'nothing'}"
    )
