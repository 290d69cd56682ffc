"""A worker's Scrapy components: results to the stream, its own WARC files, its heartbeat.

A worker never opens the SQLite archive: `ClusterExtractPipeline` extracts with the learned
template `archive ingest` published to Redis (it learns none), `ClusterResultPipeline` pushes
each outcome onto the results stream as a `PageResult` (crawl_id None: the ingest knows the
run's crawl), and
`ClusterWarcCapture` writes captures/<slug>/<worker>-<time>.warc.gz under CLUSTER_WARC_DIR,
names no two workers share. `ClusterWorker` beats the heart, puts back dead workers' leases,
and ends a portal's batch run when the cluster has nothing left of it.
"""

import asyncio
import logging
import time
from datetime import UTC, datetime

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DropItem, NotConfigured
from twisted.internet import task

from crawler.cluster import workers
from crawler.cluster.config import ClusterConfig
from crawler.cluster.stream import ResultStream
from crawler.crawl.capture import CAPTURES_DIR
from crawler.crawl.capture_stage import CaptureStage
from crawler.crawl.cluster_scheduler import stop_worker
from crawler.crawl.extensions import WarcCaptureMiddleware
from crawler.crawl.items import ArticleFound, FetchFailed, PageRendered, UrlAccounted
from crawler.crawl.pipelines import ExtractPipeline
from crawler.crawl.worker_pool import ExtractorPool
from crawler.extract import ExtractOptions
from crawler.store.results import Accounted, Capture, Counts, Failure, PageResult

logger = logging.getLogger(__name__)

PAGE_COUNT_BATCH = 25
RUN_REFRESH = 2.0  # seconds a worker trusts its reading of the portal's open run


class ClusterExtractPipeline(ExtractPipeline):
    """Extraction as in a local crawl, with the learned template the ingest published."""

    def open_spider(self, spider: Spider) -> None:
        config = ClusterConfig.from_settings(spider.settings)
        template = workers.learned_template(config.client(), config.keys, spider.source.slug)
        self.options = ExtractOptions(
            prune_xpath=spider.source.prune_xpath, template_blocks=template
        )
        self.pool = ExtractorPool(self.workers)
        logger.info("%s: %d learned template blocks", spider.source.slug, len(template))

    def close_spider(self, spider: Spider) -> None:
        self.pool.close()


class ClusterResultPipeline:
    """Every outcome onto the results stream, with the batch run it belongs to."""

    def __init__(self, crawler: Crawler, config: ClusterConfig) -> None:
        self.crawler = crawler
        client = config.client()
        self.stream = ResultStream(client, config.keys)
        self.frontier = config.frontier(client)
        self.stream_max = config.stream_max
        self.run: tuple[str, float] = ("", 0.0)
        self.pages_unpushed = 0
        self.pushed = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterResultPipeline":
        pipeline = cls(crawler, ClusterConfig.from_settings(crawler.settings))
        crawler.signals.connect(pipeline.response_received, signal=signals.response_received)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.spider_error, signal=signals.spider_error)
        return pipeline

    def spider_error(self, failure, response, spider: Spider) -> None:
        """A callback that raised is recorded like in a local crawl, not only logged."""
        url = getattr(response, "url", None) or response.request.url  # a Failure in an errback
        item = FetchFailed(
            spider.source.slug,
            url,
            "spider-error",
            failure.getErrorMessage(),
            getattr(response, "status", None),
        )
        try:
            slug = spider.source.slug
            self.stream.push(self.run_key(slug), slug, page_result(item, spider.source))
        except redis.RedisError as exc:
            stop_worker(self.crawler, exc)

    async def process_item(self, item: object, spider: Spider) -> object:
        result = page_result(item, spider.source)
        if result is not None:
            try:
                await self._room()
                self.stream.push(self.run_key(spider.source.slug), spider.source.slug, result)
            except redis.RedisError as exc:
                stop_worker(self.crawler, exc)
                raise DropItem(f"not pushed: {exc}") from exc
            self.pushed += 1
        return item

    async def _room(self) -> None:
        """Back-pressure: wait while the ingest is far behind (CLUSTER_STREAM_MAX)."""
        if self.pushed % 100 == 0:
            while self.stream.length() > self.stream_max:
                await asyncio.sleep(1.0)

    def run_key(self, slug: str) -> str:
        key, read = self.run
        if time.monotonic() - read > RUN_REFRESH:
            key = self.frontier.current_run(slug) or key or f"{slug}@unattributed"
            self.run = (key, time.monotonic())
        return key

    def response_received(self, response, request, spider: Spider) -> None:
        self.pages_unpushed += 1
        if self.pages_unpushed >= PAGE_COUNT_BATCH:
            self._push_pages(spider)

    def _push_pages(self, spider: Spider) -> None:
        if self.pages_unpushed:
            counts = Counts(0, {"pages": self.pages_unpushed}).to_bytes()
            self.stream.push(self.run_key(spider.source.slug), spider.source.slug, counts)
            self.pages_unpushed = 0

    def spider_closed(self, spider: Spider) -> None:
        self._push_pages(spider)


