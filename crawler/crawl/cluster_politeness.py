"""Politeness for the whole cluster: one per-host delay and one robots.txt across workers.

In a worker, Scrapy's per-slot delay and AutoThrottle would space requests per worker only, so
N workers would ask a host N times as often. Instead `ClusterPolitenessMiddleware` takes each
request's turn from the host's clock in Redis: at least the delay (DOWNLOAD_DELAY, or the
robots.txt Crawl-delay when longer) after the previous request of any worker. It runs last
before the download, so nothing waits between taking the turn and the request leaving.
`ClusterRobotsTxtMiddleware` is Scrapy's robots.txt support with the body shared: the first
worker to need an origin's robots.txt fetches it for all, the others wait for it in Redis.
"""

import asyncio
import logging
import random
import time

from protego import Protego
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached

from crawler.cluster.config import ClusterConfig
from crawler.cluster.politeness import ROBOTS_CLAIM_SECONDS, HostClock, RobotsCache

logger = logging.getLogger(__name__)

CRAWL_DELAY_REFRESH = 600.0  # seconds a worker trusts its reading of a robots.txt delay


def _robots_cache(crawler: Crawler) -> RobotsCache:
    config = ClusterConfig.from_settings(crawler.settings)
    return RobotsCache(config.client(), config.keys, config.robots_hours * 3600)


def _user_agent(crawler: Crawler) -> str:
    template = crawler.settings.get("USER_AGENT_TEMPLATE")
    return template.format(contact=crawler.settings.get("ARCHIVE_CONTACT"))


class ClusterPolitenessMiddleware:
    def __init__(
        self, clock: HostClock, delay: float, robots: RobotsCache | None, user_agent: str
    ) -> None:
        self.clock = clock
        self.delay = delay
        self.robots = robots
        self.user_agent = user_agent
        self.crawl_delays: dict[str, tuple[float, float]] = {}  # origin → (delay, read at)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterPolitenessMiddleware":
        config = ClusterConfig.from_settings(crawler.settings)
        delay = crawler.settings.getfloat("CLUSTER_HOST_DELAY")
        robots = _robots_cache(crawler) if crawler.settings.getbool("ROBOTSTXT_OBEY") else None
        return cls(HostClock(config.client(), config.keys), delay, robots, _user_agent(crawler))

    async def process_request(self, request: Request, spider: Spider) -> None:
        parts = urlparse_cached(request)
        delay = max(self.delay, self.crawl_delay(f"{parts.scheme}://{parts.netloc}"))
        if delay <= 0:
            return
        while (wait := self.clock.take(parts.hostname or "", delay)) > 0:
            await asyncio.sleep(wait + random.uniform(0, 0.02))  # spread the workers' retries

    def crawl_delay(self, origin: str) -> float:
        """The origin's robots.txt Crawl-delay for our User-Agent, from the shared copy."""
        if self.robots is None:
            return 0.0
        known = self.crawl_delays.get(origin)
        if known is not None and time.monotonic() - known[1] < CRAWL_DELAY_REFRESH:
            return known[0]
        body = self.robots.get(origin)
        delay = 0.0
        if body:
            try:
                delay = float(
                    Protego.parse(body.decode("utf-8", "replace")).crawl_delay(self.user_agent)
                    or 0.0
                )
            except (AttributeError, ValueError):
                delay = 0.0
        if body is not None:  # not fetched yet: ask again next time
            self.crawl_delays[origin] = (delay, time.monotonic())
        return delay


class ClusterRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.cache = _robots_cache(crawler)
        self.origins: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterRobotsTxtMiddleware":
        if not crawler.settings.get("CLUSTER_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    def robot_parser(self, request: Request, spider: Spider):
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            origin = self.origins.setdefault(netloc, f"{url.scheme}://{netloc}")
            body = self.cache.get(origin)
            if body is not None:
                self._parsers[netloc] = self._parserimpl.from_crawler(self.crawler, body)
            elif not self.cache.claim(origin):
                self._parsers[netloc] = deferred_from_coro(self._shared(origin, netloc))
        return super().robot_parser(request, spider)

    async def _shared(self, origin: str, netloc: str):
        """Wait for the worker that claimed the origin to share its robots.txt."""
        deadline = time.monotonic() + ROBOTS_CLAIM_SECONDS
        body = self.cache.get(origin)
        while body is None and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            body = self.cache.get(origin)
        parser = self._parserimpl.from_crawler(self.crawler, body or b"")
        self._parsers[netloc] = parser
        return parser

    def _parse_robots(self, response: Response, netloc: str, spider: Spider) -> None:
        self.cache.put(self.origins.get(netloc, netloc), response.body)
        super()._parse_robots(response, netloc, spider)

    def _robots_error(self, failure, netloc: str) -> None:
        # no robots.txt could be had: the others proceed as this worker does (allowed)
        self.cache.put(self.origins.get(netloc, netloc), b"")
        super()._robots_error(failure, netloc)
