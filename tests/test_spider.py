"""Portal spider decisions that need no network: article URLs and failure names."""

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import StatsCollector

from crawler.crawl.families import is_variant_url
from crawler.crawl.items import FetchFailed
from crawler.sources import Source
from spiders.portal import PortalSpider, looks_like_article_url


@pytest.mark.parametrize(
    "url",
    [
        "https://baoquangnam.vn/thoi-su/phuoc-son-ket-nap-dang-vien-3141592.html",
        "http://phuocson.quangnam.gov.vn/Default.aspx?tabid=120&ArticleId=4521",
        "https://danang.gov.vn/chinh-quyen/chi-tiet?id=58231",
        "https://baodanang.vn/xa-hoi/khanh-thanh-cau-vuot-song-han-sau-hai-nam-thi-cong/",
        "https://eakrong.gov.vn/index.php?option=com_content&view=article&id=318:sau-rieng"
        "&catid=8&Itemid=101",
        "https://lamgiang.gov.vn/web/guest/tin-tuc/-/asset_publisher/Xb2KqLm9/content/hoi-nghi",
        "https://lamgiang.gov.vn/web/guest/-/journal_content/56_INSTANCE_Ab12/10180/24567",
        "https://sontra.gov.vn/Tin-tuc/ArticleID/2301/ra-quan-lam-thuy-loi.aspx",
        "https://stnmt.kontum.gov.vn/Pages/chi-tiet-tin.aspx?ItemID=412",
    ],
)
def test_article_urls_are_recognised(url):
    assert looks_like_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://baoquangnam.vn/",
        "https://baoquangnam.vn/thoi-su/",
        "https://baoquangnam.vn/thoi-su/trang-2.html",
        "https://baoquangnam.vn/lien-he.html",
        "https://baodanang.vn/chinh-tri/page-12",
        # Joomla's Itemid is a menu entry, not an article id
        "https://eakrong.gov.vn/index.php?option=com_content&view=category&id=8&Itemid=101",
        "https://eakrong.gov.vn/index.php?option=com_mailto&tmpl=component&link=abc123",
        "https://lamgiang.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_X&_101_INSTANCE_X_cur=2",
        "https://lamgiang.gov.vn/web/guest/-/van-ban",
        "https://binhson.vn/category/tin-tuc/page/2/",
        "https://binhson.vn/tag/ca-com-vu-nam-binh-hai/",
    ],
)
def test_listing_and_section_urls_are_not_articles(url):
    assert not looks_like_article_url(url)


@pytest.mark.parametrize(
    ("url", "variant"),
    [
        ("https://binhson.vn/2024/06/18/mua-ca-com/amp/", True),
        ("https://baocaonguyen.vn/amp/thoi-su/khoi-cong-post88120.html", True),
        ("https://baocaonguyen.vn/thoi-su/khoi-cong-post88120.amp", True),
        ("https://binhson.vn/2024/06/18/mua-ca-com/?amp=1", True),
        ("https://sontra.gov.vn/Print.aspx?ArticleID=2301", True),
        (
            "https://eakrong.gov.vn/index.php?option=com_content&view=article&id=3"
            "&tmpl=component&print=1",
            True,
        ),
        ("https://binhson.vn/2024/06/18/mua-ca-com/", False),
        ("https://baoquangnam.vn/thoi-su/lap-trai-he-cho-thieu-nhi-3141.html", False),
    ],
)
def test_amp_and_print_views_are_told_from_articles(url, variant):
    assert is_variant_url(url) is variant


WEBFORMS_LIST = """<html><body><form name="Form" method="post" action="/Tin-tuc.aspx" id="Form">
<input type="hidden" name="__EVENTTARGET" value="">
<input type="hidden" name="__EVENTARGUMENT" value="">
<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4NzE5;">
<a href="/Tin-tuc/ArticleID/{first}/bai.aspx">Bài {first}</a>
<a href="javascript:__doPostBack('dnn$ctr410$pager','')">Đăng nhập</a>
<span>{current}</span>
<a href="javascript:__doPostBack('dnn$ctr410$pager','Page$2')">2</a>
<a href="javascript:__doPostBack('dnn$ctr410$pager','Page$3')">3</a>
<a href="javascript:__doPostBack('dnn$ctr410$pager','Page$Next')">Trang sau</a>
</form></body></html>"""


