"""Crawl middlewares: polite crawling (an honest User-Agent, robots.txt Crawl-delay) and the
guards a hostile site meets (scope and address checks, retry back-off, URL-trap budgets)."""

import asyncio
import ipaddress
import logging
import random
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl, urlsplit

from protego import Protego
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import redirect as scrapy_redirect
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.resolver import dnscache
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached

from crawler.crawl.items import FetchFailed

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


# -- guards: what a hostile or broken site must not make the crawler do ---------------------


class GuardRefused(IgnoreRequest):
    """A request a guard refuses to send; `kind` is what `crawl_errors` records."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


async def resolve_addresses(host: str) -> list[str]:
    """Every address a host name resolves to (an IP literal resolves to itself)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return []  # the download itself will fail and be recorded as a DNS error
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, shared, reserved, multicast and unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def pin_address(host: str, addresses: list[str]) -> None:
    """Make the downloader connect to an address the guard checked, not to a second answer.

    Scrapy resolves a host again to connect; a DNS server answering a public address to the
    guard and a private one a moment later (DNS rebinding) would slip past the check. Scrapy's
    resolver answers from its process-wide cache first, so the checked address goes there.
    """
    ipv4 = [a for a in addresses if ipaddress.ip_address(a.split("%", 1)[0]).version == 4]
    if ipv4 and host != ipv4[0] and dnscache.limit:
        dnscache[host] = ipv4[0]


