"""Item pipelines: thin adapters from Scrapy onto extraction and the archive writer API."""

import asyncio
import logging
import os
from collections import Counter
from dataclasses import replace

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro

from crawler.crawl import scripted
from crawler.crawl.capture_stage import PendingCapture
from crawler.crawl.items import ArticleFound, FetchedPage, FetchFailed, PageRendered, UrlAccounted
from crawler.crawl.links import LinkSieve
from crawler.crawl.worker_pool import ExtractorPool
from crawler.crawl.workers import CrawlContext, Outcome
from crawler.extract import ExtractOptions
from crawler.sources import Source
from crawler.store.archive import Archive, ArchiveError
from crawler.store.dedup import DedupSettings
from crawler.store.results import Accounted, Capture, Counts, Failure, PageResult, Result
from crawler.store.writer_thread import WriterThread, shared_writers

logger = logging.getLogger(__name__)

PAGE_COUNT_BATCH = 25
SHELL_DETAIL = 'its text is filled in by scripts: set render = "auto" in sources.toml'
CLOSE_STATUS = {"finished": "finished", "shutdown": "interrupted"}


class ExtractPipeline:
    """Turns a fetched page into an article, or into a failure that says why it is none.

    Extraction runs in `EXTRACT_WORKERS` processes off the reactor, mostly before the page
    reaches the spider (`PageAnalysisMiddleware` asks `analyse`, which also reads the page's
    links); a page that comes without that analysis is extracted here. The pipeline also learns
    the portal's template: block fingerprints of the first article pages of a crawl are counted,
    and blocks on most of them are saved for the next crawl's extraction.
    """

    def __init__(
        self,
        db_path: str,
        workers: int,
        sample_pages: int,
        min_pages: int,
        min_share: float,
        dedup: DedupSettings | None = None,
    ) -> None:
        self.db_path = db_path
        self.workers = workers
        self.dedup = dedup or DedupSettings()
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
            DedupSettings.from_settings(settings),
        )

    def open_spider(self, spider: Spider) -> None:
        with Archive(self.db_path) as archive:
            template = archive.load_template(spider.source.slug)
        self.options = ExtractOptions(
            prune_xpath=spider.source.prune_xpath, template_blocks=template
        )
        self.pool = ExtractorPool(self.workers, CrawlContext(LinkSieve(spider.source), self.dedup))
        logger.info("%s: %d learned template blocks", spider.source.slug, len(template))

    def close_spider(self, spider: Spider) -> None:
        self.pool.close()
        if self.sampled < self.min_pages:
            return
        learned = frozenset(d for d, n in self.counts.items() if n >= self.min_share * self.sampled)
        with Archive(self.db_path) as archive:
            archive.save_template(spider.source.slug, learned, self.sampled)

    def analyse(
        self,
        body: bytes,
        url: str,
        declared_encoding: str | None,
        candidate: bool,
        expected: bool = False,
        sieved: bool = False,
    ) -> "asyncio.Future[Outcome]":
        """A fetched HTML page's links, and its article if it may be one, from a worker;
        `expected`: found as an article (sitemap, feed, article_pattern), kept when unsure;
        `sieved`: only links not passed on before."""
        options = replace(
            self.options, declared_encoding=declared_encoding, expected_article=expected
        )
        sample = candidate and self.sampled < self.sample_pages
        return self.pool.analyse(body, url, options, candidate, sample, sieved)

    def process_item(self, item: object, spider: Spider) -> object:
        """The page's outcome; a Deferred only when it was not analysed yet (a coroutine per
        item costs Scrapy's reactor more than the rest of this method)."""
        if not isinstance(item, FetchedPage):
            return item
        outcome = item.analysis
        if outcome is None or (outcome.article is None and outcome.failure_kind is None):
            return deferred_from_coro(self._extracted(item, spider))
        return self._outcome_item(item, outcome, spider)

    async def _extracted(self, item: FetchedPage, spider: Spider) -> object:
        options = replace(
            self.options,
            declared_encoding=item.declared_encoding,
            expected_article=item.expected_article,
        )
        sample = self.sampled < self.sample_pages
        outcome = await self.pool.run(item.body, item.url, options, sample)
        return self._outcome_item(item, outcome, spider)

    def _outcome_item(self, item: FetchedPage, outcome: Outcome, spider: Spider) -> object:
        if outcome.article is None:
            kind, detail = outcome.failure_kind, outcome.failure_detail
            if spider.source.render == "http" and scripted.is_script_shell(item.body):
                kind, detail = "needs-browser", f"{detail}; {SHELL_DETAIL}"
            return FetchFailed(item.source, item.url, kind, detail, item.status, item.discovered)
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
            capture=item.capture,
            discovered=item.discovered,
            keys=outcome.keys,
        )