def webforms_spider(max_pages: int = 500) -> PortalSpider:
    source = Source(
        "sontra",
        "Sơn Trà",
        "Quảng Ngãi",
        ("https://sontra.gov.vn/Tin-tuc.aspx",),
        allowed_domains=("sontra.gov.vn",),
    )
    spider = PortalSpider(source)
    spider.settings = Settings({"POSTBACK_MAX_PAGES": max_pages})
    spider.crawler = SimpleNamespace(stats=StatsCollector(SimpleNamespace(settings=Settings())))
    return spider


def list_page(current: int = 1, first: int = 2301, postback: bool = False) -> HtmlResponse:
    body = WEBFORMS_LIST.format(current=current, first=first).encode()
    request_meta = {"postback": True} if postback else {}
    request = Request("https://sontra.gov.vn/Tin-tuc.aspx", meta=request_meta)
    return HtmlResponse(request.url, body=body, encoding="utf-8", request=request)


def test_pager_postbacks_post_the_page_form_with_its_view_state():
    spider = webforms_spider()
    requests = list(spider.postback_requests(list_page(), ["a"]))
    assert [r.method for r in requests] == ["POST", "POST"]  # pages 2 and 3; not "Đăng nhập"
    body = requests[0].body.decode()
    assert "__EVENTTARGET=dnn%24ctr410%24pager" in body and "__EVENTARGUMENT=Page%242" in body
    assert "__VIEWSTATE=dDwtMTA4NzE5%3B" in body
    assert requests[0].url == "https://sontra.gov.vn/Tin-tuc.aspx"


def test_numbered_pages_are_asked_for_once_and_next_only_when_numbers_run_out():
    spider = webforms_spider()
    list(spider.postback_requests(list_page(), ["a"]))
    again = list(spider.postback_requests(list_page(2, 2298, postback=True), ["b"]))
    assert [r.body.decode().count("Page%24Next") for r in again] == [1]
    assert list(spider.postback_requests(list_page(2, 2298, postback=True), ["b"])) == []


def test_postback_budget_stops_asking_and_says_so():
    spider = webforms_spider(max_pages=1)
    out = list(spider.postback_requests(list_page(), ["a"]))
    assert [type(o).__name__ for o in out] == ["FormRequest", "FetchFailed"]
    assert isinstance(out[1], FetchFailed) and out[1].kind == "postback-budget"


def page(url: str, links: list[str], candidate: bool) -> HtmlResponse:
    anchors = "".join(f'<a href="{link}">Bài viết về thôn bản vùng cao</a>' for link in links)
    request = Request(url, meta={"candidate": candidate, "discovered": "listing"})
    body = f"<html><body><h1>Tin tức</h1>{anchors}</body></html>".encode()
    return HtmlResponse(url, body=body, encoding="utf-8", request=request)


def test_an_amp_view_on_a_listing_is_fetched_to_learn_its_article_but_not_from_its_article():
    spider = webforms_spider()
    amp = "https://sontra.gov.vn/amp/tin-tuc/ra-quan-lam-thuy-loi-dau-nam-2301.html"
    listing = list(spider.parse_page(page("https://sontra.gov.vn/Tin-tuc.aspx", [amp], False)))
    assert [r.callback.__name__ for r in listing if isinstance(r, Request)] == ["parse_variant"]
    article = "https://sontra.gov.vn/tin-tuc/ra-quan-lam-thuy-loi-dau-nam-2301.html"
    print_view = "https://sontra.gov.vn/Print.aspx?ArticleID=2301"
    own = list(webforms_spider().parse_page(page(article, [print_view], True)))
    assert [type(o).__name__ for o in own] == ["FetchedPage"]


def test_only_plain_listing_and_article_pages_get_their_new_links_alone_from_the_worker():
    spider = webforms_spider()

    def sieved(meta: dict, body: bytes = b"<html></html>", flags=(), variant=False) -> bool:
        callback = spider.parse_variant if variant else spider.parse_page
        request = Request("https://sontra.gov.vn/Tin-tuc.aspx", callback, meta=meta)
        response = HtmlResponse(request.url, body=body, request=request, flags=list(flags))
        return spider.sieves_links(request, response)

    assert sieved({"candidate": True}) and sieved({})
    assert not sieved({"start": True})
    assert not sieved({}, WEBFORMS_LIST.format(current=1, first=2301).encode())
    assert not sieved({}, flags=["playwright"])
    assert not sieved({}, variant=True)