def page_result(item: object, source) -> bytes | None:
    """A pipeline item as result bytes; None for what is not a page outcome."""
    common = {
        "source": source.slug,
        "crawl_id": None,
        "source_kind": source.kind,
        "allowed_domains": tuple(source.allowed_domains),
    }
    if isinstance(item, ArticleFound):
        capture = item.capture
        if capture is None and item.warc_file is not None:
            capture = Capture(item.warc_file, item.warc_offset)
        result = PageResult(
            url=item.url,
            requested_url=item.requested_url,
            discovered=item.discovered,
            article=item.article,
            capture=capture,
            **common,
        )
    elif isinstance(item, FetchFailed):
        failure = Failure(item.kind, item.detail, item.status)
        result = PageResult(url=item.url, failure=failure, discovered=item.discovered, **common)
    elif isinstance(item, UrlAccounted):  # found, not fetched: still in the completeness account
        result = Accounted(0, source.slug, item.url, item.discovered, item.outcome, item.detail)
    elif isinstance(item, PageRendered):
        result = item.result(0)
    else:
        return None
    return result.to_bytes()


class ClusterWarcCapture(WarcCaptureMiddleware):
    """WARC capture into this worker's own file, captures/<slug>/<worker>-<time>.warc.gz."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterWarcCapture":
        middleware = super().from_crawler(crawler)
        config = ClusterConfig.from_settings(crawler.settings)
        middleware.base_dir = config.warc_dir
        middleware.worker = config.worker_id
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def _open(self, spider: Spider) -> CaptureStage:
        """The worker's own file, written on the reactor: revisits refer to its own records."""
        if self.stage is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            name = f"{CAPTURES_DIR}/{spider.source.slug}/{self.worker}-{stamp}.warc.gz"
            self.stage = CaptureStage(self.base_dir, name)
        return self.stage

    def spider_closed(self, spider: Spider) -> None:
        if self.stage is not None:
            self.stage.close()


class ClusterWorker:
    """Heartbeat, reclaim of dead workers' leases, and the end of a portal's batch run."""

    def __init__(self, crawler: Crawler, config: ClusterConfig, until_idle: bool) -> None:
        self.crawler = crawler
        self.config = config
        self.until_idle = until_idle
        self.client = config.client()
        self.frontier = config.frontier(self.client)
        self.slug = ""
        self.idle_since: float | None = None
        self.pages = 0
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterWorker":
        if not crawler.settings.get("CLUSTER_REDIS_URL"):
            raise NotConfigured
        config = ClusterConfig.from_settings(crawler.settings)
        worker = cls(crawler, config, crawler.settings.getbool("CLUSTER_UNTIL_IDLE"))
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(worker.response_received, signal=signals.response_received)
        return worker

    def spider_opened(self, spider: Spider) -> None:
        self.slug = spider.source.slug
        self.started = time.monotonic()
        self.heartbeat()
        self.loop = task.LoopingCall(self.heartbeat)
        self.loop.start(self.config.heartbeat, now=False)

    def response_received(self, response, request, spider: Spider) -> None:
        self.pages += 1

    def heartbeat(self) -> None:
        try:
            self._beat()
        except redis.RedisError as exc:
            stop_worker(self.crawler, exc)

    def _beat(self) -> None:
        seconds = max(1e-6, time.monotonic() - self.started)
        stats = {"pages": self.pages, "pages_per_s": round(self.pages / seconds, 2)}
        workers.beat(
            self.client,
            self.config.keys,
            self.config.worker_id,
            self.slug,
            stats,
            self.config.worker_timeout,
        )
        reclaimed = self.frontier.reclaim()
        if reclaimed:
            logger.warning("put %d requests of dead workers back on the queues", reclaimed)
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()  # look at the shared queue now, not at the next tick

    def spider_idle(self, spider: Spider) -> None:
        queued, in_flight = self.frontier.busy(self.slug)
        now = time.monotonic()
        if queued or in_flight:
            self.idle_since = None
            raise DontCloseSpider
        self.idle_since = self.idle_since or now
        if now - self.idle_since < self.config.idle_seconds:
            raise DontCloseSpider
        run = self.frontier.finish_run(self.slug)
        if run:
            logger.info("%s: batch run %s finished: nothing queued or in flight", self.slug, run)
        if not self.until_idle:
            self.idle_since = None
            raise DontCloseSpider

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.crawler.stats.get_value("archive/error") is None:
            workers.leave(self.client, self.config.keys, self.config.worker_id, self.slug)
