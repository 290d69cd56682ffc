"""Portals built by scripts (JS frameworks, "Xem thêm" listings): what the portal spider does
with pages that show their links or text only in a browser.

A start page with scripts and no article link is rendered (`render = "auto"`) or recorded as
`needs-browser` (`render = "http"`); a rendered page's load-more endpoints are followed as
plain requests, and every render is kept as a `PageRendered` record.
"""

import scrapy
from scrapy.http import Response

from crawler.crawl import scripted
from crawler.crawl.items import FetchFailed, PageRendered
from crawler.crawl.render import render_outcome


class ScriptedPagesMixin:
    """For `PortalSpider`: needs `source`, `in_scope`, `is_article_url`, `found`,
    `parse_page`, `failed` and an `endpoint_links` dict."""

    def linkless_listing(self, response: Response) -> scrapy.Request | FetchFailed:
        """A start page with scripts and no article link: render it, or say it needs that."""
        if self.source.render == "http":
            scripts = scripted.script_count(response.body)
            detail = (
                f"no article links in the HTML, {scripts} scripts: the listing is built by "
                'JavaScript; set render = "auto" or "browser" in sources.toml'
            )
            return FetchFailed(self.source.slug, response.url, "needs-browser", detail)
        return self.render_again(response, "auto", {"start": True})

    def render_again(self, response: Response, reason: str, meta: dict) -> scrapy.Request:
        meta = meta | {"render": reason}
        return scrapy.Request(
            response.url, self.parse_page, errback=self.failed, meta=meta, dont_filter=True
        )

    def after_render(self, response: Response, found: int):
        """Follow the load-more endpoints the page called, and keep a record of the render."""
        outcome = render_outcome(response.request)
        if outcome is None:
            return
        followed = []
        for url, key, highest in scripted.paged_endpoints(outcome.endpoints).values():
            if self.in_scope(url):
                followed.append(scripted.with_page(url, key, 0))
                yield self.endpoint_request(url, key, highest + 1)
        if not found and response.meta.get("start"):
            detail = f"rendered, still no article links ({outcome.load_more()})"
            yield FetchFailed(self.source.slug, response.url, "render-no-links", detail)
        self.logger.info(
            "%s rendered (%s): %d article links, %s, endpoints followed as plain requests: %s",
            response.url, response.meta["render"], found, outcome.load_more(),
            ", ".join(followed) or "none",
        )  # fmt: skip
        yield PageRendered(
            self.source.slug,
            response.url,
            response.meta["render"],
            outcome.load_more(),
            followed,
            len(outcome.exchanges),
            outcome.blocked,
            found,
            round(outcome.seconds, 3),
            response.meta.get("warc_file"),
            response.meta.get("warc_offset"),
        )

    def endpoint_request(self, url: str, key: str, number: int) -> scrapy.Request:
        meta = {"endpoint": (scripted.with_page(url, key, 0), key, number)}
        return scrapy.Request(
            scripted.with_page(url, key, number),
            self.parse_endpoint,
            errback=self.failed,
            meta=meta,
        )

    def parse_endpoint(self, response: Response):
        """One more page of a load-more endpoint: its article links, then the next page while
        pages keep giving links not seen on this endpoint before."""
        template, key, number = response.meta["endpoint"]
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        seen = self.endpoint_links.setdefault(template, set())
        new = 0
        for url in scripted.links_in_payload(response.body, response.url, ctype):
            if self.in_scope(url) and self.is_article_url(url) and url not in seen:
                seen.add(url)
                new += 1
                yield from self.found(url, "listing")
        limit = self.settings.getint("RENDER_ENDPOINT_PAGES")
        if new and number < limit:
            yield self.endpoint_request(template, key, number + 1)
        else:
            self.logger.info(
                "endpoint %s followed to page %d (%d links)", template, number, len(seen)
            )
