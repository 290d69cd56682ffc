"""The generic portal spider: one registry entry in, every article of the portal out.

Articles are found through sitemaps (indexes included), RSS/Atom feeds and the start pages with
their paginated listings. The spider never leaves the source's domains; whether a page is an
article is decided by the source's `article_pattern` when it has one, else by URL heuristics
here and, finally, by extraction looking at the page itself.
"""

import re
from datetime import UTC, datetime

import scrapy
from lxml import etree
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.link import Link
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from twisted.web.http import _DataLoss

from crawler.crawl import scripted
from crawler.crawl.cluster_run import apply_cluster_settings
from crawler.crawl.families import is_variant_url, looks_like_article_url
from crawler.crawl.items import FetchedPage, FetchFailed, UrlAccounted
from crawler.crawl.middlewares import GuardRefused
from crawler.crawl.render import render_failure_kind, use_browser
from crawler.crawl.urls import canonical_url
from crawler.sources import Source, select_sources
from crawler.store.archive import Archive
from spiders.postback import PostbackPagination
from spiders.scripted import ScriptedPagesMixin

_HTML_TYPES = (b"text/html", b"application/xhtml")
_FEED_NS = {"atom": "http://www.w3.org/2005/Atom"}
_IGNORED_KINDS = (
    ("robots.txt", "robots"),
    ("max redirections", "redirect-loop"),
    ("DOWNLOAD_MAXSIZE", "too-large"),
)


def failure_kind(failure: Failure) -> tuple[str, int | None]:
    """A short, stable name for why a request failed, and the HTTP status if there was one."""
    if kind := render_failure_kind(failure.value):
        return kind, None
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http-{status}", status
    if failure.check(GuardRefused):
        return failure.value.kind, None
    if failure.check(IgnoreRequest):
        return _ignored_kind(failure.getErrorMessage()), None
    if failure.check(CancelledError):  # Scrapy cancels only downloads outgrowing DOWNLOAD_MAXSIZE
        return "too-large", None
    if failure.check(ResponseFailed) and any(r.check(_DataLoss) for r in failure.value.reasons):
        return "truncated", None
    if failure.check(TimeoutError):
        return "timeout", None
    if failure.check(DNSLookupError):
        return "dns", None
    if failure.check(ConnectionRefusedError):
        return "connection-refused", None
    if failure.check(ResponseFailed, ResponseNeverReceived):
        return "connection-lost", None
    return "fetch-error", None


def _ignored_kind(message: str) -> str:
    """Scrapy drops requests with IgnoreRequest for several reasons; only its message says which."""
    for needle, kind in _IGNORED_KINDS:
        if needle in message:
            return kind
    return "ignored"


def changed_since(lastmod: str | None, fetched: str) -> bool:
    """Whether a sitemap's lastmod is newer than our last fetch; no lastmod means no."""
    if not lastmod:
        return False
    try:
        return _aware(lastmod.strip()) > _aware(fetched)
    except ValueError:
        return False


