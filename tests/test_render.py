"""Portals built by JavaScript: rendered in Debian's Chromium they are archived whole, with the
browser's responses and the rendered DOM in the WARC; read as plain HTML they leave a record
of the problem instead of a silent zero."""

import json
import re
import sqlite3
from pathlib import Path

import pytest
from js_portal import ARTICLES, JsPortal
from ops_portal import crawl, run_archive
from warcio.archiveiterator import ArchiveIterator

CHROMIUM = Path("/usr/bin/chromium")
# One click per listing: the rest of each "Xem thêm" endpoint is followed as plain requests.
ONE_CLICK = ["-s", "RENDER_CLICKS=1"]


def rows(db: Path, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def archived_paths(db: Path, base_url: str) -> set[str]:
    urls = rows(db, "SELECT url FROM article_urls")
    return {row["url"].removeprefix(base_url) for row in urls}


def warc_records(db: Path) -> list:
    records = []
    for path in sorted((db.parent / "captures").glob("*/*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                payload = record.content_stream().read()
                records.append((record.rec_type, record.rec_headers, payload))
    return records


@pytest.fixture(scope="module")
def js_portal():
    with JsPortal() as portal:
        yield portal


@pytest.fixture(scope="module")
def rendered_crawl(js_portal, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail("Debian Chromium is missing at /usr/bin/chromium: `make test` installs it")
    folder = tmp_path_factory.mktemp("rendered")
    registry = js_portal.write_sources(folder / "sources.toml", "browser")
    db = folder / "archive.db"
    result = crawl(db, registry, *ONE_CLICK, "-s", "LOG_LEVEL=INFO", slug="sonlam")
    return db, registry, result


@pytest.mark.browser
def test_rendered_crawl_archives_every_article_of_a_javascript_portal(js_portal, rendered_crawl):
    db, _, result = rendered_crawl
    assert archived_paths(db, js_portal.base_url) == {path for path, _, _ in ARTICLES}
    (run,) = rows(db, "SELECT * FROM crawls")
    assert run["status"] == "finished"
    assert run["articles_new"] == len(ARTICLES)
    assert run["article_links"] == len(ARTICLES)
    errors = rows(db, "SELECT kind, url FROM crawl_errors WHERE kind != 'not-article'")
    assert [dict(e) for e in errors] == []


@pytest.mark.browser
def test_script_built_articles_are_extracted_from_the_rendered_page(js_portal, rendered_crawl):
    db, _, _ = rendered_crawl
    magazine = [(path, title) for path, title, _ in ARTICLES if "/emagazine/" in path]
    for path, title in magazine:
        (article,) = rows(
            db,
            "SELECT a.* FROM articles a JOIN article_urls u ON u.article_id = a.id WHERE u.url = ?",
            js_portal.base_url + path,
        )
        assert article["title"] == title
        assert "Ủy ban nhân dân tỉnh" in article["text"]


@pytest.mark.browser
def test_load_more_is_clicked_then_its_endpoint_followed_as_plain_requests(
    js_portal, rendered_crawl
):
    db, _, result = rendered_crawl
    (home,) = rows(db, "SELECT * FROM renders WHERE url = ?", js_portal.base_url + "/")
    assert home["reason"] == "browser"
    assert "clicked 'Xem thêm' 1×" in home["load_more"]
    assert json.loads(home["endpoints"]) == [js_portal.base_url + "/api/tin-moi?trang=0"]
    assert home["article_links"] == 6  # two pages of three in the browser …
    # … and the pages after them fetched without it, until one came back empty
    assert "/api/tin-moi?trang=5" in js_portal.requests
    assert "/api/tin-moi?trang=6" not in js_portal.requests
    assert "rendered (browser)" in result.stderr and "clicked 'Xem thêm' 1×" in result.stderr
    reasons = {
        r["url"].removeprefix(js_portal.base_url): r["reason"]
        for r in rows(db, "SELECT * FROM renders")
    }
    assert reasons["/chuyen-muc/kinh-te"] == "browser"
    (scrolled,) = rows(db, "SELECT * FROM renders WHERE url LIKE '%/chuyen-muc/xa-hoi'")
    assert scrolled["load_more"] == "scrolled 1×" and scrolled["article_links"] == 5
    assert {reasons[p] for p, _, _ in ARTICLES if "/emagazine/" in p} == {"script-shell"}
    # plain article pages never went through the browser
    assert not any(p in reasons for p, _, _ in ARTICLES if "/tin-tuc/" in p)


@pytest.mark.browser
def test_the_browser_is_honest_bounded_and_kept_in_scope(js_portal, rendered_crawl):
    db, _, result = rendered_crawl
    assert js_portal.agents["/static/app.js"].startswith("VNProvincialArchive/")
    assert js_portal.agents["/api/tin-moi?trang=2"].startswith("VNProvincialArchive/")
    assert "/static/logo.png" not in js_portal.requests  # images are not fetched
    assert not any(p.startswith("/api/thong-ke") for p in js_portal.requests)  # robots.txt
    (home,) = rows(db, "SELECT blocked FROM renders WHERE url = ?", js_portal.base_url + "/")
    assert home["blocked"] >= 3  # the logo, the off-site analytics script, the stats call
    most_pages = re.search(r"'playwright/page_count/max_concurrent': (\d+)", result.stderr)
    assert most_pages and 1 <= int(most_pages.group(1)) <= 2  # RENDER_MAX_PAGES


@pytest.mark.browser
def test_browser_responses_and_rendered_dom_are_captured_in_the_warc(js_portal, rendered_crawl):
    db, _, _ = rendered_crawl
    records = warc_records(db)
    responses = {h.get_header("WARC-Target-URI"): h for kind, h, _ in records if kind == "response"}
    base = js_portal.base_url
    assert base + "/static/app.js" in responses  # fetched by the browser only
    assert base + "/api/tin-moi?trang=2" in responses  # the XHR behind the click
    conversions = [(h, body) for kind, h, body in records if kind == "conversion"]
    home = [(h, body) for h, body in conversions if h.get_header("WARC-Target-URI") == base + "/"]
    assert home, "the rendered home page has no conversion record"
    header, dom = home[0]
    document = responses[base + "/"]
    assert header.get_header("WARC-Refers-To") == document.get_header("WARC-Record-ID")
    assert "Xem thêm".encode() in dom and ARTICLES[9][0].encode() in dom  # page 2 item


@pytest.mark.browser
def test_reextract_rebuilds_rendered_articles_from_the_captures(js_portal, rendered_crawl):
    db, registry, _ = rendered_crawl
    fresh = db.parent / "rebuilt.db"
    result = run_archive(
        "reextract", "--db", str(fresh), "--sources", str(registry),
        "--captures", str(db.parent / "captures"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{len(ARTICLES)} newly found" in result.stdout
    assert archived_paths(fresh, js_portal.base_url) == {path for path, _, _ in ARTICLES}


def test_plain_crawl_of_a_javascript_portal_records_the_problem(js_portal, tmp_path):
    registry = js_portal.write_sources(tmp_path / "sources.toml", None)
    db = tmp_path / "archive.db"
    crawl(db, registry, slug="sonlam")
    (run,) = rows(db, "SELECT * FROM crawls")
    assert run["status"] == "finished" and run["articles_new"] == 0
    assert run["article_links"] == 0
    (error,) = rows(db, "SELECT * FROM crawl_errors")
    assert error["kind"] == "needs-browser" and error["url"] == js_portal.base_url + "/"
    assert 'render = "auto"' in error["detail"]
    status = run_archive("status", "--db", str(db), "--sources", str(registry))
    assert "errors in last run: needs-browser 1" in status.stdout
    assert "WARNING: no article links found in the last run" in status.stdout


@pytest.mark.browser
def test_auto_renders_only_the_listing_that_has_no_links_without_it(js_portal, tmp_path):
    registry = js_portal.write_sources(tmp_path / "sources.toml", "auto")
    db = tmp_path / "archive.db"
    crawl(db, registry, *ONE_CLICK, slug="sonlam")
    assert archived_paths(db, js_portal.base_url) == {path for path, _, _ in ARTICLES}
    (home,) = rows(db, "SELECT reason FROM renders WHERE url = ?", js_portal.base_url + "/")
    assert home["reason"] == "auto"


def test_plain_crawl_names_an_article_page_whose_text_a_script_fills_in(js_portal, tmp_path):
    magazine = next(path for path, _, _ in ARTICLES if "/emagazine/" in path)
    registry = js_portal.write_sources(tmp_path / "sources.toml", None, start=(magazine,))
    db = tmp_path / "archive.db"
    crawl(db, registry, slug="sonlam")
    (error,) = rows(db, "SELECT * FROM crawl_errors")
    assert error["kind"] == "needs-browser" and error["url"].endswith(magazine)
    assert "filled in by scripts" in error["detail"]


def test_a_browser_that_cannot_start_is_a_render_error_and_the_crawl_finishes(js_portal, tmp_path):
    registry = js_portal.write_sources(tmp_path / "sources.toml", "browser")
    db = tmp_path / "archive.db"
    crawl(db, registry, "-s", f"RENDER_CHROMIUM={tmp_path}/no-chromium", slug="sonlam")
    (run,) = rows(db, "SELECT * FROM crawls")
    assert run["status"] == "finished"
    (error,) = rows(db, "SELECT * FROM crawl_errors")
    assert error["kind"] == "render-error" and error["url"] == js_portal.base_url + "/"


@pytest.mark.browser
def test_a_page_over_its_time_limit_is_a_render_timeout(js_portal, tmp_path):
    registry = js_portal.write_sources(tmp_path / "sources.toml", "browser", start=("/cham",))
    db = tmp_path / "archive.db"
    crawl(db, registry, "-s", "RENDER_TIMEOUT=1", slug="sonlam")
    (error,) = rows(db, "SELECT * FROM crawl_errors")
    assert error["kind"] == "render-timeout" and error["url"] == js_portal.base_url + "/cham"


@pytest.mark.browser
def test_a_start_page_still_without_article_links_once_rendered_is_recorded(js_portal, tmp_path):
    registry = js_portal.write_sources(
        tmp_path / "sources.toml", "browser", start=("/chuyen-muc/trong",)
    )
    db = tmp_path / "archive.db"
    crawl(db, registry, *ONE_CLICK, slug="sonlam")
    errors = rows(db, "SELECT * FROM crawl_errors WHERE kind = 'render-no-links'")
    assert [e["url"] for e in errors] == [js_portal.base_url + "/chuyen-muc/trong"]
    assert "no load-more control" in errors[0]["detail"]
