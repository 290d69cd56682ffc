"""Pages built by scripts, without a browser: telling shells from articles, following load-more
endpoints, and the rendered DOM's WARC record read back for re-extraction."""

import json

from js_portal import ARTICLES, JsPortal

from crawler.crawl.capture import Exchange, WarcFile, iter_captures
from crawler.crawl.render import decoded_headers, render_failure_kind
from crawler.crawl.scripted import (
    is_script_shell,
    links_in_payload,
    page_parameter,
    paged_endpoints,
    with_page,
)

BASE = "http://127.0.0.1:8000"


def test_a_magazine_shell_is_told_from_a_server_built_article():
    portal = JsPortal()
    magazine = next(p for p, _, _ in ARTICLES if "/emagazine/" in p)
    plain = next(p for p, _, _ in ARTICLES if "/tin-tuc/" in p)
    assert is_script_shell(portal.page(magazine)[2])
    assert not is_script_shell(portal.page(plain)[2])


def test_a_short_page_without_scripts_is_never_a_shell():
    assert not is_script_shell("<html><body><p>Thông báo ngắn.</p></body></html>".encode())


def test_menus_and_link_labels_do_not_hide_a_shell():
    menu = "".join(f"<li><a href='/c/{n}'>Chuyên mục số {n} của tỉnh</a></li>" for n in range(40))
    page = f"<html><body><div class='menu'><ul>{menu}</ul></div><div id='app'></div>"
    page += "<script src='/app.js'></script></body></html>"
    assert is_script_shell(page.encode())


def test_paged_endpoints_keep_the_highest_page_the_browser_reached():
    called = [
        f"{BASE}/api/tin-moi?trang=1",
        f"{BASE}/api/chuyen-muc",
        f"{BASE}/api/tin-moi?trang=3",
        f"{BASE}/api/tin-moi?trang=2",
        f"{BASE}/Ajax/LoadMore.aspx?cat=5&PageIndex=2",
    ]
    found = paged_endpoints(called)
    assert sorted(found.values()) == [
        (f"{BASE}/Ajax/LoadMore.aspx?cat=5&PageIndex=2", "PageIndex", 2),
        (f"{BASE}/api/tin-moi?trang=3", "trang", 3),
    ]
    assert with_page(f"{BASE}/Ajax/LoadMore.aspx?cat=5&PageIndex=2", "PageIndex", 3) == (
        f"{BASE}/Ajax/LoadMore.aspx?cat=5&PageIndex=3"
    )
    assert page_parameter(f"{BASE}/tin?id=123") is None


def test_links_are_read_from_json_values_and_from_html_inside_json():
    payload = {
        "data": [{"url": "/tin-tuc/a-1.html", "title": "Tin một"}, {"link": f"{BASE}/b-2.html"}],
        "html": "<li><a href='/c-3.html'>Ba</a></li><li><a href=\"/d-4.html\">Bốn</a></li>",
        "note": "không phải / đường dẫn",
    }
    body = json.dumps(payload, ensure_ascii=False).encode()
    assert links_in_payload(body, f"{BASE}/api/x?trang=2", "application/json") == [
        f"{BASE}/tin-tuc/a-1.html",
        f"{BASE}/b-2.html",
        f"{BASE}/c-3.html",
        f"{BASE}/d-4.html",
    ]


def test_links_are_read_from_an_html_fragment_endpoint():
    fragment = "<div class='item'><a href='/e-5.html'>Năm</a></div>".encode()
    assert links_in_payload(fragment, f"{BASE}/ajax?page=2", "text/html") == [f"{BASE}/e-5.html"]


def test_browser_bodies_do_not_claim_the_encoding_they_were_sent_with():
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Content-Length", "9")]
    assert decoded_headers(headers) == [
        ("Content-Type", "text/html"),
        ("X-Archive-Orig-Content-Encoding", "gzip"),
        ("X-Archive-Orig-Content-Length", "9"),
    ]


def test_only_browser_failures_get_render_kinds():
    from playwright.async_api import Error, TimeoutError

    assert render_failure_kind(TimeoutError("Timeout 1000ms exceeded")) == "render-timeout"
    assert render_failure_kind(Error("net::ERR_CONNECTION_REFUSED")) == "render-error"
    assert render_failure_kind(ValueError("x")) is None


def test_the_rendered_dom_is_a_conversion_record_read_back_as_the_candidate(tmp_path):
    warc = WarcFile(tmp_path, "captures/x/1-test.warc.gz", lambda digest: None)
    shell = b"<html><body><div id='app'></div><script src='/app.js'></script></body></html>"
    warc.write(
        Exchange(f"{BASE}/a-1.html", 200, [("Content-Type", "text/html")], shell, metadata={})
    )
    document = warc.last_response_id
    dom = "<html><body><article><h1>Tiêu đề</h1><p>Nội dung</p></article></body></html>"
    meta = {"candidate": True, "rendered": True, "source": "x"}
    location = warc.write_conversion(
        f"{BASE}/a-1.html", dom.encode(), "text/html; charset=utf-8", document, meta
    )
    warc.close()
    captured = list(iter_captures(tmp_path / location.warc_file, tmp_path, {}))
    assert [c.location for c in captured][-1] == location
    rendered = captured[-1]
    assert rendered.payload == dom.encode() and rendered.metadata["rendered"] is True
    assert rendered.headers["Content-Type"] == "text/html; charset=utf-8"
