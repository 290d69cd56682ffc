"""The archive writer API: crawl records, article storage and transactional safety."""

import sqlite3

import pytest

from crawler.extract import Extracted
from crawler.store.archive import Archive, ArchiveError
from crawler.store.migrations import pending

TEXT = (
    "Sáng 12/3, Huyện ủy Phước Sơn tổ chức lễ kết nạp đảng viên mới cho 15 quần chúng ưu tú.\n\n"
    "Đây là kết quả của công tác phát triển đảng viên ở vùng đồng bào dân tộc thiểu số."
)


def article(url: str, text: str = TEXT, title: str = "Kết nạp đảng viên mới") -> Extracted:
    return Extracted(url=url, title=title, text=text, published="2024-03-12T08:00:00+07:00")


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def test_new_archive_has_every_migration_applied_and_wal_mode(archive):
    assert pending(archive.conn) == []
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "article_urls", "crawls", "crawl_errors", "sources"} <= set(
        archive.db.table_names()
    )


def test_reopening_an_archive_keeps_its_rows(tmp_path):
    with Archive(tmp_path / "a.db") as first:
        first.store_article(None, "phuocson", "http://ps.vn/tin/1.aspx", article("u"))
    with Archive(tmp_path / "a.db") as second:
        assert second.db["articles"].count == 1


def test_crawl_run_counts_outcomes_of_each_store(archive):
    crawl_id = archive.start_crawl("phuocson")
    first = archive.store_article(crawl_id, "phuocson", "http://ps.vn/tin/1.aspx", article("a"))
    again = archive.store_article(crawl_id, "phuocson", "http://ps.vn/tin/1.aspx", article("a"))
    copy = archive.store_article(crawl_id, "phuocson", "http://ps.vn/in/1.aspx", article("b"))
    archive.count(crawl_id, pages=3)
    row = archive.finish_crawl(crawl_id, "finished")
    assert (first.outcome, again.outcome, copy.outcome) == ("new", "seen", "exact")
    assert first.article_id == again.article_id == copy.article_id
    assert (row["status"], row["pages"], row["articles_new"]) == ("finished", 3, 1)
    assert (row["articles_seen"], row["duplicates"]) == (1, 1)
    assert row["finished"] is not None


def test_every_url_of_an_article_is_recorded_with_its_relation(archive):
    archive.store_article(None, "baosongthu", "http://bst.vn/a-1.html", article("x"))
    archive.store_article(None, "phuocson", "http://ps.vn/tin/9.aspx", article("y"))
    rows = list(
        archive.db.query("SELECT fetched_url, source, relation FROM article_urls ORDER BY 1")
    )
    assert rows == [
        {"fetched_url": "http://bst.vn/a-1.html", "source": "baosongthu", "relation": "original"},
        {"fetched_url": "http://ps.vn/tin/9.aspx", "source": "phuocson", "relation": "exact"},
    ]


def test_errors_are_recorded_and_counted_by_kind(archive):
    crawl_id = archive.start_crawl("phuocson")
    archive.record_error(crawl_id, "phuocson", "http://ps.vn/x", "http-503", "down", 503)
    archive.record_error(crawl_id, "phuocson", "http://ps.vn/", "not-article", "listing")
    archive.record_error(crawl_id, "phuocson", "http://ps.vn/tim", "robots", "disallowed")
    row = archive.crawl(crawl_id)
    assert (row["errors"], row["not_articles"], row["skipped"]) == (1, 1, 1)
    kinds = [r["kind"] for r in archive.db.query("SELECT kind FROM crawl_errors ORDER BY id")]
    assert kinds == ["http-503", "not-article", "robots"]


def test_a_failed_write_leaves_no_half_article(archive, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Archive, "_remember_url", staticmethod(broken))
    with pytest.raises(sqlite3.OperationalError):
        archive.store_article(None, "phuocson", "http://ps.vn/tin/1.aspx", article("z"))
    assert archive.db["articles"].count == 0
    assert not archive.conn.in_transaction


def test_unknown_counter_is_refused(archive):
    crawl_id = archive.start_crawl("phuocson")
    with pytest.raises(ValueError, match="unknown crawl counters"):
        archive.count(crawl_id, bogus=1)


def test_unopenable_path_raises_archive_error(tmp_path):
    with pytest.raises(ArchiveError, match="cannot open archive"):
        Archive(tmp_path / "missing-dir" / "archive.db")
