"""Page analysis before the spider: links and article read in a worker, not on the reactor.

A crawl has one reactor thread; a page's parse, its hundred-odd links and its extraction cost
far more than its download. This downloader middleware sends every successful HTML response
to the extraction pool (`ExtractPipeline.analyse`) and waits for it there, so the reactor only
moves bytes. The spider reads the links from `response.meta["analysis"]`, and the pipeline
takes the article from the page's item. Links come sieved (each passed on once by a worker)
when the spider says a page needs only its new ones (`sieves_links`). While a response
waits here it holds its download slot, so the pool's backlog never exceeds CONCURRENT_REQUESTS
pages.

It sits at order 500, below HttpCompressionMiddleware (590) and the redirect and retry
middlewares: it sees final, decoded responses.
"""

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from twisted.internet.defer import Deferred

from crawler.crawl.pipelines import ExtractPipeline


class PageAnalysisMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.pipeline: ExtractPipeline | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "PageAnalysisMiddleware":
        if crawler.settings.getint("EXTRACT_WORKERS") <= 0:
            raise NotConfigured  # extraction inline: the spider and pipeline do it themselves
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider):
        """The response, once a worker has analysed it: a Deferred of the pool's future (not a
        coroutine, which costs Scrapy's reactor more than the hand-over to the worker)."""
        if response.status != 200 or not self._html(response, spider):
            return response
        pipeline = self._pipeline()
        if pipeline is None or pipeline.pool is None:
            return response
        candidate = bool(request.meta.get("candidate")) or spider.is_article_url(response.url)
        encoding = spider.declared_encoding(response)
        expected = candidate and _expected(spider, response.url, request.meta.get("discovered"))
        sieved = _sieves_links(spider, request, response)
        future = pipeline.analyse(
            response.body, response.url, encoding, candidate, expected, sieved
        )
        analysed = Deferred.fromFuture(future)
        return analysed.addCallback(_analysed, request, response, candidate)

    @staticmethod
    def _html(response: Response, spider: Spider) -> bool:
        is_html = getattr(spider, "is_html", None)
        return bool(is_html and is_html(response) and response.body.strip())

    def _pipeline(self) -> ExtractPipeline | None:
        if self.pipeline is None:
            self.pipeline = self.crawler.get_item_pipeline(ExtractPipeline)
        return self.pipeline


def _analysed(outcome, request: Request, response: Response, candidate: bool) -> Response:
    if outcome.failure_kind != "extract-crash" or candidate:
        request.meta["analysis"] = outcome
    return response


def _expected(spider: Spider, url: str, discovered: str | None) -> bool:
    expected_article = getattr(spider, "expected_article", None)
    return bool(expected_article and expected_article(url, discovered))


def _sieves_links(spider: Spider, request: Request, response: Response) -> bool:
    sieves_links = getattr(spider, "sieves_links", None)
    return bool(sieves_links and sieves_links(request, response))
