"""Datasette for researchers: the home page, readable ranks, the article page, withdrawals
hidden everywhere, the coverage charts' data, and the capture behind an article."""

import asyncio
import gzip
import io

import pytest
import yaml
from ops_portal import Portal, crawl, query
from test_search import build_archive
from warcio.archiveiterator import ArchiveIterator

from crawler.extract import Extracted
from crawler.serve.app import CONFIG_DIR, datasette_for
from crawler.serve.dates import vietnamese_date
from crawler.store.archive import Archive

LEAD = "Sáng 10/3, huyện Phước Sơn khai mạc lễ hội văn hóa các dân tộc."
LEAD_URL = "https://baoquangnam.vn/le-hoi-van-hoa-9.html"
GONGS = (
    "Các đội cồng chiêng của đồng bào Bhnoong, Ca Dong và Xơ Đăng đến từ mười hai xã, thị trấn "
    "lần lượt trình diễn trên sân vận động huyện, thu hút hàng nghìn người dân và du khách "
    "đến xem trong suốt ba ngày diễn ra lễ hội."
)


@pytest.fixture
def db(tmp_path) -> str:
    path = build_archive(tmp_path / "archive.db")
    article = Extracted(
        url=LEAD_URL,
        title="Lễ hội văn hóa Phước Sơn",
        lead=LEAD,
        # long enough to be compared as a near copy: it gets a signature and band rows
        text=f"{LEAD}\nLễ hội kéo dài ba ngày với nhiều hoạt động.\n{GONGS}",
        published="2024-03-10T08:00:00+07:00",
        author="Hoàng Liên",
    )
    with Archive(path) as archive:
        archive.store_article(None, "baoquangnam", LEAD_URL, article)
    return path


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def rows(datasette, path) -> list[dict]:
    response = get(datasette, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


def article_id(db, url=LEAD_URL) -> int:
    return query(db, "SELECT id FROM articles WHERE url = ?", url)[0][0]


def test_home_puts_search_articles_charts_and_queries_before_tables(db):
    html = get(datasette_for(db), "/").text
    order = [
        html.index('action="/archive/search"'),
        html.index('href="/archive/article_catalogue"'),
        html.index('href="/-/dashboards/coverage"'),
        html.index('id="queries"'),
        html.index('href="/archive/crawl_health"'),
        html.index('id="tables"'),
    ]
    assert order == sorted(order)
    assert "6 stories" in html
    for internal in ("article_bands", "article_signatures", "capture_digests", "templates"):
        assert f'href="/archive/{internal}"' not in html


def test_internal_tables_are_hidden_but_queryable(db):
    datasette = datasette_for(db)
    page = get(datasette, "/archive").text
    for internal in ("article_bands", "article_signatures", "dedup_params", "capture_digests"):
        assert f'href="/archive/{internal}"' not in page
        assert get(datasette, f"/archive/{internal}.json").status_code == 200
    assert 'href="/archive/articles"' in page
    assert rows(datasette, "/archive.json?sql=select+count(*)+as+n+from+_migrations")[0]["n"] > 5
    listed = get(datasette, "/archive?_show_hidden=1").text
    assert 'href="/archive/article_bands"' in listed


def test_search_results_carry_a_readable_rank(db):
    found = rows(datasette_for(db), "/archive/search.json?q=phuoc+son")
    assert [row["rank"] for row in found] == list(range(1, len(found) + 1))
    assert all(0 < row["relevance"] <= 100 for row in found)
    assert max(row["relevance"] for row in found) == 100
    assert "score" not in found[0]


def test_stock_datasette_table_search_matches_folded_words(db):
    found = rows(datasette_for(db), "/archive/articles.json?_search=le+hoi+van+hoa")
    assert [row["title"] for row in found] == ["Lễ hội văn hóa Phước Sơn"]


def test_article_page_shows_lead_once_vietnamese_date_iso_kept_and_author(db):
    html = get(datasette_for(db), f"/-/article/{article_id(db)}").text
    assert html.count(LEAD) == 1
    assert f'<p class="article-lead">{LEAD}</p>' in html
    assert "<p>Lễ hội kéo dài ba ngày với nhiều hoạt động.</p>" in html
    assert 'datetime="2024-03-10T08:00:00+07:00"' in html
    assert ">Chủ nhật, 10/03/2024 08:00</time>" in html
    assert '<span class="author">Hoàng Liên</span>' in html
    assert "Capture:" in html and "none recorded" in html  # stored without a crawl


def test_vietnamese_dates_keep_the_portals_clock():
    assert vietnamese_date("2024-03-11T09:05:00+07:00") == "Thứ Hai, 11/03/2024 09:05"
    assert vietnamese_date("2023-11-05") == "Chủ nhật, 05/11/2023"
    assert vietnamese_date("2024-01-01T00:30:00Z") == "Thứ Hai, 01/01/2024 00:30 (UTC+00:00)"
    assert vietnamese_date("không rõ") is None


def test_withdrawn_article_is_gone_from_every_datasette_page(db):
    target = article_id(db)
    with Archive(db) as archive:
        archive.withdraw(LEAD_URL, "Yêu cầu gỡ bài", by="test")
    datasette = datasette_for(db)
    assert target not in {row["id"] for row in rows(datasette, "/archive/articles.json")}
    assert target not in {row["id"] for row in rows(datasette, "/archive/article_catalogue.json")}
    assert LEAD_URL not in {row["url"] for row in rows(datasette, "/archive/article_urls.json")}
    assert get(datasette, f"/archive/articles/{target}").status_code == 410
    assert get(datasette, f"/archive/articles/{target}.json").status_code == 410
    assert get(datasette, f"/-/article/{target}").status_code == 404
    assert get(datasette, "/archive/search.json?q=le+hoi").json()["rows"] == []
    counted = get(datasette, "/archive/articles.json?_facet=source").json()
    assert counted["filtered_table_rows_count"] == 5
    assert "6 stories" not in get(datasette, "/").text
    assert get(datasette, "/archive/articles/1").status_code == 200  # others untouched
    with Archive(db) as archive:
        archive.restore(target, by="test")
    assert get(datasette, f"/archive/articles/{target}").status_code == 200


def dashboard_sql(chart: str) -> str:
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())
    return metadata["plugins"]["datasette-dashboards"]["coverage"]["charts"][chart]["query"]


