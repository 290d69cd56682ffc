"""Scrapy components for running crawls: WARC capture of every response, and progress reports.

Both are thin: the WARC writing lives in `crawler.crawl.capture`, the digest index in the archive.
"""

import logging
import sys
import time

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.crawl.capture import Exchange
from crawler.crawl.capture_stage import ArchiveCaptureStage, CaptureStage
from crawler.crawl.items import ArticleFound, FetchFailed
from crawler.crawl.pipelines import ArchivePipeline
from crawler.crawl.render import render_outcome
from crawler.store.archive import ArchiveError
from crawler.store.results import Capture

logger = logging.getLogger(__name__)


class WarcCaptureMiddleware:
    """Writes every HTTP response, with its request, to the crawl's WARC file.

    It sits next to the downloader (order 950; responses pass middlewares from the highest
    order down, so before HttpCompressionMiddleware at 590): it sees the body as the server
    sent it, still gzip- or br-encoded, with its Content-Encoding header. Redirects and
    retried error responses are captured too. The writing itself happens on the archive
    writer's thread (`CaptureStage`), in the order of its queue, whose bound holds the
    downloads back when the disk is slow. The record's location travels on in
    `request.meta["capture"]` (a `PendingCapture` until written). A page rendered in the
    browser is captured as every response the browser received, then its DOM as a
    `conversion` record; the DOM's location travels on.
    """

    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.stage: CaptureStage | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WarcCaptureMiddleware":
        if not crawler.settings.getbool("ARCHIVE_CAPTURE"):
            raise NotConfigured
        return cls(crawler, crawler.settings.get("ARCHIVE_DB"))

    def process_response(self, request: Request, response: Response, spider: Spider):
        """The response, once its capture is queued; a Deferred only when that has to wait
        (a full writer queue, a page rendered in the browser): a coroutine for every response
        costs Scrapy's reactor more than the capture's own hand-over."""
        stage = self._open(spider)
        if stage is None:
            return response
        exchange = self._exchange(request, response, spider)
        outcome = render_outcome(request)
        if outcome is not None and "playwright" in response.flags:
            return deferred_from_coro(self._later(request, response, spider, exchange, outcome))
        try:
            capture = stage.capture_nowait(exchange)
        except (OSError, ArchiveError) as exc:
            raise self._failed(spider, exc) from exc
        if capture is None:  # the writer's queue is full: wait for room
            return deferred_from_coro(self._later(request, response, spider, exchange))
        return self._noted(request, response, capture)

    async def _later(self, request, response, spider, exchange, rendered=None) -> Response:
        try:
            if rendered is None:
                capture = await self.stage.capture(exchange)
            else:
                ctype = f"text/html; charset={getattr(response, 'encoding', None) or 'utf-8'}"
                capture = await self.stage.run(self.stage.write_rendered, rendered, exchange, ctype)
        except (OSError, ArchiveError) as exc:
            raise self._failed(spider, exc) from exc
        return self._noted(request, response, capture)

    @staticmethod
    def _noted(request: Request, response: Response, capture) -> Response:
        if isinstance(capture, Capture):
            request.meta["warc_file"] = capture.warc_file
            request.meta["warc_offset"] = capture.offset
        request.meta["capture"] = capture  # or a PendingCapture, filled in when written
        return response

    def _failed(self, spider: Spider, exc: Exception) -> IgnoreRequest:
        """A page we cannot capture would be archived without its provenance: stop the crawl
        (a full disk, an unwritable captures folder) and leave the reason for the CLI."""
        if self.crawler.stats.get_value("archive/error") is None:
            logger.critical("capture failed, stopping the crawl: %s", exc)
            self.crawler.stats.set_value("archive/error", f"capture failed: {exc}")
            self.crawler.engine.close_spider(spider, "capture-error")
        return IgnoreRequest(f"capture failed: {exc}")

    def _open(self, spider: Spider) -> CaptureStage | None:
        crawl_id = getattr(spider, "crawl_id", None)
        if self.stage is None and crawl_id is not None:
            archive = self.crawler.get_item_pipeline(ArchivePipeline)
            if archive is None or archive.writer is None:
                return None
            self.stage = ArchiveCaptureStage(
                archive.writer, self.db_path, spider.source.slug, crawl_id
            )
            archive.on_writer_closed(self.stage.close)
        return self.stage

    @staticmethod
    def _exchange(request: Request, response: Response, spider: Spider) -> Exchange:
        candidate = bool(request.meta.get("candidate"))
        if not candidate and hasattr(spider, "is_article_url"):
            candidate = spider.is_article_url(response.url)
        return Exchange(
            url=response.url,
            status=response.status,
            headers=_header_pairs(response.headers),
            body=response.body,
            method=request.method,
            request_headers=_header_pairs(request.headers),
            protocol=response.protocol or "HTTP/1.1",
            metadata={
                "crawl_id": getattr(spider, "crawl_id", None),
                "source": getattr(getattr(spider, "source", None), "slug", None),
                "candidate": candidate,
                "lastmod": request.meta.get("lastmod"),
                "discovered": request.meta.get("discovered"),
            },
        )


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class CrawlProgress:
    """Pages, articles, errors and rate: a live line on a terminal, a log line otherwise.

    PROGRESS_INTERVAL seconds between log lines when stderr is not a terminal (0 disables);
    on a terminal the line is redrawn every second.
    """

    def __init__(self, crawler: Crawler, interval: float, live: bool) -> None:
        self.crawler = crawler
        self.interval = 1.0 if live else interval
        self.live = live
        self.counts = {"pages": 0, "articles": 0, "errors": 0}
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CrawlProgress":
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        progress = cls(crawler, interval, sys.stderr.isatty())
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(progress.response_received, signal=signals.response_received)
        crawler.signals.connect(progress.item_scraped, signal=signals.item_scraped)
        return progress

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report, spider)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live:
            sys.stderr.write("\n")

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        self.counts["pages"] += 1

    def item_scraped(self, item: object, response: Response, spider: Spider) -> None:
        if isinstance(item, ArticleFound):
            self.counts["articles"] += 1
        elif isinstance(item, FetchFailed) and item.kind != "not-article":
            self.counts["errors"] += 1

    def report(self, spider: Spider) -> None:
        line = self.line(spider.name, time.monotonic() - self.started)
        if self.live:
            sys.stderr.write(f"\r{line}\033[K")
            sys.stderr.flush()
        else:
            logger.info(line)

    def line(self, name: str, seconds: float) -> str:
        rate = self.counts["pages"] / seconds * 60 if seconds > 0 else 0.0
        source = getattr(getattr(self.crawler.spider, "source", None), "slug", name)
        return (
            f"{source}: {self.counts['pages']} pages, {self.counts['articles']} articles, "
            f"{self.counts['errors']} errors, {rate:.0f} pages/min, {seconds:.0f}s"
        )
