"""A real crawl of the sample portals: every article once, clean, dated and signed."""

import sqlite3
import subprocess
import sys
import urllib.request
from collections import Counter

import pytest
from conftest import EXPECTED, FAST, ROOT

from crawler.crawl.urls import canonical_url
from crawler.extract.vietnamese import normalize_text as stored


def query(run, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(run.db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def article_at(run, source: str, path: str) -> sqlite3.Row:
    rows = query(
        run,
        "SELECT a.* FROM articles a JOIN article_urls u ON u.article_id = a.id WHERE u.url = ?",
        canonical_url(run.url(source, path)),
    )
    assert rows, f"{source}{path} was not archived"
    return rows[0]


def test_the_crawl_finishes_and_prints_a_summary(sample_crawl):
    out = sample_crawl.result.stdout
    assert "baosongthu: finished" in out and "phuocson: finished" in out
    assert "articles archived" in out and "duplicates merged" in out
    runs = query(sample_crawl, "SELECT source, status, pages, articles_new FROM crawls")
    assert {(r["source"], r["status"]) for r in runs} == {
        ("baosongthu", "finished"),
        ("phuocson", "finished"),
    }
    assert all(r["pages"] > 5 and r["articles_new"] > 0 for r in runs)


NEAR_COPIES = {(d["source"], d["path"]) for d in EXPECTED["duplicates"] if d["kind"] == "near"}
ORIGINALS = [c for c in EXPECTED["articles"] if (c["source"], c["path"]) not in NEAR_COPIES]
# pages reached through the article pattern that extraction is unsure of: kept, flagged
KEPT_DOUBTFUL = [c for c in EXPECTED["non_articles"] if c.get("kept_as") == "doubtful"]
NOT_KEPT = [c for c in EXPECTED["non_articles"] if c not in KEPT_DOUBTFUL]


def own_version(run, case) -> sqlite3.Row:
    """The text captured at a case's URL: the kept article, or its copy if another was kept."""
    url = canonical_url(run.url(case["source"], case["path"]))
    rows = query(run, "SELECT * FROM article_copies WHERE url = ?", url)
    return rows[0] if rows else article_at(run, case["source"], case["path"])


@pytest.mark.parametrize("case", EXPECTED["articles"], ids=lambda c: c["path"][-40:])
def test_each_fixture_article_is_archived_with_clean_text_date_and_author(sample_crawl, case):
    row = own_version(sample_crawl, case)
    assert row["title"] == stored(case["title"])
    assert (row["published"] or "")[:16] == case["published"][:16]
    if case["author"]:
        assert row["author"] == stored(case["author"])
    for snippet in case["must_contain"]:
        assert stored(snippet) in row["text"], snippet
    for snippet in case["must_not_contain"]:
        assert snippet not in row["text"], snippet


def test_each_distinct_fixture_story_is_one_article(sample_crawl):
    ids = Counter(article_at(sample_crawl, c["source"], c["path"])["id"] for c in ORIGINALS)
    assert all(count == 1 for count in ids.values())
    assert len(ids) == len(ORIGINALS)
    total = query(sample_crawl, "SELECT count(*) n FROM articles")[0]["n"]
    assert total == len(ORIGINALS) + len(KEPT_DOUBTFUL)


@pytest.mark.parametrize("copy", sorted(NEAR_COPIES))
def test_syndicated_copy_joins_its_story_with_provenance(sample_crawl, copy):
    source, path = copy
    story = next(d["copy_of_story"] for d in EXPECTED["duplicates"] if d["path"] == path)
    original = next(c for c in ORIGINALS if c["story"] == story)
    kept = article_at(sample_crawl, original["source"], original["path"])
    assert article_at(sample_crawl, source, path)["id"] == kept["id"]
    urls = query(
        sample_crawl, "SELECT source, relation FROM article_urls WHERE article_id = ?", kept["id"]
    )
    assert {(r["source"], r["relation"]) for r in urls} == {
        (original["source"], "original"),
        (source, "near"),
    }


def test_a_tracking_url_variant_is_not_a_second_article(sample_crawl):
    variant = next(d for d in EXPECTED["duplicates"] if d["kind"] == "exact-url-variant")
    plain = variant["path"].split("?")[0]
    story = article_at(sample_crawl, "phuocson", plain)
    rows = query(
        sample_crawl,
        "SELECT DISTINCT article_id FROM article_urls WHERE fetched_url LIKE ? || '%'",
        sample_crawl.url("phuocson", plain),
    )
    assert [r["article_id"] for r in rows] == [story["id"]]
    assert (
        query(sample_crawl, "SELECT count(*) n FROM articles WHERE title = ?", story["title"])[0][
            "n"
        ]
        == 1
    )


@pytest.mark.parametrize("case", NOT_KEPT, ids=lambda c: c["path"][-40:])
def test_non_article_pages_are_not_archived(sample_crawl, case):
    url = canonical_url(sample_crawl.url(case["source"], case["path"]))
    assert not query(sample_crawl, "SELECT 1 FROM article_urls WHERE url = ?", url)


@pytest.mark.parametrize("case", KEPT_DOUBTFUL, ids=lambda c: c["path"][-40:])
def test_unsure_page_matching_the_article_pattern_is_kept_and_flagged_doubtful(sample_crawl, case):
    row = article_at(sample_crawl, case["source"], case["path"])
    assert row["doubtful"]


def test_robots_txt_disallowed_pages_are_never_requested(sample_crawl):
    paths = {(r.slug, r.path) for r in sample_crawl.server.requests}
    for case in EXPECTED["disallowed"]:
        assert (case["source"], case["path"]) not in paths
    assert ("baosongthu", "/robots.txt") in paths


def test_every_request_names_the_archive_and_a_contact(sample_crawl):
    agents = {r.user_agent for r in sample_crawl.server.requests}
    assert agents and all("VNProvincialArchive" in a and "mailto:" in a for a in agents)


def test_every_article_url_found_is_in_the_completeness_account(sample_crawl):
    rows = query(sample_crawl, "SELECT * FROM completeness ORDER BY source")
    assert [r["source"] for r in rows] == ["baosongthu", "phuocson"]
    for row in rows:
        accounted = sum(
            row[k] for k in ("archived", "merged", "rejected", "failed", "unchanged", "variants")
        )
        assert accounted == row["discovered"] > 0
        assert row["by_sitemap"] + row["by_feed"] + row["by_listing"] == row["discovered"]
    songthu = rows[0]
    assert (songthu["doubtful"], songthu["merged"], songthu["failed"]) == (len(KEPT_DOUBTFUL), 1, 0)


def test_scrapy_crawl_command_runs_the_portal_spider(sample_server, tmp_path):
    sources = sample_server.write_sources(tmp_path / "sources.toml")
    db = tmp_path / "scrapy.db"
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "portal",
        "-a",
        "source=phuocson",
        "-a",
        f"sources={sources}",
        "-s",
        f"ARCHIVE_DB={db}",
        *FAST,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    ((status, articles),) = conn.execute("SELECT status, articles_new FROM crawls").fetchall()
    conn.close()
    assert status == "finished" and articles >= 5


def test_a_crawl_learns_each_portals_template(sample_crawl):
    rows = query(sample_crawl, "SELECT source, count(*) n, max(pages) p FROM templates GROUP BY 1")
    learned = {r["source"]: (r["n"], r["p"]) for r in rows}
    assert set(learned) == {"baosongthu", "phuocson"}
    assert all(blocks >= 3 and pages >= 5 for blocks, pages in learned.values())


def test_each_portal_keeps_to_its_own_port(sample_crawl):
    rows = query(sample_crawl, "SELECT source, fetched_url FROM article_urls")
    assert rows
    for row in rows:
        assert row["fetched_url"].startswith(sample_crawl.server.base_url(row["source"]) + "/")


@pytest.mark.parametrize("case", ORIGINALS, ids=lambda c: c["path"][-40:])
def test_learned_template_never_removes_article_text(sample_crawl, case):
    from crawler.extract import ExtractOptions, extract_article
    from crawler.store.archive import Archive

    with Archive(sample_crawl.db) as archive:
        template = archive.load_template(case["source"])
    assert template
    url = sample_crawl.url(case["source"], case["path"])
    body = urllib.request.urlopen(url).read()
    article = extract_article(body, url, ExtractOptions(template_blocks=template))
    for snippet in case["must_contain"]:
        assert stored(snippet) in article.text, snippet
