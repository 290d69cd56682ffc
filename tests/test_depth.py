"""The depth limit counts steps away from the listings, and records what it cuts."""

from types import SimpleNamespace

from ops_portal import Portal, crawl, query
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


def test_a_page_of_the_same_shape_is_a_level_deeper_from_a_page_listing_no_article():
    mw, spider = middleware(limit=2)
    next_day = Request(f"{BASE}/lich/2024/01/02/")
    day = Request(f"{BASE}/lich/2024/01/01/", meta={"depth": 2})
    response = HtmlResponse(day.url, body=b"<html></html>", request=day)
    kept = out(mw, spider, response, next_day)
    assert [(e.kind, e.url) for e in kept] == [("depth-limit", next_day.url)]


def test_a_listing_of_articles_found_before_still_keeps_its_next_page_at_its_depth():
    mw, spider = middleware(limit=2)
    response = listing(60, depth=2)
    response.meta["lists_articles"] = True  # the worker saw article links, all sent before
    next_page = Request(f"{BASE}/chuyen-muc/thoi-su/trang/61/")
    assert out(mw, spider, response, next_page) == [next_page]


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


class DeepPortal(Portal):
    """Six listing pages of two articles each, chained by "next page" links only, and an
    "about" section three levels deep; no sitemap, so listings are the only way in."""

    def __init__(self) -> None:
        super().__init__(count=12)
        self.paths = list(self.articles)

    def page(self, path: str) -> tuple[int, str, bytes]:
        if path in self.articles or path == "/robots.txt":
            return super().page(path)
        links = {"/": ["/chuyen-muc/tin/trang/1/", "/gioi-thieu/"]}
        links |= {"/gioi-thieu/": ["/gioi-thieu/lich-su/"]}
        links |= {"/gioi-thieu/lich-su/": ["/gioi-thieu/lich-su/to-chuc/"]}
        links |= {"/gioi-thieu/lich-su/to-chuc/": []}
        for n in range(1, 7):
            more = [f"/chuyen-muc/tin/trang/{n + 1}/"] if n < 6 else []
            links[f"/chuyen-muc/tin/trang/{n}/"] = self.paths[2 * n - 2 : 2 * n] + more
        if path not in links:
            return super().page(path)
        anchors = "".join(f"<li><a href='{link}'>Xem {link}</a></li>" for link in links[path])
        html = f"<html><head><title>Báo Sông Thu</title></head><body><ul>{anchors}</ul></body>"
        return 200, "text/html; charset=utf-8", html.encode("utf-8")


def test_a_crawl_follows_a_listing_past_the_depth_limit_and_records_what_it_cuts(tmp_path):
    with DeepPortal() as portal:
        registry = tmp_path / "sources.toml"
        registry.write_text(
            "[sources.baosongthu]\nname = 'Báo Sông Thu'\nprovince = 'Quảng Nam'\n"
            f"start_urls = ['{portal.base_url}/']\nallowed_domains = ['127.0.0.1']\n"
            "article_pattern = '-\\d+\\.html$'\n",
            encoding="utf-8",
        )
        db = tmp_path / "archive.db"
        crawl(db, registry, "-s", "DEPTH_LIMIT=2")
        assert "/chuyen-muc/tin/trang/6/" in portal.requests
        assert "/gioi-thieu/lich-su/to-chuc/" not in portal.requests
    assert query(db, "SELECT count(*) FROM articles") == [(12,)]
    cuts = query(db, "SELECT kind, url FROM crawl_errors")
    assert cuts == [("depth-limit", f"{portal.base_url}/gioi-thieu/lich-su/to-chuc/")]
