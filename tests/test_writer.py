"""The result format and the group-committing archive writer."""

import json
import queue
import sqlite3
import threading
from dataclasses import replace

import pytest

from crawler.extract import Extracted
from crawler.store.archive import Archive, ArchiveError
from crawler.store.dedup import DedupSettings, text_keys
from crawler.store.results import (
    Accounted,
    Capture,
    Counts,
    Failure,
    PageResult,
    Rendered,
    ResultFormatError,
    from_bytes,
)
from crawler.store.search_index import indexed_forms
from crawler.store.writer import ArchiveWriter
from crawler.store.writer_thread import SharedWriters, WriterThread

TEXT = (
    "Sáng 12/3, Huyện ủy Phước Sơn tổ chức lễ kết nạp đảng viên mới cho 15 quần chúng ưu tú "
    "tại hội trường huyện. Đây là kết quả của công tác phát triển đảng viên ở vùng đồng bào "
    "dân tộc thiểu số, số {n} trong năm."
)


def article_result(crawl_id, n: int, **extra) -> PageResult:
    url = f"http://ps.vn/tin/bai-viet-so-{n}.aspx"
    article = Extracted(
        url=url,
        title=f"Kết nạp đảng viên mới {n}",
        text=TEXT.format(n=n) + " " + " ".join(f"từ{n}x{i}" for i in range(30)),
        tags=("đảng viên", "Phước Sơn"),
        categories=("Chính trị",),
    )
    return PageResult("phuocson", crawl_id, url, article=article, discovered="sitemap", **extra)


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def query(archive: Archive, sql: str) -> list[tuple]:
    return archive.conn.execute(sql).fetchall()


def test_results_round_trip_through_bytes_with_article_failure_and_capture():
    capture = Capture("captures/ps/1.warc.gz", 1234, 567, "sha1:ABC", "2026-01-01T00:00:00Z")
    results = [
        article_result(3, 1, capture=capture, requested_url="http://ps.vn/?id=1"),
        PageResult("phuocson", 3, "http://ps.vn/x", failure=Failure("http-503", "busy", 503)),
        PageResult("phuocson", 3, "http://ps.vn/", capture=capture),
        Counts(3, {"pages": 25}),
        Accounted(3, "phuocson", "http://ps.vn/tin/a.aspx", "sitemap", "unchanged"),
        Rendered(
            3,
            "phuocson",
            "http://ps.vn/",
            "browser",
            "clicked 'Xem thêm' 2 times",
            ("http://ps.vn/api/more?page=2",),
            14,
            3,
            12,
            1.5,
            "captures/ps/1.warc.gz",
            99,
        ),
    ]
    for result in results:
        assert from_bytes(result.to_bytes()) == result
    assert [r.kind for r in results[:3]] == ["article", "failure", "page"]


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"type": "page", "v": 99}', b'{"type": "counts", "v": 1}'],
)
def test_bytes_of_no_known_result_format_are_refused_clearly(data):
    with pytest.raises(ResultFormatError):
        from_bytes(data)


def test_a_group_is_stored_in_one_transaction_with_counters_errors_and_captures(archive):
    crawl_id = archive.start_crawl("phuocson")
    capture = Capture("captures/ps/1.warc.gz", 100, 50, "sha1:PAYLOAD", "2026-01-01T00:00:00Z")
    group = [
        article_result(crawl_id, 1, capture=capture),
        article_result(crawl_id, 2),
        article_result(crawl_id, 1),  # the same URL again: seen
        PageResult("phuocson", crawl_id, "http://ps.vn/y", failure=Failure("not-article", "menu")),
        PageResult("phuocson", crawl_id, "http://ps.vn/z", failure=Failure("http-404", "", 404)),
        Counts(crawl_id, {"pages": 5}),
    ]
    writer = ArchiveWriter(archive)
    stored = writer.apply(group)
    assert [s.outcome if s else None for s in stored] == ["new", "new", "seen", None, None, None]
    row = archive.crawl(crawl_id)
    assert (row["pages"], row["articles_new"], row["articles_seen"]) == (5, 2, 1)
    assert (row["not_articles"], row["errors"]) == (1, 1)
    assert query(archive, "SELECT payload_digest, warc_offset FROM capture_digests") == [
        ("sha1:PAYLOAD", 100)
    ]
    assert query(archive, "SELECT warc_offset FROM article_urls WHERE url LIKE '%so-1.aspx'") == [
        (100,)
    ]
    assert archive.last_fetched("http://ps.vn/tin/bai-viet-so-2.aspx") is not None
    assert query(archive, "PRAGMA integrity_check") == [("ok",)]


