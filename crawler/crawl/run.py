"""Runs portal crawls in this process with the project's Scrapy settings and CLI overrides."""

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from crawler.sources import Source
from crawler.store.archive import Archive

FRONTIER_DIR = "frontier"  # beside the archive: the pending requests of running crawls


@dataclass(frozen=True)
class CrawlSummary:
    source: str
    crawl_id: int | None
    status: str
    pages: int
    articles_new: int
    duplicates: int
    not_articles: int
    errors: int
    seconds: float
    error: str | None = None  # why the archive stopped taking writes, if it did


def crawl_settings(db: Path, registry: Path, overrides: dict[str, str]):
    """Project settings with the archive and registry paths, then `-s` overrides on top."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.crawl.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("ARCHIVE_DB", str(db), priority="cmdline")
    settings.set("ARCHIVE_SOURCES", str(registry), priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawls(
    sources: list[Source], db: Path, registry: Path, overrides: dict[str, str]
) -> list[CrawlSummary]:
    """Crawl the sources side by side until all finish; one summary per source."""
    from scrapy.crawler import CrawlerProcess

    from spiders.portal import PortalSpider

    Archive(db).close()  # create or migrate once, before several writers race to do it
    process = CrawlerProcess(crawl_settings(db, registry, overrides), install_root_handler=True)
    crawlers = []
    frontiers = []
    for source in sources:
        crawler = process.create_crawler(PortalSpider)
        frontiers.append(_frontier_on_disk(db, source.slug, crawler.settings))
        crawlers.append((source, crawler))
        process.crawl(crawler, source=source)
    started = time.monotonic()
    try:
        process.start()
    finally:
        for frontier in filter(None, frontiers):
            shutil.rmtree(frontier, ignore_errors=True)
            with contextlib.suppress(OSError):  # the last crawl out removes the folder
                frontier.parent.rmdir()
    seconds = time.monotonic() - started
    return [_summary(db, source, crawler, seconds) for source, crawler in crawlers]


def _frontier_on_disk(db: Path, slug: str, settings) -> Path | None:
    """A fresh JOBDIR for the crawl, so its queue of pending requests lives on disk.

    Only the queue: the folder is emptied before and removed after the crawl. Resuming a
    killed crawl is the archive's business (what it stored is not fetched again); a kept
    JOBDIR would also carry the fingerprints of requests lost in flight and skip them.
    The caller holds the source's crawl lock, so no other crawl uses the folder.
    """
    if not settings.getbool("ARCHIVE_FRONTIER_ON_DISK") or settings.get("JOBDIR"):
        return None
    folder = Path(db).resolve().parent / FRONTIER_DIR / slug
    shutil.rmtree(folder, ignore_errors=True)
    settings.set("JOBDIR", str(folder), priority="cmdline")
    return folder


def _summary(db: Path, source: Source, crawler, seconds: float) -> CrawlSummary:
    crawl_id = getattr(crawler.spider, "crawl_id", None) if crawler.spider else None
    if crawl_id is None:
        return CrawlSummary(source.slug, None, "failed", 0, 0, 0, 0, 1, seconds)
    with Archive(db) as archive:
        row = archive.crawl(crawl_id)
    error = crawler.stats.get_value("archive/error")
    return CrawlSummary(
        source.slug,
        crawl_id,
        "failed" if error else row["status"],
        row["pages"],
        row["articles_new"],
        row["duplicates"],
        row["not_articles"],
        row["errors"],
        seconds,
        error,
    )