class ArchivePipeline:
    """Records the crawl run and hands every outcome to the archive's one writer.

    The writer (`WriterThread`) commits results in groups on a thread of its own, behind a
    bounded queue: an item waits for room there, which holds back Scrapy's scraper and, through
    it, the downloads, so nothing grows without bound when the disk is slow. Crawls of one
    process into one archive share its writer (`shared_writers`). The run's own rows (start,
    finish, counters at the close) go through `self.archive` on the reactor.
    """

    def __init__(
        self, crawler: Crawler, db_path: str, dedup: DedupSettings, writer_settings: dict
    ) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.dedup = dedup
        self.writer_settings = writer_settings
        self.source: Source | None = None
        self.archive: Archive | None = None
        self.writer: WriterThread | None = None
        self.crawl_id: int | None = None
        self.pages_unwritten = 0
        self._closers: list = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ArchivePipeline":
        settings = crawler.settings
        writer_settings = {
            "max_batch": settings.getint("ARCHIVE_WRITE_BATCH"),
            "max_delay": settings.getfloat("ARCHIVE_WRITE_DELAY"),
            "queue_size": settings.getint("ARCHIVE_WRITE_QUEUE"),
        }
        dedup = DedupSettings.from_settings(settings)
        pipeline = cls(crawler, settings.get("ARCHIVE_DB"), dedup, writer_settings)
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
        self.writer = shared_writers.join(self.db_path, dedup=self.dedup, **self.writer_settings)
        self.writer.on_failure.append(self._writer_failed)
        logger.info("crawl %d of %s into %s", self.crawl_id, spider.source.slug, self.db_path)

    def _writer_failed(self, exc: BaseException) -> None:
        """On the writer thread: stop the crawl from the reactor, whoever is still producing."""
        from twisted.internet import reactor  # the installed one; importing early would install

        error = exc if isinstance(exc, ArchiveError) else ArchiveError(f"archive writer: {exc}")
        reactor.callFromThread(self._stop_soon, error)

    def _stop_soon(self, error: ArchiveError) -> None:
        try:
            self._stop(self.crawler.spider, error)
        except RuntimeError:  # the engine closed the spider meanwhile
            logger.debug("writer failed after the crawl closed: %s", error)

    def on_writer_closed(self, closer) -> None:
        """Run `closer` once the writer thread has stopped (the WARC file's close)."""
        self._closers.append(closer)

    def process_item(self, item: object, spider: Spider) -> object:
        """Queue the item's result; a Deferred only when the writer's queue is full."""
        result = self._result(item)
        pending = getattr(item, "capture", None)
        try:
            if isinstance(pending, PendingCapture) and isinstance(result, PageResult):
                # its records are ahead of it in the writer's queue: stored with their place
                queued = self.writer.defer(self._add_captured, result, pending)
            else:
                queued = result is None or self.writer.offer(result)
        except ArchiveError as exc:
            self._stop(spider, exc)
            raise DropItem(str(exc)) from exc
        if queued:
            return item
        return deferred_from_coro(self._queued(item, result, pending, spider))

    async def _queued(self, item: object, result: Result, pending, spider: Spider) -> object:
        try:
            if isinstance(pending, PendingCapture) and isinstance(result, PageResult):
                await self.writer.defer_async(self._add_captured, result, pending)
            else:
                await self.writer.put_async(result)
        except ArchiveError as exc:
            self._stop(spider, exc)
            raise DropItem(str(exc)) from exc
        return item

    def _add_captured(self, result: PageResult, pending: PendingCapture) -> None:
        """On the writer thread: the result, with where its page's records were written."""
        self.writer.add(replace(result, capture=pending.capture))

    def _stop(self, spider: Spider, exc: ArchiveError) -> None:
        """Nothing more can be stored: stop, and leave the reason for the CLI to report."""
        if self.crawler.stats.get_value("archive/error") is None:
            logger.critical("archive write failed, stopping the crawl: %s", exc)
            self.crawler.stats.set_value("archive/error", str(exc))
            self.crawler.engine.close_spider(spider, "archive-error")

    def _result(self, item: object) -> Result | None:
        if isinstance(item, ArticleFound):
            capture = item.capture if isinstance(item.capture, Capture) else None
            if capture is None and item.warc_file is not None:
                capture = Capture(item.warc_file, item.warc_offset)
            return self._page(
                item.url, item.requested_url, item.discovered, capture, item.article, keys=item.keys
            )
        if isinstance(item, FetchFailed):
            failure = Failure(item.kind, item.detail, item.status)
            return self._page(item.url, None, item.discovered, None, failure=failure)
        if isinstance(item, UrlAccounted):
            return Accounted(
                self.crawl_id, item.source, item.url, item.discovered, item.outcome, item.detail
            )
        if isinstance(item, PageRendered):
            return item.result(self.crawl_id)
        return None

    def _page(
        self, url, requested, discovered, capture, article=None, failure=None, keys=None
    ) -> PageResult:
        return PageResult(
            self.source.slug,
            self.crawl_id,
            url,
            requested_url=requested,
            discovered=discovered,
            article=article,
            failure=failure,
            capture=capture,
            source_kind=self.source.kind,
            allowed_domains=self.source.allowed_domains,
            keys=keys,
        )

    def response_received(self, response: Response, request, spider: Spider) -> None:
        # Counted in memory and handed over in batches, not as one result per response.
        self.pages_unwritten += 1
        if self.pages_unwritten >= PAGE_COUNT_BATCH:
            self._write_page_count(spider)

    def _write_page_count(self, spider: Spider) -> None:
        if self.writer is None or self.crawl_id is None or not self.pages_unwritten:
            return
        try:
            if self.writer.offer(Counts(self.crawl_id, {"pages": self.pages_unwritten})):
                self.pages_unwritten = 0  # else counted on, and offered with the next batch
        except ArchiveError as exc:
            self._stop(spider, exc)

    def spider_error(self, failure, response: Response, spider: Spider) -> None:
        if self.writer is None:
            return
        result = self._page(
            response.url,
            None,
            None,
            None,
            failure=Failure("spider-error", failure.getErrorMessage(), response.status),
        )
        asyncio.ensure_future(self._put_logged(result))

    async def _put_logged(self, result: PageResult) -> None:
        try:
            await self.writer.put_async(result)
        except ArchiveError as exc:
            logger.error("not recorded (%s): %s %s", exc, result.url, result.failure)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None:
            return
        status = CLOSE_STATUS.get(
            reason, "finished" if reason.startswith("closespider") else "failed"
        )
        try:
            self._close_writer()
        except ArchiveError as exc:
            logger.critical("crawl %d: the last results were not stored: %s", self.crawl_id, exc)
            if self.crawler.stats.get_value("archive/error") is None:
                self.crawler.stats.set_value("archive/error", str(exc))
            status = "failed"
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
            if self.crawler.stats.get_value("archive/error") is None:
                self.crawler.stats.set_value("archive/error", str(exc))
        finally:
            self.archive.close()

    def _close_writer(self) -> None:
        """Commit everything queued (the last page count too), then close the WARC file."""
        try:
            if self.pages_unwritten:
                self.writer.put(Counts(self.crawl_id, {"pages": self.pages_unwritten}))
                self.pages_unwritten = 0
            if self._writer_failed in self.writer.on_failure:
                self.writer.on_failure.remove(self._writer_failed)
            shared_writers.leave(self.writer)
        finally:
            for closer in self._closers:
                closer()
