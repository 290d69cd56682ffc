"""Downloader middlewares for polite crawling: an honest User-Agent and robots.txt Crawl-delay."""

import logging

from protego import Protego
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)


class ArchiveUserAgentMiddleware:
    """Sends a User-Agent that names the archive and how to reach its keepers."""

    def __init__(self, user_agent: str) -> None:
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ArchiveUserAgentMiddleware":
        template = crawler.settings.get("USER_AGENT_TEMPLATE")
        return cls(template.format(contact=crawler.settings.get("ARCHIVE_CONTACT")))

    def process_request(self, request: Request, spider: Spider) -> None:
        request.headers[b"User-Agent"] = self.user_agent


class CrawlDelayMiddleware:
    """Applies a robots.txt `Crawl-delay` to the host's download slot, as a floor.

    Scrapy's robots.txt support obeys Allow/Disallow only; AutoThrottle may lower a slot's
    delay, so the floor is re-applied before every request to that host.
    """

    def __init__(self, crawler: Crawler, user_agent: str) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.floors: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CrawlDelayMiddleware":
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        template = crawler.settings.get("USER_AGENT_TEMPLATE")
        return cls(crawler, template.format(contact=crawler.settings.get("ARCHIVE_CONTACT")))

    def process_request(self, request: Request, spider: Spider) -> None:
        host = urlparse_cached(request).hostname or ""
        floor = self.floors.get(host)
        slot = self._slot(request)
        if floor and slot is not None and slot.delay < floor:
            slot.delay = floor

    def process_response(self, request: Request, response: Response, spider: Spider) -> Response:
        if urlparse_cached(request).path == "/robots.txt" and response.status == 200:
            self._learn(request, response)
        return response

    def _learn(self, request: Request, response: Response) -> None:
        try:
            delay = Protego.parse(response.text).crawl_delay(self.user_agent)
        except (AttributeError, ValueError, UnicodeDecodeError):
            return
        if delay:
            host = urlparse_cached(request).hostname or ""
            self.floors[host] = float(delay)
            logger.info("robots.txt of %s asks for Crawl-delay %.2fs", host, float(delay))

    def _slot(self, request: Request):
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return None
        return downloader.slots.get(downloader.get_slot_key(request))
