"""`archive reextract` in batches: nothing written for what comes out as stored, nothing done
for a capture the same extractor read already, a change of title kept as a version."""

import pytest
from ops_portal import article_html

import crawler.ops.reextract as reextract_module
from crawler.crawl import workers
from crawler.crawl.capture import Exchange, WarcFile
from crawler.ops.reextract import extractor_version, reextract
from crawler.store.archive import Archive, ArchiveError
from crawler.store.writer import ArchiveWriter

SOURCE = "baosongthu"
HEADERS = [("Content-Type", "text/html; charset=utf-8")]


def url(number: int) -> str:
    return f"https://baosongthu.vn/tin-tuc/bai-{number}.html"


def capture(tmp_path, pages: dict[int, str], name: str = "1-20240301T000000Z") -> None:
    """One WARC file of article pages, with the metadata a crawl writes beside each."""
    warc = WarcFile(tmp_path, f"captures/{SOURCE}/{name}.warc.gz", lambda _: None)
    metadata = {"candidate": True, "source": SOURCE, "discovered": "sitemap"}
    for number, html in pages.items():
        warc.write(Exchange(url(number), 200, HEADERS, html.encode(), metadata=metadata))
    warc.close()


def pages(count: int) -> dict[int, str]:
    return {n: article_html(n, f"Hội nghị tổng kết công tác số {n}") for n in range(count)}


def run(tmp_path, workers: int = 0):
    with Archive(tmp_path / "archive.db") as archive:
        return reextract(archive, tmp_path / "captures", {}, workers=workers)


def changes(tmp_path) -> int:
    with Archive(tmp_path / "archive.db") as archive:
        return archive.conn.execute("SELECT total_changes()").fetchone()[0]


def test_a_second_run_with_the_same_extractor_extracts_nothing(tmp_path, monkeypatch):
    capture(tmp_path, pages(4))
    first = run(tmp_path, workers=2)  # the worker processes
    assert first.line() == "0 articles updated, 0 unchanged, 4 newly found, 0 lost"
    calls = []
    monkeypatch.setattr(reextract_module, "extract_captures", lambda *a: calls.append(a))
    again = run(tmp_path)
    assert again.line() == "0 articles updated, 4 unchanged, 0 newly found, 0 lost"
    assert (again.skipped, calls) == (4, [])


def test_a_new_extractor_reads_every_page_again_but_writes_only_what_changed(tmp_path, monkeypatch):
    capture(tmp_path, pages(3))
    run(tmp_path)
    with Archive(tmp_path / "archive.db") as archive:
        seen = archive.conn.execute("SELECT url, last_seen FROM article_urls").fetchall()
    monkeypatch.setattr(reextract_module, "extractor_version", lambda: "a-better-extractor")
    report = run(tmp_path)
    assert report.line() == "0 articles updated, 3 unchanged, 0 newly found, 0 lost"
    assert report.skipped == 0 and report.timings["extract"] > 0
    with Archive(tmp_path / "archive.db") as archive:
        assert archive.conn.execute("SELECT url, last_seen FROM article_urls").fetchall() == seen
        extractors = archive.conn.execute("SELECT DISTINCT extractor FROM extractions")
        assert [row[0].split(":")[0] for row in extractors] == ["a-better-extractor"]


def test_a_new_title_for_the_same_text_is_stored_and_the_old_one_kept(tmp_path):
    capture(tmp_path, pages(2))
    run(tmp_path)
    with Archive(tmp_path / "archive.db") as archive, archive.transaction() as conn:
        conn.execute("UPDATE articles SET title = 'Tiêu đề cũ' WHERE url = ?", (url(1),))
        conn.execute("DELETE FROM extractions")  # as if a new extractor ran
    report = run(tmp_path)
    assert report.line() == "1 articles updated, 1 unchanged, 0 newly found, 0 lost"
    with Archive(tmp_path / "archive.db") as archive:
        (title,) = archive.conn.execute("SELECT title FROM articles WHERE url = ?", (url(1),))
        assert title == ("Hội nghị tổng kết công tác số 1",)
        versions = archive.conn.execute("SELECT title FROM article_versions").fetchall()
        assert versions == [("Tiêu đề cũ",)]
        assert archive.stale_search_entries() == 0


def test_a_page_the_extractor_fails_on_is_counted_and_the_rest_stored(tmp_path, monkeypatch):
    capture(tmp_path, pages(3))
    real = workers.extract_article

    def failing(body, page_url, options):
        if page_url == url(1):
            raise RuntimeError("extractor bug")
        return real(body, page_url, options)

    monkeypatch.setattr(workers, "extract_article", failing)
    report = run(tmp_path)
    assert report.line() == "0 articles updated, 0 unchanged, 2 newly found, 0 lost, 1 failed"


def test_the_extractor_version_is_a_fingerprint_of_the_extraction_code():
    assert extractor_version() == extractor_version()
    assert len(extractor_version()) == 16


def test_a_run_stopped_by_a_storage_failure_keeps_whole_batches_and_the_next_run_finishes(
    tmp_path, monkeypatch
):
    capture(tmp_path, pages(6))
    monkeypatch.setattr(reextract_module, "BATCH", 2)
    real = ArchiveWriter._apply_one
    stored = []

    def failing(self, conn, result):
        if len(stored) == 3:  # the second result of the second batch
            raise ArchiveError("disk full")
        stored.append(result.url)
        return real(self, conn, result)

    monkeypatch.setattr(ArchiveWriter, "_apply_one", failing)
    with pytest.raises(ArchiveError):
        run(tmp_path)
    with Archive(tmp_path / "archive.db") as archive:
        urls = archive.conn.execute("SELECT url FROM articles ORDER BY url").fetchall()
        done = archive.conn.execute("SELECT url FROM extractions ORDER BY url").fetchall()
    assert urls == done == [(url(0),), (url(1),)]  # the first batch, whole; nothing after it
    monkeypatch.setattr(ArchiveWriter, "_apply_one", real)
    report = run(tmp_path)
    assert report.line() == "0 articles updated, 2 unchanged, 4 newly found, 0 lost"
    assert report.skipped == 2
