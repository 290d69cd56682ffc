"""The depth limit, measured in steps away from the listings, and never a silent cut.

Scrapy's DepthMiddleware counts every link as one level deeper, so a section's page 60 is 60
levels down and a DEPTH_LIMIT of 50 silently dropped every article listed only there. Here
a listing's next page is a sibling, not a child: a request keeps its page's depth when it
continues the same listing (its URL has the page's shape, digits and query values blanked,
as /trang/5/ → /trang/6/), is an ASP.NET postback of the list, or is an article candidate
(an article is a leaf, found where it is listed). Endless same-shape spaces (calendars) are
bounded by the URL-trap budget instead, which records its cut. A request still deeper than
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
        self._init_depth(response, spider)
        for entry in result:
            yield from self._filter(response, entry, spider)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator, spider: Spider
    ):
        self._init_depth(response, spider)
        async for entry in result:
            for kept in self._filter(response, entry, spider):
                yield kept

    def _filter(self, response: Response, entry, spider: Spider):
        if not isinstance(entry, Request):
            yield entry
            return
        kept = self.get_processed_request(entry, response)
        if kept is not None:
            yield kept
        else:
            yield from self._report(entry, spider)

    def get_processed_request(self, request: Request, response: Response | None):
        if response is None:
            return request  # a start request
        step = 0 if same_level(request, response) else 1
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


def same_level(request: Request, response: Response) -> bool:
    """A request that continues its page's list (or names an article found there)."""
    meta = request.meta
    if meta.get("candidate") or meta.get("postback"):
        return True
    return url_shape(request.url) == url_shape(response.url)
