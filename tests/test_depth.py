"""The depth limit counts steps away from the listings, and records what it cuts."""

from types import SimpleNamespace

from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector

from crawler.crawl.depth import ListingDepthMiddleware
from crawler.crawl.items import FetchFailed
from crawler.sources import Source

BASE = "http://baosongthu.vn"
SOURCE = Source("baosongthu", "Báo Sông Thu", "Quảng Nam", (BASE + "/",))


def middleware(limit: int) -> tuple[ListingDepthMiddleware, Spider]:
    spider = Spider("portal")
    spider.source = SOURCE
    mw = ListingDepthMiddleware(limit, StatsCollector(SimpleNamespace(settings=Settings())))
    mw.crawler = SimpleNamespace(spider=spider)
    return mw, spider


def listing(page: int, depth: int) -> HtmlResponse:
    request = Request(f"{BASE}/chuyen-muc/thoi-su/trang/{page}/", meta={"depth": depth})
    return HtmlResponse(request.url, body=b"<html></html>", request=request)


def out(mw, spider, response, *requests) -> list:
    return list(mw.process_spider_output(response, list(requests), spider))


def test_a_listings_next_page_is_no_level_deeper_whatever_the_limit():
    mw, spider = middleware(limit=2)
    response = listing(60, depth=2)
    next_page = Request(f"{BASE}/chuyen-muc/thoi-su/trang/61/")
    article = Request(f"{BASE}/thoi-su/bai-viet-161.html", meta={"candidate": True})
    kept = out(mw, spider, response, next_page, article)
    assert kept == [next_page, article]
    assert next_page.meta["depth"] == 2 and article.meta["depth"] == 2


def test_a_postback_page_of_a_list_is_no_level_deeper():
    mw, spider = middleware(limit=1)
    postback = Request(f"{BASE}/Tin-tuc.aspx", meta={"postback": True})
    assert out(mw, spider, listing(9, depth=1), postback) == [postback]


def test_a_cut_is_recorded_once_per_url_shape_and_every_cut_counted():
    mw, spider = middleware(limit=2)
    response = listing(3, depth=2)
    deeper = [Request(f"{BASE}/lich-cong-tac/2024/0{m}/") for m in (1, 2)]
    other = Request(f"{BASE}/gioi-thieu/")
    kept = out(mw, spider, response, *deeper, other)
    assert all(isinstance(entry, FetchFailed) for entry in kept)
    assert [(e.kind, e.url) for e in kept] == [
        ("depth-limit", deeper[0].url),
        ("depth-limit", other.url),
    ]
    assert "DEPTH_LIMIT=2" in kept[0].detail and kept[0].source == "baosongthu"
    assert mw.stats.get_value("archive/depth_cut") == 3


def test_other_links_go_one_level_deeper_within_the_limit():
    mw, spider = middleware(limit=2)
    section = Request(f"{BASE}/chuyen-muc/kinh-te/")
    assert out(mw, spider, listing(1, depth=1), section) == [section]
    assert section.meta["depth"] == 2