def chart_rows(datasette, chart: str, **params) -> list[dict]:
    sql = dashboard_sql(chart)
    for name in ("source", "province_then", "province_now"):  # as the plugin drops [[ ]] blocks
        if name in params:
            sql = sql.replace(f"[[ and a.{name} = :{name} ]]", f"and a.{name} = :{name}")
            sql = sql.replace(f"[[ and s.{name} = :{name} ]]", f"and s.{name} = :{name}")
    sql = "\n".join(line for line in sql.splitlines() if "[[" not in line)
    response = asyncio.run(
        datasette.client.get("/archive.json", params={"sql": sql, "_shape": "array", **params})
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_chart_has_every_month_with_zeros(db):
    datasette = datasette_for(db)
    months = chart_rows(datasette, "per-month")
    assert [row["month"] for row in months] == [
        "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
    ]  # fmt: skip
    assert [row["articles"] for row in months] == [1, 0, 1, 1, 2, 0, 1]
    quang_nam = chart_rows(datasette, "per-month", province_then="Quảng Nam")
    assert [(r["month"], r["articles"]) for r in quang_nam] == [
        ("2024-03", 2), ("2024-04", 0), ("2024-05", 1),
    ]  # fmt: skip
    assert chart_rows(datasette, "per-month", province_now="Đà Nẵng") == quang_nam


def test_chart_per_group_fills_every_month_for_every_portal_or_province(db):
    datasette = datasette_for(db)
    by_portal = chart_rows(datasette, "by-group", by="portal")
    assert len(by_portal) == 7 * 2
    assert {r["group"] for r in by_portal} == {"baoquangnam", "binhduong"}
    assert sum(r["articles"] for r in by_portal) == 6
    by_now = chart_rows(datasette, "by-group", by="province_now")
    assert {r["group"] for r in by_now} == {"Đà Nẵng", "Hồ Chí Minh"}
    dec = [r for r in by_now if r["month"] == "2023-12"]
    assert [r["articles"] for r in dec] == [0, 0]


def test_dashboard_page_offers_portal_and_both_province_filters(db):
    datasette = datasette_for(db)
    assert get(datasette, "/-/dashboards/coverage").status_code == 302  # to its default filter
    html = get(datasette, "/-/dashboards/coverage?by=province_now").text
    for label in ("Portal", "Province then (before 1 July 2025)", "Province now (since 1 July"):
        assert label in html
    assert "Quảng Nam" in html and "Hồ Chí Minh" in html
    assert "vega-lite.min.js" in html


def test_article_page_links_the_warc_record_it_came_from(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=2) as portal:
        crawl(db, portal.write_sources(tmp_path / "sources.toml"))
    datasette = datasette_for(db)
    (target, fetched) = query(
        db, "SELECT a.id, u.fetched_url FROM articles a JOIN article_urls u ON u.url = a.url"
    )[0]
    html = get(datasette, f"/-/article/{target}").text
    assert f'href="/-/capture/{target}"' in html
    response = get(datasette, f"/-/capture/{target}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/warc"
    gzip.decompress(response.content)  # one whole gzip member
    (record,) = list(ArchiveIterator(io.BytesIO(response.content)))
    assert record.rec_type == "response"
    assert record.rec_headers.get_header("WARC-Target-URI") == fetched
    assert get(datasette, "/-/capture/999999").status_code == 404


def test_unknown_address_is_a_plain_404(db):
    # rich (installed with the wacz tools) must not break Datasette's own 404 handler
    response = get(datasette_for(db), "/archive/no_such_table/-/nothing")
    assert response.status_code == 404
    assert "<title>Error 404</title>" in response.text