def _aware(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class PortalSpider(PostbackPagination, ScriptedPagesMixin, scrapy.Spider):
    name = "portal"

    def __init__(self, source: Source, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        self.allowed_domains = list(source.allowed_domains)
        self.links = LinkExtractor(unique=True)
        self.archive: Archive | None = None  # asked which article URLs are archived already
        self.not_refetched: set[str] = set()
        self.found_urls: set[str] = set()  # article URLs asked for in this crawl, canonical
        self.article_links: set[str] = set()  # distinct article URLs found, fetched or not
        self.endpoint_links: dict[str, set[str]] = {}  # per load-more endpoint (the mixin's)
        self.linked: set[int] = set()  # hashes of the URLs requests were made for

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args, source: str | Source = "", **kwargs):
        if not isinstance(source, Source):
            registry = kwargs.pop("sources", None) or crawler.settings.get("ARCHIVE_SOURCES")
            source = select_sources(registry, [source])[0]
        if source.render != "http":
            use_browser(crawler.settings)
        return super().from_crawler(crawler, *args, source=source, **kwargs)

    @classmethod
    def update_settings(cls, settings) -> None:
        super().update_settings(settings)
        apply_cluster_settings(settings)  # a distributed worker when CLUSTER_REDIS_URL is set

    async def start(self):
        if not self.settings.getbool("ARCHIVE_REFRESH"):
            self.archive = Archive(self.settings.get("ARCHIVE_DB"))
        for request in self.seed_requests():
            yield request

    def seed_requests(self) -> list[scrapy.Request]:
        """Where a crawl of the portal starts: its sitemaps, feeds and start pages."""
        render = "browser" if self.source.render == "browser" else None
        start = {"start": True, "render": render}
        return [
            *(
                scrapy.Request(u, self.parse_sitemap, errback=self.failed, priority=20)
                for u in self.source.sitemaps
            ),
            *(
                scrapy.Request(u, self.parse_feed, errback=self.failed, priority=20)
                for u in self.source.feeds
            ),
            *(
                scrapy.Request(u, self.parse_page, errback=self.failed, meta=start, priority=10)
                for u in self.source.start_urls
            ),
        ]

    # -- discovery ----------------------------------------------------------------------------

    def parse_sitemap(self, response: Response):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body)
        try:
            sitemap = Sitemap(body)
        except (etree.XMLSyntaxError, ValueError) as exc:
            yield FetchFailed(self.source.slug, response.url, "bad-sitemap", str(exc))
            return
        for entry in sitemap:
            url = response.urljoin(entry.get("loc", ""))
            if not self.in_scope(url):
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(url, self.parse_sitemap, errback=self.failed, priority=20)
            else:
                yield from self.listed(url, "sitemap", lastmod=entry.get("lastmod"))

    def parse_feed(self, response: Response):
        try:
            root = etree.fromstring(response.body, etree.XMLParser(recover=True))
        except etree.XMLSyntaxError as exc:
            yield FetchFailed(self.source.slug, response.url, "bad-feed", str(exc))
            return
        if root is None:
            yield FetchFailed(self.source.slug, response.url, "bad-feed", "empty document")
            return
        links = root.xpath("//item/link/text()") + root.xpath(
            "//atom:entry/atom:link[not(@rel) or @rel='alternate']/@href", namespaces=_FEED_NS
        )
        for link in links:
            url = response.urljoin(link.strip())
            if self.in_scope(url):
                yield from self.listed(url, "feed")

    def parse_page(self, response: Response):
        if response.meta.get("candidate") and not response.body.strip():
            yield FetchFailed(self.source.slug, response.url, "empty", "", response.status)
            return
        if not self.is_html(response):
            if response.meta.get("candidate"):
                kind = "not-html"
                ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
                yield FetchFailed(self.source.slug, response.url, kind, ctype, response.status)
            return
        rendered = "playwright" in response.flags
        candidate = response.meta.get("candidate") or self.is_article_url(response.url)
        if candidate and not rendered and self.renders and scripted.is_script_shell(response.body):
            meta = {key: response.meta.get(key) for key in ("lastmod", "discovered")}
            yield self.render_again(response, "script-shell", meta | {"candidate": True})
            return
        if candidate:
            yield self.fetched_page(response)
        discovered = "postback" if response.meta.get("postback") else "listing"
        analysis = response.meta.get("analysis")
        if analysis is not None and analysis.lists_articles:
            response.meta["lists_articles"] = True  # its next page is no level deeper
        article_links = []
        # links of a rendered page are rendered too: the portal is evidently built by scripts
        render = self.source.render if self.source.render == "browser" or rendered else None
        for link in self.page_links(response):
            if not self.in_scope(link.url) or self.skipped_view(link.url, candidate):
                continue
            if self.is_article_url(link.url) or is_variant_url(link.url):
                article_links.append(link.url)
                yield from self.found(link.url, discovered)
            elif self.first_link(link.url):
                meta = {"render": render}
                yield scrapy.Request(link.url, self.parse_page, errback=self.failed, meta=meta)
        yield from self.postback_requests(response, article_links)
        if rendered:
            yield from self.after_render(response, len(article_links))
        elif (
            not (article_links or candidate)
            and response.meta.get("start")
            and scripted.script_count(response.body)
        ):
            yield self.linkless_listing(response)

    def parse_variant(self, response: Response):
        """An AMP or print view a sitemap, feed or listing gave: its article's own address is
        followed instead, and the view is accounted as a variant of it."""
        canonical = response.xpath("//link[@rel='canonical']/@href").get()
        url = response.urljoin(canonical.strip()) if canonical else None
        if not url or not self.in_scope(url) or canonical_url(url) == canonical_url(response.url):
            response.meta["candidate"] = True  # no other address: the view is the article
            yield from self.parse_page(response)
            return
        discovered = response.meta["discovered"]
        yield UrlAccounted(self.source.slug, response.url, discovered, "variant", url)
        yield from self.found(url, discovered)

    def fetched_page(self, response: Response) -> FetchedPage:
        discovered = response.meta.get("discovered") or "listing"
        return FetchedPage(
            source=self.source.slug,
            url=response.url,
            body=response.body,
            declared_encoding=self.declared_encoding(response),
            status=response.status,
            requested_url=(response.meta.get("redirect_urls") or [None])[0],
            warc_file=response.meta.get("warc_file"),
            warc_offset=response.meta.get("warc_offset"),
            capture=response.meta.get("capture"),
            discovered=discovered,
            analysis=response.meta.get("analysis"),
            expected_article=self.expected_article(response.url, discovered),
        )

    def failed(self, failure: Failure):
        kind, status = failure_kind(failure)
        discovered = failure.request.meta.get("discovered")
        message = failure.getErrorMessage()
        yield FetchFailed(self.source.slug, failure.request.url, kind, message, status, discovered)

    # -- decisions ----------------------------------------------------------------------------

    def closed(self, reason: str) -> None:
        if self.archive is not None:
            self.archive.close()

    def page_links(self, response: Response) -> list[Link]:
        """A page's links: read by the extraction worker when it analysed the page (there,
        if `sieves_links`, only those the worker had not passed on before)."""
        analysis = response.meta.get("analysis")
        if analysis is not None and analysis.links is not None:
            return [Link(url) for url in analysis.links]
        return self.links.extract_links(response)

    def sieves_links(self, request: scrapy.Request, response: Response) -> bool:
        """Whether the worker may send only the links it has not sent before: the page's
        links all go through `parse_page` and none is counted or keys anything. Not so for a
        start page (without article links it may be a script-built listing), a WebForms list
        (its article links key its pager), a rendered page or one of a portal that renders
        (its article links are counted; a script shell is fetched again) and an AMP or print
        view (its links are not followed)."""
        return not (
            request.callback != self.parse_page
            or self.renders
            or request.meta.get("start")
            or "playwright" in response.flags
            or b"__VIEWSTATE" in response.body
        )

    def first_link(self, url: str) -> bool:
        """Whether a link to `url` is met for the first time in this crawl.

        The hundred menu links every page repeats then cost a set look-up, not a request
        through every spider middleware to the dupefilter.
        """
        key = hash(url)
        if key in self.linked:
            return False
        self.linked.add(key)
        return True

    def listed(self, url: str, discovered: str, lastmod: str | None = None):
        """A sitemap or feed entry: an article, unless the source's article_pattern says the
        portal lists its sections there too; those are read as listings."""
        if self.source.is_article_url(url) is not False or is_variant_url(url):
            yield from self.found(url, discovered, lastmod)
        elif self.first_link(url):
            yield scrapy.Request(url, self.parse_page, errback=self.failed)

    def found(self, url: str, discovered: str, lastmod: str | None = None):
        """An article URL found: its request, or its account when it is not fetched again.
        An AMP or print view is fetched only to learn its article's own address."""
        key = canonical_url(url)
        if key in self.found_urls:
            return  # asked for already in this crawl
        self.article_links.add(key)
        self.crawler.stats.set_value("archive/article_links", len(self.article_links))
        if self.unchanged(url, lastmod):  # a later sighting with a newer lastmod may still ask
            if key not in self.not_refetched:
                self.not_refetched.add(key)
                self.crawler.stats.set_value("archive/not_refetched", len(self.not_refetched))
                yield UrlAccounted(self.source.slug, url, discovered, "unchanged")
            return
        self.found_urls.add(key)
        if key in self.not_refetched:
            self.not_refetched.discard(key)
            self.crawler.stats.set_value("archive/not_refetched", len(self.not_refetched))
        meta = {"discovered": discovered}
        if is_variant_url(url):
            yield scrapy.Request(url, self.parse_variant, errback=self.failed, meta=meta)
        else:
            meta |= {"candidate": True, "lastmod": lastmod}
            yield scrapy.Request(url, self.parse_page, errback=self.failed, meta=meta, priority=5)

    def skipped_view(self, url: str, on_article: bool) -> bool:
        """An AMP or print view not worth a fetch: linked from its own article (fetched
        already), or outside the source's article_pattern."""
        if not is_variant_url(url):
            return False
        return on_article or self.source.is_article_url(url) is False

    def unchanged(self, url: str, lastmod: str | None) -> bool:
        """Archived already, and not changed since by the sitemap's lastmod."""
        fetched = self.archive.last_fetched(url) if self.archive else None
        return bool(fetched) and not changed_since(lastmod, fetched)

    def expected_article(self, url: str, discovered: str | None) -> bool:
        """The source's article_pattern says it is an article, or, without one, a sitemap <url>
        or a feed item."""
        declared = self.source.is_article_url(url)
        return discovered in ("sitemap", "feed") if declared is None else declared

    def in_scope(self, url: str) -> bool:
        return self.source.allows_url(url)

    @property
    def renders(self) -> bool:
        return self.source.render != "http"

    def is_article_url(self, url: str) -> bool:
        decided = self.source.is_article_url(url)
        return looks_like_article_url(url) if decided is None else decided

    @staticmethod
    def is_html(response: Response) -> bool:
        ctype = response.headers.get(b"Content-Type", b"").lower()
        return isinstance(response, TextResponse) and (
            any(t in ctype for t in _HTML_TYPES)
            or (not ctype and b"<html" in response.body[:2048].lower())
        )

    @staticmethod
    def declared_encoding(response: Response) -> str | None:
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        match = re.search(r"charset=([\w.:-]+)", ctype, re.I)
        return match.group(1) if match else None
