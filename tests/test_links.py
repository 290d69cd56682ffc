"""Links read in the worker: the pages a page links to, as Scrapy's LinkExtractor finds them."""

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from crawler.crawl.links import LinkSieve, page_links
from crawler.crawl.worker_pool import ExtractorPool
from crawler.crawl.workers import CrawlContext, analyse_page
from crawler.extract import ExtractOptions, read_document
from crawler.sources import Source
from crawler.store.dedup import DedupSettings, text_keys
from crawler.store.search_index import indexed_forms

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "sample/portals").glob("*/**/*.html")) + sorted(
    (ROOT / "sample/portals").glob("*/**/*.aspx")
)
BASE = "http://127.0.0.1:8000/"


@pytest.mark.parametrize("page", PAGES[:12], ids=lambda p: p.name)
def test_links_are_those_scrapy_finds_without_fragments(page):
    url = BASE + page.relative_to(ROOT / "sample/portals").as_posix()
    body = page.read_bytes()
    response = HtmlResponse(url, body=body, encoding="utf-8")
    scrapy_links = LinkExtractor(unique=True).extract_links(response)
    expected = list(dict.fromkeys(link.url.split("#")[0] for link in scrapy_links))
    assert list(page_links(body, url)) == expected


def test_base_href_fragments_files_and_other_schemes():
    html = (
        "<html><head><base href='http://portal.vn/tin/'></head><body>"
        "<a href='bai-1.html#binh-luan'>1</a><a href='bai-1.html'>again</a>"
        "<a href='/anh/lon.JPG'>photo</a><a href='/van-ban.pdf'>document</a>"
        "<a href='mailto:toa-soan@portal.vn'>mail</a><a href='javascript:void(0)'>js</a>"
        "<a href='/tìm kiếm?q=Đà Nẵng'>search</a><area href='/ban-do.aspx'></body></html>"
    ).encode()
    assert page_links(html, "http://portal.vn/") == (
        "http://portal.vn/tin/bai-1.html",
        "http://portal.vn/t%C3%ACm%20ki%E1%BA%BFm?q=%C4%90%C3%A0%20N%E1%BA%B5ng",
        "http://portal.vn/ban-do.aspx",
    )


def test_nothing_to_parse_gives_no_links():
    assert page_links(b"", BASE) == ()
    assert page_links(b"\x00\x01\x02", BASE) == ()


def test_analysis_reads_links_of_every_page_and_the_article_of_a_candidate_only():
    page = next((ROOT / "sample/portals/phuocson").glob("tin-tuc/2104-*.aspx"))
    url = BASE + "tin-tuc/" + page.name
    listing = analyse_page(page.read_bytes(), url, ExtractOptions(), False, False)
    assert listing.links and listing.article is None and listing.failure_kind is None
    article = analyse_page(page.read_bytes(), url, ExtractOptions(), True, False)
    assert article.links == listing.links
    assert "Phước Kim" in article.article.text


@pytest.mark.parametrize("declared", ["windows-1258", None])
def test_a_legacy_charset_page_gives_the_links_scrapy_would_request(declared):
    html = (
        "<html><head><meta charset='windows-1258'></head><body>"
        "<a href='/tin-tuc/\u0111o\u0300-thi\u0323?chu\u0309-\u0111e\u0300=gia\u0301o'>Tin</a>"
        "</body></html>"
    ).encode("cp1258")  # tones as the combining marks windows-1258 has
    headers = {"Content-Type": f"text/html; charset={declared}"} if declared else {}
    response = HtmlResponse(BASE, body=html, headers=headers)
    expected = [link.url for link in LinkExtractor().extract_links(response)]
    assert list(page_links(html, BASE, declared)) == expected


def test_a_sieve_passes_each_link_on_once_and_keeps_views_for_listings():
    source = Source("ps", "Phước Sơn", "Quảng Nam", (BASE,), allowed_domains=("127.0.0.1",))
    sieve = LinkSieve(source)
    section, amp = BASE + "tin-tuc/", BASE + "amp/tin-tuc/bai-viet-2104.html"
    links = (section, "http://baoquangnam.vn/", amp)
    assert sieve.fresh(links, on_article=True) == (section,)  # the view: not from its article
    assert sieve.fresh(links, on_article=False) == (amp,)  # a listing still offers it
    assert sieve.fresh(links, on_article=False) == ()
    assert sieve.lists_articles(links)  # the AMP view of an article, by its URL
    assert not sieve.lists_articles((section, "http://baoquangnam.vn/tin-tuc/bai-viet-2104.html"))


def test_a_crawls_workers_send_new_links_only_and_sign_the_article_text():
    page = next((ROOT / "sample/portals/phuocson").glob("tin-tuc/2104-*.aspx"))
    url = BASE + "tin-tuc/" + page.name
    source = Source("ps", "Phước Sơn", "Quảng Nam", (BASE,), allowed_domains=("127.0.0.1",))
    dedup = DedupSettings()
    pool = ExtractorPool(1, CrawlContext(LinkSieve(source), dedup))
    body, options = page.read_bytes(), ExtractOptions()

    async def twice():
        first = await pool.analyse(body, url, options, True, False, sieved=True)
        second = await pool.analyse(body, url, options, True, False, sieved=True)
        whole = await pool.analyse(body, url, options, True, False, sieved=False)
        return first, second, whole

    try:
        first, second, whole = asyncio.run(twice())
    finally:
        pool.close()
    assert first.links and second.links == ()
    assert whole.links == page_links(body, url)
    forms = indexed_forms(first.article.title, first.article.text)
    assert first.keys == replace(text_keys(first.article.text, dedup), search_forms=forms)


ONE_LINE = (
    "<!DOCTYPE html><html><head><base href='/tin/'></head><body>"
    "<a href='bai-1.html'>1</a><a href='/tìm kiếm?q=Đà Nẵng'>2</a><a href='#top'>3</a>"
    "</body></html>"
)
ODD_PAGES = {
    "one line under a doctype": ONE_LINE.encode(),
    "xml declaration": b"<?xml version='1.0' encoding='utf-8'?>\n" + ONE_LINE.encode(),
    "control characters": ONE_LINE.replace("bai-1", "bai\x0c-1").encode(),
    "legacy charset": ONE_LINE.replace("<head>", "<head><meta charset='windows-1258'>").encode(
        "cp1258", errors="ignore"
    ),
    "xhtml doctype": (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/xhtml1.dtd">\n'
        + ONE_LINE.replace("<!DOCTYPE html>", "")
    ).encode(),
}


@pytest.mark.parametrize(
    "body", [p.read_bytes() for p in PAGES[:12]] + list(ODD_PAGES.values()), ids=lambda _: ""
)
@pytest.mark.parametrize("declared", [None, "utf-8", "windows-1258"])
def test_links_read_from_the_extractions_parse_are_the_pages_own(body, declared):
    document = read_document(body, declared)
    assert page_links(body, BASE, declared, document) == page_links(body, BASE, declared)


def test_a_plain_page_is_parsed_once_for_links_and_article():
    document = read_document(ODD_PAGES["one line under a doctype"], None)
    assert document.as_decoded  # the repair's closing line break changes no element
    assert not read_document(ODD_PAGES["control characters"], None).as_decoded
