"""Scrapy's scheduler interface over the shared Redis frontier, and seeding a batch run.

`ClusterScheduler` replaces Scrapy's scheduler and dupefilter in a worker: requests go to the
portal's Redis queue once the cluster seen-set lets them through, and come back leased. A lease
is released once the engine is done with its request, i.e. every item of its response went
through the pipelines (the last one pushes results to the stream), so a worker killed at any
moment leaves its unfinished requests leased, and another worker gets them back.
Requests travel as JSON (bytes tagged in base64), never pickled: a shared Redis is no place
to accept code from.
"""

import base64
import json
import logging
from datetime import UTC, datetime
from typing import Any

import redis
from scrapy import Request, Spider
from scrapy.core.scheduler import BaseScheduler
from scrapy.crawler import Crawler
from scrapy.utils.request import fingerprint, request_from_dict
from twisted.internet import task

from crawler.cluster.config import ClusterConfig
from crawler.cluster.frontier import Frontier
from crawler.cluster.seen import SeenSet

logger = logging.getLogger(__name__)

LEASE = "cluster_lease"  # request.meta key: the frontier id a request was leased under
RELEASE_INTERVAL = 1.0


def encode_request(request: Request, spider: Spider) -> bytes:
    data = request.to_dict(spider=spider)
    data["meta"] = {k: v for k, v in data["meta"].items() if k != LEASE and _jsonable(v)}
    data["headers"] = {
        name.decode("latin-1"): [value.decode("latin-1") for value in values]
        for name, values in data["headers"].items()
    }
    return json.dumps(data, default=_tag_bytes, separators=(",", ":")).encode("utf-8")


def decode_request(payload: bytes, spider: Spider) -> Request:
    return request_from_dict(json.loads(payload, object_hook=_untag_bytes), spider=spider)


def _tag_bytes(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot serialize {type(value).__name__}")


def _untag_bytes(value: dict) -> Any:
    return base64.b64decode(value["$b"]) if value.keys() == {"$b"} else value


def _jsonable(value: Any) -> bool:
    """Meta values a request can carry across machines; others (objects) stay behind."""
    try:
        json.dumps(value, default=_tag_bytes)
    except (TypeError, ValueError):
        return False
    return True


def stop_worker(crawler: Crawler, exc: Exception) -> None:
    """Redis failed under us: stop, releasing nothing more, so every request this worker
    holds stays leased and goes to another worker once this one's heartbeat expires."""
    if crawler.stats.get_value("archive/error") is None:
        logger.critical("cluster Redis failed, stopping the worker: %s", exc)
        crawler.stats.set_value("archive/error", f"redis: {exc}")
        crawler.engine.close_spider(crawler.spider, "cluster-error")


def new_run_key(slug: str) -> str:
    return f"{slug}@{datetime.now(UTC).strftime('%Y%m%dT%H%M%S.%fZ')}"


class ClusterScheduler(BaseScheduler):
    def __init__(self, crawler: Crawler, frontier: Frontier, seen: SeenSet, worker: str) -> None:
        self.crawler = crawler
        self.frontier = frontier
        self.seen = seen
        self.worker = worker
        self.slug = ""
        self.spider: Spider | None = None
        self.leased: set[str] = set()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterScheduler":
        config = ClusterConfig.from_settings(crawler.settings)
        client = config.client()
        return cls(crawler, config.frontier(client), config.seen_set(client), config.worker_id)

    def open(self, spider: Spider) -> None:
        if not hasattr(self.crawler.engine, "_slot"):  # leases would be released too early
            raise RuntimeError("this Scrapy's engine keeps no in-progress set: pin scrapy 2.13")
        self.spider = spider
        self.slug = spider.source.slug
        self.loop = task.LoopingCall(self.release_done)
        self.loop.start(RELEASE_INTERVAL, now=False)

    def close(self, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.release_done()
        if self.crawler.stats.get_value("archive/error") is not None:
            return
        # what the engine dropped unfinished (a shutdown) goes back for another worker
        back = self.frontier.requeue(self.worker, self.slug)
        if back:
            logger.info("%s: %d unfinished requests back on the shared queue", self.slug, back)

    def has_pending_requests(self) -> bool:
        return self.frontier.depth(self.slug) > 0

    def enqueue_request(self, request: Request) -> bool:
        try:
            return self._enqueue(request)
        except redis.RedisError as exc:
            stop_worker(self.crawler, exc)
            return False

    def _enqueue(self, request: Request) -> bool:
        seen = self.seen.seen_or_add(fingerprint(request))
        if seen and not request.dont_filter:
            self.crawler.stats.inc_value("dupefilter/filtered")
            return False
        old = request.meta.pop(LEASE, None)
        handover = (self.worker, old) if old else None
        payload = encode_request(request, self.spider)
        self.frontier.push(self.slug, payload, request.priority, handover=handover)
        self.leased.discard(old)
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.crawler.stats.get_value("archive/error") is not None:
            return None
        try:
            leased = self.frontier.pop(self.slug, self.worker)
        except redis.RedisError as exc:
            stop_worker(self.crawler, exc)
            return None
        if leased is None:
            return None
        request = decode_request(leased.payload, self.spider)
        request.meta[LEASE] = leased.id
        self.leased.add(leased.id)
        self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request

    def release_done(self) -> None:
        """Release the leases of requests the engine no longer holds: they are fully handled."""
        if self.crawler.stats.get_value("archive/error") is not None:
            return  # a worker that failed releases nothing: its leases go to the others
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy 2.13's in-progress set
        active = {r.meta.get(LEASE) for r in slot.inprogress} if slot is not None else set()
        done = [lease for lease in self.leased if lease not in active]
        if done:
            self.frontier.release(self.slug, self.worker, done)
            self.leased.difference_update(done)

    def __len__(self) -> int:
        return self.frontier.depth(self.slug)


class ClusterSeedMiddleware:
    """A worker started with a portal seeds it, unless a batch run of it is already open."""

    def __init__(self, crawler: Crawler, frontier: Frontier) -> None:
        self.crawler = crawler
        self.frontier = frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterSeedMiddleware":
        return cls(crawler, ClusterConfig.from_settings(crawler.settings).frontier())

    async def process_start(self, start):
        slug = self.crawler.spider.source.slug
        if not self.frontier.start_run(slug, new_run_key(slug)):
            logger.info("%s: a batch run is open; joining it", slug)
            return
        logger.info("%s: opened batch run %s", slug, self.frontier.current_run(slug))
        async for entry in start:
            yield entry.replace(dont_filter=True) if isinstance(entry, Request) else entry


def seed_frontier(config: ClusterConfig, source) -> tuple[str, int]:
    """`archive seed`: queue a portal's start requests, opening a batch run unless one is open.

    Seeds are queued even when seen (a new batch must fetch the listings again) and marked
    seen, so links to them found later are not queued twice. Returns (run, requests queued)."""
    from spiders.portal import PortalSpider

    client = config.client()
    frontier, seen = config.frontier(client), config.seen_set(client)
    spider = PortalSpider(source)
    frontier.start_run(source.slug, new_run_key(source.slug))
    requests = spider.seed_requests()
    for request in requests:
        seen.seen_or_add(fingerprint(request))
        payload = encode_request(request.replace(dont_filter=True), spider)
        frontier.push(source.slug, payload, request.priority)
    return frontier.current_run(source.slug) or "", len(requests)