def test_a_result_the_archive_refuses_is_recorded_and_the_group_goes_on(archive):
    crawl_id = archive.start_crawl("phuocson")
    bad = Counts(crawl_id, {"no_such_counter": 1})
    with pytest.raises(ValueError):  # counts are the crawler's own: a bug, not a page to keep
        ArchiveWriter(archive).apply([article_result(crawl_id, 1), bad])
    assert query(archive, "SELECT count(*) FROM articles") == [(0,)]  # the whole group undone

    broken = article_result(crawl_id, 2)
    object.__setattr__(broken.article, "tags", (object(),))  # a row sqlite cannot bind
    stored = ArchiveWriter(archive).apply([article_result(crawl_id, 1), broken])
    assert stored[1] is None
    assert query(archive, "SELECT count(*) FROM articles") == [(1,)]
    assert query(archive, "SELECT kind FROM crawl_errors") == [("store-error",)]


def test_a_groups_search_entries_are_its_stored_articles_even_after_a_rollback(archive):
    crawl_id = archive.start_crawl("phuocson")
    # fails after its article row and search entry were written: the savepoint undoes both,
    # and the next article takes the same id
    broken = article_result(crawl_id, 2, capture=Capture(object(), 0))
    keyed = article_result(crawl_id, 4)
    other = " ".join(f"Đoạn văn khác hẳn số {i} về mùa lúa ở Trà My." for i in range(12))
    keyed = replace(keyed, article=replace(keyed.article, text=other))
    keys = text_keys(keyed.article.text, archive.dedup)
    forms = indexed_forms(keyed.article.title, keyed.article.text)
    keyed = replace(keyed, keys=replace(keys, search_forms=forms))
    group = [article_result(crawl_id, 1), broken, article_result(crawl_id, 3), keyed]
    stored = ArchiveWriter(archive).apply(group)
    assert [s and (s.article_id, s.outcome) for s in stored] == [
        (1, "new"),
        None,
        (2, "new"),  # the id the rolled-back article had
        (3, "new"),  # indexed with the forms its worker computed
    ]
    assert query(archive, "SELECT kind FROM crawl_errors") == [("store-error",)]
    rows = query(archive, "SELECT id, title, text FROM articles ORDER BY id")
    expected = [(id_, *indexed_forms(title, text)) for id_, title, text in rows]
    assert query(archive, "SELECT rowid, title, body FROM articles_fts ORDER BY rowid") == expected
    assert query(archive, "SELECT count(*) FROM search_stale") == [(0,)]
    assert archive.stale_search_entries() == 0
    archive.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_a_storage_failure_rolls_back_the_whole_group_and_raises(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("phuocson")
    with Archive(db) as archive:
        archive.conn.execute("PRAGMA query_only = ON")  # every write now fails like a RO file
        with pytest.raises((ArchiveError, sqlite3.Error)):
            ArchiveWriter(archive).apply([article_result(crawl_id, 1)])
    with Archive(db) as archive:
        assert query(archive, "SELECT count(*) FROM articles") == [(0,)]


def test_writer_thread_commits_in_groups_by_count_and_by_time(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("phuocson")
    commits = []
    writer = WriterThread(db, max_batch=10, max_delay=0.2, before_commit=lambda: commits.append(1))
    writer.put_many(article_result(crawl_id, n) for n in range(25))
    writer.flush()
    assert writer.committed == 25
    assert 3 <= len(commits) < 25  # groups, not a transaction per article
    writer.put(article_result(crawl_id, 99))
    done = threading.Event()
    threading.Timer(1.0, done.set).start()
    done.wait()
    with Archive(db) as archive:  # committed by time, without a flush
        assert query(archive, "SELECT count(*) FROM article_urls") == [(26,)]
    writer.close()
    assert sum(writer.outcomes[k] for k in ("new", "near", "exact")) == 26


def test_writer_thread_blocks_producers_when_its_queue_is_full(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("phuocson")
    gate = threading.Event()
    writer = WriterThread(db, max_batch=1, max_delay=0, queue_size=2, before_commit=gate.wait)
    writer.put(article_result(crawl_id, 0))  # taken by the writer, which waits at the gate
    writer.put(article_result(crawl_id, 1))
    writer.put(article_result(crawl_id, 2))
    with pytest.raises(queue.Full):
        writer.queue.put(article_result(crawl_id, 3), timeout=0.3)
    gate.set()
    writer.close()
    assert writer.committed == 3


def test_writer_thread_failure_is_raised_to_the_producer(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("phuocson")

    def disk_full() -> None:
        raise ArchiveError("cannot write archive: database or disk is full")

    writer = WriterThread(db, before_commit=disk_full, max_delay=0)
    writer.put(article_result(crawl_id, 1))
    with pytest.raises(ArchiveError):
        writer.flush()
    with pytest.raises(ArchiveError):
        writer.put(article_result(crawl_id, 2))
    with pytest.raises(ArchiveError):
        writer.close()


def test_a_failure_in_the_last_group_does_not_keep_close_waiting(tmp_path):
    """The disk fills during the commit that close() asked for: close raises, it does not hang."""
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("phuocson")
    closing = threading.Event()

    def full_when_closing() -> None:
        if closing.is_set():
            raise ArchiveError("cannot write archive: database or disk is full")

    writer = WriterThread(db, before_commit=full_when_closing, max_batch=1000, max_delay=60)
    writer.put(article_result(crawl_id, 1))
    closing.set()
    finished = threading.Event()
    errors: list[BaseException] = []

    def close() -> None:
        try:
            writer.close()
        except ArchiveError as exc:
            errors.append(exc)
        finished.set()

    threading.Thread(target=close, daemon=True).start()
    assert finished.wait(30), "close() hung after the writer failed on its last group"
    assert errors and "full" in str(errors[0])


def test_accounted_urls_and_renders_are_stored_with_their_group(archive):
    """What a distributed worker pushes besides pages: URLs found and not fetched, renders."""
    crawl_id = archive.start_crawl("phuocson")
    endpoints = ("http://ps.vn/api/more?page=2", "http://ps.vn/api/more?page=3")
    results = [
        Accounted(crawl_id, "phuocson", "http://ps.vn/tin/a.aspx", "sitemap", "unchanged"),
        Rendered(
            crawl_id,
            "phuocson",
            "http://ps.vn/",
            "auto",
            "scrolled 3 times",
            endpoints,
            article_links=12,
        ),
    ]
    ArchiveWriter(archive).apply([from_bytes(r.to_bytes()) for r in results])
    assert query(archive, "SELECT url, found_by, outcome FROM discovered_urls") == [
        ("http://ps.vn/tin/a.aspx", "sitemap", "unchanged")
    ]
    (render,) = query(archive, "SELECT url, reason, endpoints, article_links FROM renders")
    assert render[:2] == ("http://ps.vn/", "auto") and render[3] == 12
    assert json.loads(render[2]) == list(endpoints)


LONG_TEXT = "\n".join(
    f"Xã vùng cao số {i} hoàn thành công trình đường giao thông nông thôn mới trong tháng {i}."
    for i in range(1, 25)
)


@pytest.mark.parametrize("settings", [DedupSettings(), DedupSettings(shingle=4)])
def test_text_keys_computed_beside_extraction_store_what_the_writer_would(tmp_path, settings):
    """Keys signed with the archive's dedup settings are used as they are; keys signed with
    other settings give their content hash only, and the writer signs the text again."""
    stored = {}
    title = "Kết nạp đảng viên mới 1"
    forms = indexed_forms(title, LONG_TEXT)
    signed = replace(text_keys(LONG_TEXT, settings), search_forms=forms)
    for name, keys in (("writer", None), ("worker", signed)):
        with Archive(tmp_path / f"{name}.db") as archive:
            crawl_id = archive.start_crawl("phuocson")
            plain = article_result(crawl_id, 1)
            result = replace(plain, article=replace(plain.article, text=LONG_TEXT), keys=keys)
            assert from_bytes(result.to_bytes()) == result
            ArchiveWriter(archive).apply([result])
            stored[name] = query(archive, "SELECT content_hash, signature FROM article_signatures")
            stored[name] += query(archive, "SELECT rowid, title, body FROM articles_fts")
            found = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'cong trinh duong'"
            assert query(archive, found)
    assert stored["worker"] == stored["writer"]
    assert stored["writer"][0][1] is not None  # long enough to be signed
    assert stored["writer"][1][1:] == forms


def test_crawls_of_one_process_share_one_writer_per_archive_until_the_last_leaves(tmp_path):
    writers = SharedWriters()
    first = writers.join(tmp_path / "archive.db", max_delay=30)
    second = writers.join(tmp_path / "." / "archive.db", max_delay=30)
    other = writers.join(tmp_path / "other.db")
    assert first is second and other is not first
    with Archive(tmp_path / "archive.db") as archive:
        crawl_id = archive.start_crawl("phuocson")
    first.put(article_result(crawl_id, 1))
    writers.leave(first)  # waits for its results, leaves the writer to the other crawl
    assert first.committed == 1 and first._thread.is_alive()
    writers.leave(second)
    writers.leave(other)
    assert not first._thread.is_alive() and not other._thread.is_alive()
    again = writers.join(tmp_path / "archive.db")
    assert again is not first  # a later crawl opens anew
    writers.leave(again)


def test_a_failing_writer_tells_its_listeners_at_once(tmp_path):
    """A crawl whose producers went quiet (its frontier on the same full disk) still hears of
    the failure and stops, instead of waiting for a page that never comes."""
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl_id = archive.start_crawl("phuocson")

    def disk_full() -> None:
        raise ArchiveError("cannot write archive: database or disk is full")

    heard = queue.Queue()
    writer = WriterThread(db, before_commit=disk_full, max_delay=0)
    writer.on_failure.append(heard.put)
    writer.put(article_result(crawl_id, 1))
    assert "full" in str(heard.get(timeout=30))
    with pytest.raises(ArchiveError):
        writer.close()
