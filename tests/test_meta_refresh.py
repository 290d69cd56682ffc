"""Meta refresh is followed as with Scrapy's middleware; pages without one are not decoded."""

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Request

from crawler.crawl.middlewares import MetaRefreshMiddleware


class Spider(scrapy.Spider):
    name = "refresh"


def middleware() -> MetaRefreshMiddleware:
    crawler = Crawler(Spider, {})
    crawler.spider = Spider()
    return MetaRefreshMiddleware.from_crawler(crawler)


def page(body: str, encoding: str = "utf-8") -> HtmlResponse:
    url = "http://baoquangnam.vn/tin-cu.aspx"
    return HtmlResponse(url, body=body.encode(encoding), encoding=encoding, request=Request(url))


def test_a_meta_refresh_is_followed_to_its_address():
    response = page(
        '<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; URL=/tin-moi.aspx"></head>'
        "<body>Đang chuyển trang…</body></html>"
    )
    followed = middleware().process_response(response.request, response, Spider())
    assert isinstance(followed, Request) and followed.url == "http://baoquangnam.vn/tin-moi.aspx"


def test_a_page_without_one_passes_through_undecoded():
    response = page("<html><body><p>Tỉnh Quảng Nam khánh thành cầu mới.</p></body></html>")
    assert middleware().process_response(response.request, response, Spider()) is response
    assert getattr(response, "_cached_ubody", None) is None  # never decoded


def test_a_utf16_page_is_still_read_for_one():
    response = page(
        '<html><head><meta http-equiv="refresh" content="0;url=/moi.aspx"></head></html>',
        "utf-16",
    )
    followed = middleware().process_response(response.request, response, Spider())
    assert isinstance(followed, Request) and "/moi.aspx" in followed.url  # as Scrapy reads it
