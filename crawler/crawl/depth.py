"""The depth limit, measured in steps away from the listings, and never a silent cut.

Scrapy's DepthMiddleware counts every link as one level deeper, so a section's page 60 is 60
levels down and a DEPTH_LIMIT of 50 silently dropped every article listed only there. Here
a listing's next page is a sibling, not a child: a request keeps its page's depth when it is
an article candidate (an article is a leaf, found where it is listed), an ASP.NET postback
of the list, or a link of the page's own URL shape (digits and query values blanked, as
/trang/5/ → /trang/6/) from a page that lists articles (found before or not: the extraction
worker tells, `lists_articles`). A same-shape space listing none (a calendar of empty days)
still goes one level deeper per page. A request deeper than
DEPTH_LIMIT is dropped and recorded: the first of each URL shape as a `depth-limit` error in
the crawl's records, every one counted in the stat `archive/depth_cut`.
"""

import logging
from collections.abc import AsyncIterator, Iterable

from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.spidermiddlewares.depth import DepthMiddleware

from crawler.crawl.items import FetchFailed
from crawler.crawl.middlewares import url_shape

logger = logging.getLogger(__name__)


class ListingDepthMiddleware(DepthMiddleware):
    """DepthMiddleware where a listing's next page is no level deeper and a cut is recorded."""

    reported: set[str] | None = None

    def process_spider_output(self, response: Response, result: Iterable, spider: Spider):
        yield from self._filtered(response, list(result), spider)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator, spider: Spider
    ):
        for kept in self._filtered(response, [entry async for entry in result], spider):
            yield kept

    def _filtered(self, response: Response, entries: list, spider: Spider):
        """A page's output, whole: whether it lists articles decides its next page's depth."""
        self._init_depth(response, spider)
        listing = response.meta.get("lists_articles") or any(
            isinstance(e, Request) and e.meta.get("candidate") for e in entries
        )
        for entry in entries:
            if not isinstance(entry, Request):
                yield entry
                continue
            kept = self._processed(entry, response, listing)
            if kept is not None:
                yield kept
            else:
                yield from self._report(entry, spider)

    def get_processed_request(self, request: Request, response: Response | None):
        return self._processed(request, response, listing=False)

    def _processed(self, request: Request, response: Response | None, listing: bool):
        if response is None:
            return request  # a start request
        step = 0 if same_level(request, response, listing) else 1
        depth = response.meta["depth"] + step
        request.meta["depth"] = depth
        if self.prio:
            request.priority -= depth * self.prio
        if self.maxdepth and depth > self.maxdepth:
            return None
        if self.verbose_stats:
            self.stats.inc_value(f"request_depth_count/{depth}", spider=self.crawler.spider)
        self.stats.max_value("request_depth_max", depth, spider=self.crawler.spider)
        return request

    def _report(self, request: Request, spider: Spider):
        self.stats.inc_value("archive/depth_cut", spider=spider)
        shape = url_shape(request.url)
        self.reported = self.reported if self.reported is not None else set()
        if shape in self.reported:
            return
        self.reported.add(shape)
        logger.warning("DEPTH_LIMIT=%d cuts %s (and its shape)", self.maxdepth, request.url)
        source = getattr(spider, "source", None)
        detail = (
            f"{request.meta['depth']} steps from a start page, over DEPTH_LIMIT={self.maxdepth};"
            f" URLs shaped {shape[:200]} that deep are dropped from here on"
        )
        slug = source.slug if source is not None else spider.name
        yield FetchFailed(slug, request.url[:2000], "depth-limit", detail)


def same_level(request: Request, response: Response, listing: bool) -> bool:
    """A request that names an article found on its page, or continues its page's list: a
    postback, or, from a page that lists articles, a link of the page's own shape."""
    meta = request.meta
    if meta.get("candidate") or meta.get("postback"):
        return True
    return listing and url_shape(request.url) == url_shape(response.url)
