"""Runs portal crawls in this process with the project's Scrapy settings and CLI overrides."""

import os
import time
from dataclasses import dataclass
from pathlib import Path

from crawler.sources import Source
from crawler.store.archive import Archive


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
    for source in sources:
        crawler = process.create_crawler(PortalSpider)
        crawlers.append((source, crawler))
        process.crawl(crawler, source=source)
    started = time.monotonic()
    process.start()
    seconds = time.monotonic() - started
    return [_summary(db, source, crawler, seconds) for source, crawler in crawlers]


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
