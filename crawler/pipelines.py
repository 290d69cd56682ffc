"""Item pipelines: thin adapters from Scrapy onto extraction and the archive writer API."""

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response

from crawler.archive import Archive, ArchiveError
from crawler.extraction import ExtractOptions, NotAnArticle, extract_article
from crawler.items import ArticleFound, FetchedPage, FetchFailed

logger = logging.getLogger(__name__)

CLOSE_STATUS = {"finished": "finished", "shutdown": "interrupted"}


class ExtractPipeline:
    """Turns a fetched page into an article, or into a failure that says why it is none."""

    def process_item(self, item: object, spider: Spider) -> object:
        if not isinstance(item, FetchedPage):
            return item
        options = ExtractOptions(
            prune_xpath=spider.source.prune_xpath, declared_encoding=item.declared_encoding
        )
        try:
            article = extract_article(item.body, item.url, options)
        except NotAnArticle as exc:
            kind = "undecodable" if exc.reason == "undecodable" else "not-article"
            return FetchFailed(item.source, item.url, kind, str(exc), item.status)
        except Exception as exc:  # a page that breaks the extractor must not stop the crawl
            logger.exception("extraction failed on %s", item.url)
            return FetchFailed(item.source, item.url, "extract-error", repr(exc), item.status)
        return ArticleFound(item.source, item.url, article)


class ArchivePipeline:
    """Records the crawl run and stores every outcome through the one writer API."""

    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.archive: Archive | None = None
        self.crawl_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ArchivePipeline":
        pipeline = cls(crawler, crawler.settings.get("ARCHIVE_DB"))
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        crawler.signals.connect(pipeline.spider_error, signal=signals.spider_error)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider) -> None:
        self.archive = Archive(self.db_path)
        self.archive.register_sources([spider.source])
        settings = {"db": str(self.db_path), "user_agent": spider.settings.get("ARCHIVE_CONTACT")}
        self.crawl_id = self.archive.start_crawl(spider.source.slug, settings)
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
            self.archive.store_article(self.crawl_id, item.source, item.url, item.article)
        elif isinstance(item, FetchFailed):
            self.archive.record_error(
                self.crawl_id, item.source, item.url, item.kind, item.detail, item.status
            )

    def response_received(self, response: Response, request, spider: Spider) -> None:
        if self.archive is not None and self.crawl_id is not None:
            try:
                self.archive.count(self.crawl_id, pages=1)
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
        try:
            row = self.archive.finish_crawl(self.crawl_id, status)
            logger.info("crawl %d %s: %s", self.crawl_id, status, row)
        except ArchiveError as exc:
            logger.critical("crawl %d could not be closed: %s", self.crawl_id, exc)
        finally:
            self.archive.close()