class ScopeGuardMiddleware:
    """Refuses every request outside the source's scope or onto a non-public address.

    Runs before each download, so redirects are checked exactly like links. Every address a
    host resolves to must be public, unless it is an address of the source itself (the
    portal is configured on an intranet or loopback address): a portal on a public name can
    never lead the crawler to 127.0.0.1, 10.x or the cloud metadata service 169.254.169.254.
    """

    def __init__(self, resolve: Callable[[str], Awaitable[list[str]]] = resolve_addresses) -> None:
        self.resolve = resolve
        self.addresses: dict[str, list[str]] = {}
        self.own_addresses: dict[str, frozenset[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ScopeGuardMiddleware":
        if not crawler.settings.getbool("SCOPE_GUARD_ENABLED"):
            raise NotConfigured
        return cls()

    def process_request(self, request: Request, spider: Spider):
        """None when the request may go; a Deferred only while a host is first resolved
        (a coroutine for every request costs Scrapy's reactor more than the check)."""
        source = getattr(spider, "source", None)
        if source is None:
            return None
        host = self._in_scope(request, source)
        if source.slug in self.own_addresses and host in self.addresses:
            return self._check(request, source, host)
        return deferred_from_coro(self._resolved_check(request, source, host))

    async def check(self, request: Request, spider: Spider) -> None:
        """The whole check, resolving the host if need be; raises GuardRefused."""
        source = getattr(spider, "source", None)
        if source is not None:
            await self._resolved_check(request, source, self._in_scope(request, source))

    async def _resolved_check(self, request: Request, source, host: str) -> None:
        await self._own_addresses(source)
        await self._addresses(host)
        self._check(request, source, host)

    @staticmethod
    def _in_scope(request: Request, source) -> str:
        """The request's host, if its scheme and URL are in the source's scope."""
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            raise GuardRefused("bad-scheme", request.url)
        if not source.allows_url(request.url):
            raise GuardRefused("off-site", request.url)
        return parts.hostname or ""

    def _check(self, request: Request, source, host: str) -> None:
        own = self.own_addresses[source.slug]
        for address in self.addresses[host]:
            if not is_public_address(address) and address not in own:
                raise GuardRefused("private-address", f"{request.url} resolves to {address}")

    async def _addresses(self, host: str) -> list[str]:
        if host not in self.addresses:
            self.addresses[host] = await self.resolve(host)
            pin_address(host, self.addresses[host])
        return self.addresses[host]

    async def _own_addresses(self, source) -> frozenset[str]:
        if source.slug not in self.own_addresses:
            hosts = {urlsplit(url).hostname or "" for url in source.start_urls}
            found = [a for host in sorted(hosts) for a in await self._addresses(host)]
            self.own_addresses[source.slug] = frozenset(found)
        return self.own_addresses[source.slug]


class RedirectGuardMiddleware:
    """Refuses, at the 3xx answer, redirects off the source's scope or back into their chain.

    Scrapy drops both silently once the redirect is scheduled (offsite filter, duplicate
    filter); refusing the answer instead sends the failure to the errback, which records it.
    Sits after RedirectMiddleware (a higher priority number) so it sees the answer first.
    """

    def process_response(self, request: Request, response: Response, spider: Spider):
        location = response.headers.get(b"Location")
        source = getattr(spider, "source", None)
        if not 300 <= response.status < 400 or not location or source is None:
            return response
        target = response.urljoin(location.decode("latin-1"))
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not source.allows_host(parts.hostname or ""):
            raise GuardRefused("off-site", f"{request.url} redirects to {target}")
        chain = [*request.meta.get("redirect_urls", ()), request.url]
        if target in chain:
            raise GuardRefused("redirect-loop", " -> ".join([*chain, target]))
        return response


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, waiting before each new attempt: exponential back-off with jitter.

    Scrapy retries at once, which hammers a server that is already failing. The wait doubles
    per attempt from RETRY_BACKOFF_BASE up to RETRY_BACKOFF_MAX, and honours a Retry-After
    in seconds up to the same cap.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")

    def process_response(self, request: Request, response: Response, spider: Spider):
        result = super().process_response(request, response, spider)
        if isinstance(result, Request):
            asked = _retry_after(response.headers.get(b"Retry-After"))
            if asked is not None:
                result.meta["retry_delay"] = min(self.cap, max(asked, result.meta["retry_delay"]))
        return result

    def _retry(self, request: Request, reason, spider: Spider) -> Request | None:
        retry = super()._retry(request, reason, spider)
        if retry is not None:
            attempt = retry.meta.get("retry_times", 1)
            wait = min(self.cap, self.base * 2 ** (attempt - 1))
            retry.meta["retry_delay"] = wait * random.uniform(1.0, 1.5)
        return retry

    def process_request(self, request: Request, spider: Spider):
        delay = request.meta.pop("retry_delay", 0)
        if delay > 0:  # a retry waits its back-off; other requests go at once
            return deferred_from_coro(asyncio.sleep(delay))
        return None


class MetaRefreshMiddleware(scrapy_redirect.MetaRefreshMiddleware):
    """Scrapy's, which decodes every page's whole body to read its first 4,096 characters:
    a page with no "refresh" in its first bytes (and no NUL, so not UTF-16 or UTF-32)
    has no meta refresh there, and is passed on undecoded."""

    def process_response(self, request: Request, response: Response, spider: Spider):
        head = response.body[:_REFRESH_BYTES]
        if b"\x00" not in head and not _REFRESH.search(head):
            return response
        return super().process_response(request, response, spider)


_REFRESH = re.compile(rb"(?i)refresh")
_REFRESH_BYTES = 4 * 4096  # 4,096 characters of UTF-8, the longest of the 8-bit-clean encodings


def _retry_after(value: bytes | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: the exponential back-off applies instead


class UrlTrapMiddleware:
    """Stops endless URL spaces: calendars linking to the next day, ever-growing paths.

    URLs found in pages are grouped by shape (digits and values blanked) and each shape gets
    a budget of TRAP_URLS_PER_SHAPE distinct URLs; URLs longer than TRAP_MAX_URL_LENGTH are
    dropped. Exempt from the budget: URLs from sitemaps and feeds (finite lists the portal
    publishes) and URLs the source's `article_pattern` declares articles. The first drop per
    shape is recorded as a `url-trap` or `url-too-long` error.
    """

    def __init__(self, per_shape: int, max_length: int) -> None:
        self.per_shape = per_shape
        self.max_length = max_length
        self.seen: set[int] = set()
        self.counts: Counter[str] = Counter()
        self.reported: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "UrlTrapMiddleware":
        per_shape = crawler.settings.getint("TRAP_URLS_PER_SHAPE")
        max_length = crawler.settings.getint("TRAP_MAX_URL_LENGTH")
        if per_shape <= 0 and max_length <= 0:
            raise NotConfigured
        return cls(per_shape, max_length)

    def process_spider_output(self, response: Response, result, spider: Spider):
        for entry in result:
            yield from self._filter(response, entry, spider)

    async def process_spider_output_async(self, response: Response, result, spider: Spider):
        async for entry in result:
            for kept in self._filter(response, entry, spider):
                yield kept

    def _filter(self, response: Response, entry, spider: Spider):
        if not isinstance(entry, Request) or _is_listing(response):
            yield entry
            return
        shape = url_shape(entry.url)
        if self.max_length > 0 and len(entry.url) > self.max_length:
            yield from self._report(spider, "url-too-long", shape, entry.url)
        elif _declared_article(spider, entry.url):
            yield entry
        elif self.per_shape > 0 and self._over_budget(shape, entry.url):
            yield from self._report(spider, "url-trap", shape, entry.url)
        else:
            yield entry

    def _over_budget(self, shape: str, url: str) -> bool:
        key = hash(url)
        if key not in self.seen:
            self.seen.add(key)
            self.counts[shape] += 1
        return self.counts[shape] > self.per_shape

    def _report(self, spider: Spider, kind: str, shape: str, url: str):
        if (kind, shape) in self.reported:
            return
        self.reported.add((kind, shape))
        source = getattr(spider, "source", None)
        detail = f"URLs shaped {shape[:200]} dropped from here on"
        yield FetchFailed(source.slug if source else spider.name, url[:2000], kind, detail)


_DIGITS = re.compile(r"\d+")


def url_shape(url: str) -> str:
    """A URL with its digit runs and query values blanked: /lich/2024/01/02/ → /lich/0/0/0/."""
    parts = urlsplit(url)
    keys = "&".join(sorted(key for key, _ in parse_qsl(parts.query, keep_blank_values=True)))
    return f"{parts.hostname}{_DIGITS.sub('0', parts.path)}?{keys}"


def _declared_article(spider: Spider, url: str) -> bool:
    """The registry's `article_pattern` says so: numbered articles are many, not a trap."""
    source = getattr(spider, "source", None)
    return source is not None and source.is_article_url(url) is True


def _is_listing(response: Response) -> bool:
    ctype = response.headers.get(b"Content-Type", b"").lower()
    return b"xml" in ctype and b"xhtml" not in ctype or b"rss" in ctype or b"atom" in ctype
