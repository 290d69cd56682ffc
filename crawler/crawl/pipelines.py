"""Item pipelines: thin adapters from Scrapy onto extraction and the archive writer API."""

import logging
import os
from collections import Counter
from dataclasses import replace

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response

from crawler.crawl import scripted
from crawler.crawl.items import ArticleFound, FetchedPage, FetchFailed, PageRendered
from crawler.crawl.workers import ExtractorPool
from crawler.extract import ExtractOptions
from crawler.sources import Source
from crawler.store.archive import Archive, ArchiveError
from crawler.store.dedup import DedupSettings

logger = logging.getLogger(__name__)

PAGE_COUNT_BATCH = 25
SHELL_DETAIL = 'its text is filled in by scripts: set render = "auto" in sources.toml'
CLOSE_STATUS = {"finished": "finished", "shutdown": "interrupted"}


class ExtractPipeline:
    """Turns a fetched page into an article, or into a failure that says why it is none.

    Extraction runs in `EXTRACT_WORKERS` processes off the reactor. The pipeline also learns
    the portal's template: block fingerprints of the first article pages of a crawl are counted,
    and blocks on most of them are saved for the next crawl's extraction.
    """

    def __init__(
        self, db_path: str, workers: int, sample_pages: int, min_pages: int, min_share: float
    ) -> None:
        self.db_path = db_path
        self.workers = workers
        self.sample_pages = sample_pages
        self.min_pages = min_pages
        self.min_share = min_share
        self.counts: Counter[str] = Counter()
        self.sampled = 0
        self.options = ExtractOptions()
        self.pool: ExtractorPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractPipeline":
        settings = crawler.settings
        return cls(
            settings.get("ARCHIVE_DB"),
            settings.getint("EXTRACT_WORKERS"),
            settings.getint("TEMPLATE_SAMPLE_PAGES"),
            settings.getint("TEMPLATE_MIN_PAGES"),
            settings.getfloat("TEMPLATE_MIN_SHARE"),
        )

    def open_spider(self, spider: Spider) -> None:
        with Archive(self.db_path) as archive:
            template = archive.load_template(spider.source.slug)
        self.options = ExtractOptions(
            prune_xpath=spider.source.prune_xpath, template_blocks=template
        )
        self.pool = ExtractorPool(self.workers)
        logger.info("%s: %d learned template blocks", spider.source.slug, len(template))

    def close_spider(self, spider: Spider) -> None:
        self.pool.close()
        if self.sampled < self.min_pages:
            return
        learned = frozenset(d for d, n in self.counts.items() if n >= self.min_share * self.sampled)
        with Archive(self.db_path) as archive:
            archive.save_template(spider.source.slug, learned, self.sampled)

    async def process_item(self, item: object, spider: Spider) -> object:
        if not isinstance(item, FetchedPage):
            return item
        options = replace(self.options, declared_encoding=item.declared_encoding)
        sample = self.sampled < self.sample_pages
        outcome = await self.pool.run(item.body, item.url, options, sample)
        if outcome.article is None:
            kind, detail = outcome.failure_kind, outcome.failure_detail
            if spider.source.render == "http" and scripted.is_script_shell(item.body):
                kind, detail = "needs-browser", f"{detail}; {SHELL_DETAIL}"
            return FetchFailed(item.source, item.url, kind, detail, item.status)
        if outcome.fingerprints and self.sampled < self.sample_pages:
            self.counts.update(outcome.fingerprints)
            self.sampled += 1
        return ArticleFound(
            item.source,
            item.url,
            outcome.article,
            requested_url=item.requested_url,
            warc_file=item.warc_file,
            warc_offset=item.warc_offset,
        )


