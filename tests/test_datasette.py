"""`archive serve`: canned queries, search, the article page, escaping, exports, read-only-ness."""

import asyncio
import csv
import io
import sqlite3
from pathlib import Path

import pytest
import yaml
from test_search import SOURCES, build_archive

from crawler.serve.app import CONFIG_DIR, datasette_for
from crawler.serve.search import SEARCH_SQL


@pytest.fixture
def client(tmp_path):
    datasette = datasette_for(build_archive(tmp_path / "archive.db"))
    return datasette.client


def get(client, path):
    return asyncio.run(client.get(path))


def rows(client, path) -> list[dict]:
    response = get(client, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


def test_metadata_search_query_is_the_one_search_articles_runs():
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())
    queries = metadata["databases"]["archive"]["queries"]
    assert queries["search"]["sql"] == SEARCH_SQL
    assert not any(query.get("write") for query in queries.values())


def test_search_query_folds_diacritics_and_d(client):
    found = rows(client, "/archive/search.json?q=phuoc+son")
    assert {row["title"] for row in found} >= {"Phước Sơn kết nạp đảng viên mới"}
    found = rows(client, "/archive/search.json?q=dang+vien&province=quang+nam")
    assert [row["title"] for row in found] == ["Phước Sơn kết nạp đảng viên mới"]


def test_search_query_with_marks_puts_exact_matches_first(client):
    found = rows(client, "/archive/search.json?q=Ph%C6%B0%E1%BB%9Bc+S%C6%A1n")  # Phước Sơn
    assert [(row["title"], row["exact"]) for row in found] == [
        ("Phước Sơn kết nạp đảng viên mới", 1),
        ("Phuoc Son Phuoc Son Phuoc Son", 0),
    ]


def test_search_query_filters_by_date_and_portal(client):
    path = "/archive/search.json?q=dang+vien&source=binhduong&since=2023-01-01&until=2023-12-31"
    assert [row["title"] for row in rows(client, path)] == ["Đảng viên trẻ Bình Dương"]


def test_search_page_highlights_hits_and_links_articles(client):
    html = get(client, "/archive/search?q=dang+vien").text
    assert "<mark>đảng</mark>" in html
    assert 'href="/-/article/' in html


def test_search_results_export_as_csv(client):
    response = get(client, "/archive/search.csv?q=dang+vien&_size=max")
    assert response.status_code == 200
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["title"] for row in table} == {
        "Phước Sơn kết nạp đảng viên mới",
        "Đảng viên trẻ Bình Dương",
    }
    assert {
        "rank",
        "article",
        "url",
        "source",
        "province",
        "published",
        "snippet",
        "relevance",
    } <= set(table[0])


def test_hostile_search_input_is_an_empty_result_not_an_error(client):
    for query in ["%22", "-", "AND", "NEAR(", "*", "%22abc", ""]:
        response = get(client, f"/archive/search.json?q={query}")
        assert response.status_code == 200, (query, response.text)


def test_articles_per_month_counts_by_portal(client):
    found = rows(client, "/archive/articles_per_month.json?source=baoquangnam")
    assert found == [
        {"month": "2024-05", "source": "baoquangnam", "articles": 1},
        {"month": "2024-03", "source": "baoquangnam", "articles": 1},
    ]


def test_article_copies_lists_every_url_by_id_or_url(client):
    url = "https://baoquangnam.vn/phuoc-son-ket-nap-dang-vien-1.html"
    by_url = rows(client, f"/archive/article_copies.json?article=&url={url}")
    assert [row["url"] for row in by_url] == [url]
    by_id = rows(client, f"/archive/article_copies.json?article={by_url[0]['article_id']}&url=")
    assert by_id == by_url


def test_crawl_health_and_recent_errors_run(client):
    assert get(client, "/archive/crawl_health.json").status_code == 200
    assert get(client, "/archive/recent_errors.json").status_code == 200


