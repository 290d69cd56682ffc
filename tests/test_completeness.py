"""The completeness account: every article URL a crawl found has one line saying what became of
it, written by the pipeline's batches or by the group-committing writer, summed per crawl."""

from dataclasses import replace

import pytest

from crawler.extract import Extracted
from crawler.store.archive import Archive
from crawler.store.completeness import UrlOutcome
from crawler.store.results import Accounted, Failure, PageResult, from_bytes
from crawler.store.writer import ArchiveWriter

BODY = (
    "Sáng 12/3, Huyện ủy Phước Sơn tổ chức lễ kết nạp đảng viên mới cho 15 quần chúng ưu tú tại "
    "hội trường huyện, bài số {n}. " + " ".join(f"từ{{n}}x{i}" for i in range(40))
)


def article(n: int, doubtful: str | None = None) -> Extracted:
    url = f"http://ps.vn/tin/bai-so-{n}.aspx"
    text = BODY.replace("{n}", str(n))
    return Extracted(url=url, title=f"Kết nạp đảng viên mới {n}", text=text, doubtful=doubtful)


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def account(archive: Archive, crawl_id: int) -> dict:
    return archive.completeness(crawl_id)


def test_writer_results_fill_the_account_in_their_own_transaction(archive):
    crawl_id = archive.start_crawl("phuocson")
    copy = replace(article(1), url="http://ps.vn/in/bai-so-1.aspx")
    results = [
        PageResult("phuocson", crawl_id, article(1).url, article=article(1), discovered="sitemap"),
        PageResult("phuocson", crawl_id, copy.url, article=copy, discovered="listing"),
        PageResult(
            "phuocson",
            crawl_id,
            "http://ps.vn/tin/bai-so-2.aspx",
            article=article(2, doubtful="no-text: 140 characters of text"),
            discovered="feed",
        ),
        PageResult(
            "phuocson",
            crawl_id,
            "http://ps.vn/tin/lien-he-3.aspx",
            failure=Failure("not-article", "contact: address, telephone and e-mail lines"),
            discovered="listing",
        ),
        PageResult(
            "phuocson",
            crawl_id,
            "http://ps.vn/tin/bai-so-4.aspx",
            failure=Failure("http-404", "Ignoring non-200 response", 404),
            discovered="sitemap",
        ),
        PageResult("phuocson", crawl_id, "http://ps.vn/tin-tuc.aspx"),  # a listing: no line
    ]
    ArchiveWriter(archive).apply(results)
    row = account(archive, crawl_id)
    assert (row["discovered"], row["by_sitemap"], row["by_feed"], row["by_listing"]) == (5, 2, 1, 2)
    assert (row["archived"], row["doubtful"], row["merged"]) == (2, 1, 1)
    assert (row["rejected_by_rule"], row["failed_by_kind"]) == ("contact 1", "http-404 1")
    lines = dict(
        archive.conn.execute("SELECT url, rule FROM discovered_urls WHERE outcome = 'rejected'")
    )
    assert lines == {"http://ps.vn/tin/lien-he-3.aspx": "contact"}


def test_a_url_has_one_line_per_crawl_and_its_last_outcome_wins(archive):
    first, second = archive.start_crawl("phuocson"), archive.start_crawl("phuocson")
    url = "http://ps.vn/tin/bai-so-5.aspx?utm_source=zalo"
    archive.account_urls(first, [UrlOutcome("phuocson", url, "listing", "failed", "timeout")])
    archive.account_urls(first, [UrlOutcome("phuocson", url, "listing", "archived", "new")])
    archive.account_urls(second, [UrlOutcome("phuocson", url, "sitemap", "unchanged")])
    rows = archive.conn.execute("SELECT crawl_id, url, outcome FROM discovered_urls").fetchall()
    assert sorted(rows) == [
        (first, "http://ps.vn/tin/bai-so-5.aspx", "archived"),
        (second, "http://ps.vn/tin/bai-so-5.aspx", "unchanged"),
    ]


def test_an_unknown_outcome_is_refused():
    with pytest.raises(ValueError, match="outcome"):
        UrlOutcome("phuocson", "http://ps.vn/a", "listing", "lost")


def test_urls_not_fetched_travel_as_results_and_are_accounted_by_the_writer(archive):
    crawl_id = archive.start_crawl("phuocson")
    amp = Accounted(
        crawl_id,
        "phuocson",
        "http://ps.vn/amp/bai-so-6.aspx",
        "feed",
        "variant",
        "http://ps.vn/tin/bai-so-6.aspx",
    )
    old = Accounted(crawl_id, "phuocson", "http://ps.vn/tin/bai-so-7.aspx", "sitemap", "unchanged")
    assert from_bytes(amp.to_bytes()) == amp
    ArchiveWriter(archive).apply([amp, old])
    row = account(archive, crawl_id)
    assert (row["discovered"], row["variants"], row["unchanged"], row["archived"]) == (2, 1, 1, 0)