class ArchivePipeline:
    """Records the crawl run and stores every outcome through the one writer API."""

    def __init__(self, crawler: Crawler, db_path: str, dedup: DedupSettings) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.dedup = dedup
        self.source: Source | None = None
        self.archive: Archive | None = None
        self.crawl_id: int | None = None
        self.pages_unwritten = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ArchivePipeline":
        settings = crawler.settings
        pipeline = cls(crawler, settings.get("ARCHIVE_DB"), DedupSettings.from_settings(settings))
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        crawler.signals.connect(pipeline.spider_error, signal=signals.spider_error)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider) -> None:
        self.source = spider.source
        self.archive = Archive(self.db_path, dedup=self.dedup)
        self.archive.register_sources([spider.source])
        self.archive.interrupt_stale_crawls(spider.source.slug)
        settings = {"db": str(self.db_path), "user_agent": spider.settings.get("ARCHIVE_CONTACT")}
        self.crawl_id = self.archive.start_crawl(spider.source.slug, settings)
        self.archive.set_crawl_process(self.crawl_id, os.getpid())
        spider.crawl_id = self.crawl_id
        logger.info("crawl %d of %s into %s", self.crawl_id, spider.source.slug, self.db_path)

    def process_item(self, item: object, spider: Spider) -> object:
        try:
            self._store(item)
        except ArchiveError as exc:
            self._stop(spider, exc)
            raise DropItem(str(exc)) from exc
        return item

    def _stop(self, spider: Spider, exc: ArchiveError) -> None:
        """Nothing more can be stored: stop, and leave the reason for the CLI to report."""
        if self.crawler.stats.get_value("archive/error") is None:
            logger.critical("archive write failed, stopping the crawl: %s", exc)
            self.crawler.stats.set_value("archive/error", str(exc))
            self.crawler.engine.close_spider(spider, "archive-error")

    def _store(self, item: object) -> None:
        if isinstance(item, ArticleFound):
            domains = self.source.allowed_domains
            # A re-fetched URL whose text changed keeps its old text as a version first.
            self.archive.refresh_article(self.crawl_id, item.url, item.article, domains)
            self.archive.store_article(
                self.crawl_id,
                item.source,
                item.url,
                item.article,
                fetched_url=item.requested_url,
                source_kind=self.source.kind,
                allowed_domains=domains,
            )
            if item.warc_file is not None:
                self.archive.set_capture(
                    item.url, item.article, domains, item.warc_file, item.warc_offset
                )
        elif isinstance(item, FetchFailed):
            self.archive.record_error(
                self.crawl_id, item.source, item.url, item.kind, item.detail, item.status
            )
        elif isinstance(item, PageRendered):
            self.archive.record_render(self.crawl_id, item)

    def response_received(self, response: Response, request, spider: Spider) -> None:
        # Counted in memory and written in batches: a transaction (and an fsync) per
        # response would cost more than the response.
        self.pages_unwritten += 1
        if self.pages_unwritten >= PAGE_COUNT_BATCH:
            self._write_page_count(spider)

    def _write_page_count(self, spider: Spider) -> None:
        if self.archive is None or self.crawl_id is None or not self.pages_unwritten:
            return
        try:
            self.archive.count(self.crawl_id, pages=self.pages_unwritten)
            self.pages_unwritten = 0
        except ArchiveError as exc:
            self._stop(spider, exc)

    def spider_error(self, failure, response: Response, spider: Spider) -> None:
        if self.archive is not None:
            self.archive.record_error(
                self.crawl_id,
                spider.source.slug,
                response.url,
                "spider-error",
                failure.getErrorMessage(),
                response.status,
            )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None:
            return
        status = CLOSE_STATUS.get(
            reason, "finished" if reason.startswith("closespider") else "failed"
        )
        self._write_page_count(spider)
        try:
            skipped = self.crawler.stats.get_value("archive/not_refetched", 0)
            if skipped:
                self.archive.count_not_refetched(self.crawl_id, skipped)
            links = self.crawler.stats.get_value("archive/article_links", 0)
            self.archive.set_article_links(self.crawl_id, links)
            row = self.archive.finish_crawl(self.crawl_id, status)
            logger.info("crawl %d %s: %s", self.crawl_id, status, row)
        except ArchiveError as exc:
            logger.critical("crawl %d could not be closed: %s", self.crawl_id, exc)
        finally:
            self.archive.close()