def test_portal_health_lists_every_registered_portal(client):
    health = {row["source"]: row for row in rows(client, "/archive/source_status.json")}
    assert set(health) == {source.slug for source in SOURCES}
    assert all(row["articles_total"] > 0 for row in health.values())


def test_catalogue_facets_by_portal_province_month_and_category(client):
    data = get(client, "/archive/article_catalogue.json").json()
    facets = data["facet_results"]
    assert set(facets) == {"portal", "province_then", "province_now", "year", "month", "categories"}
    assert {f["value"] for f in facets["province_then"]["results"]} == {"Quảng Nam", "Bình Dương"}
    assert {f["value"] for f in facets["province_now"]["results"]} == {"Đà Nẵng", "Hồ Chí Minh"}
    published = [row[1] for row in data["rows"]]
    assert published == sorted(published, reverse=True)  # newest first


def test_article_page_shows_paragraphs_original_and_copies(client):
    (hit,) = rows(client, "/archive/search.json?q=%22ket+nap%22")
    html = get(client, f"/-/article/{hit['article']}").text
    assert "<p>Huyện Phước Sơn tổ chức lễ kết nạp 25 đảng viên.</p>" in html
    assert "<p>Công tác phát triển đảng viên ở vùng cao được chú trọng.</p>" in html
    assert f'<a href="{hit["url"]}"' in html
    assert get(client, "/-/article/999999").status_code == 404


def test_crawled_markup_is_escaped_everywhere(client):
    (hit,) = rows(client, "/archive/search.json?q=noi+dung")
    pages = [
        get(client, f"/-/article/{hit['article']}").text,
        get(client, "/archive/search?q=noi+dung").text,
        get(client, "/archive/articles").text,
        get(client, f"/archive/articles/{hit['article']}").text,
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    assert "&lt;script&gt;" in pages[0]


def test_old_timeline_address_leads_to_the_coverage_dashboard(client):
    response = get(client, "/-/timeline")
    assert response.status_code == 302
    assert response.headers["location"] == "/-/dashboards/coverage"


def test_connections_are_read_only(client, tmp_path):
    datasette = datasette_for(tmp_path / "archive.db")
    database = datasette.get_database("archive")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(database.execute("insert into sources (slug) values ('x')"))
    response = get(client, "/archive.json?sql=delete+from+articles")
    assert response.status_code == 400
    assert asyncio.run(client.post("/archive/search", data={"q": "x"})).status_code != 200
    assert get(client, "/-/create").status_code == 404
    assert len(rows(client, "/archive/search.json?q=dang+vien")) == 2


def test_vn_fold_is_available_to_arbitrary_sql(client):
    (row,) = rows(client, "/archive.json?sql=select+vn_fold('Đảng+viên+Hoà+Bình')+as+f")
    assert row["f"] == "dang vien hoa binh"


def test_serving_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(FileNotFoundError):
        datasette_for(Path(tmp_path) / "nope.db")


def test_metadata_portal_health_query_is_the_status_overview():
    from crawler.ops.status import STATUS_SQL

    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())
    queries = metadata["databases"]["archive"]["queries"]
    assert queries["source_status"]["sql"] == STATUS_SQL.strip()


def test_article_page_links_the_address_fetched_not_the_identity_key(tmp_path):
    from crawler.extract import Extracted
    from crawler.store.archive import Archive

    db = tmp_path / "archive.db"
    fetched = "https://www.baoquangnam.vn/thoi-su/le-hoi-3141.html"
    text = "Lễ hội cầu ngư ở Tam Hải thu hút đông đảo ngư dân và du khách tham dự trong ba ngày."
    with Archive(db) as archive:
        archive.register_sources(SOURCES)
        stored = archive.store_article(
            None, "baoquangnam", fetched, Extracted(url=fetched, title="Lễ hội", text=text)
        )
    page = get(datasette_for(db).client, f"/-/article/{stored.article_id}").text
    assert f'href="{fetched}"' in page
    assert 'href="https://baoquangnam.vn/' not in page
