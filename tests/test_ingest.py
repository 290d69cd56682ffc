"""`archive ingest` in process, on a real redis-server: unreadable entries are recorded, not
dropped, and entries delivered again after a crash are not stored twice."""

from types import SimpleNamespace

from ops_portal import paragraphs, query

from crawler.cluster.keys import Keys, connect
from crawler.cluster.stream import ResultStream
from crawler.crawl.cluster_worker import page_result
from crawler.crawl.items import PageRendered, UrlAccounted
from crawler.extract import Extracted
from crawler.ops.ingest import CONSUMER, Ingest
from crawler.store.results import Counts, PageResult

RUN = "baosongthu@20261129T000000Z"


def article(n: int) -> bytes:
    url = f"http://127.0.0.1/tin-tuc/bai-{n}.html"
    text = "\n\n".join(paragraphs(n))
    return PageResult("baosongthu", None, url, article=Extracted(url, f"Bài {n}", text)).to_bytes()


def test_an_unreadable_entry_is_recorded_as_a_bad_result_and_the_rest_stored(redis_url, tmp_path):
    stream = ResultStream(connect(redis_url), Keys())
    stream.push(RUN, "baosongthu", article(1))
    stream.push(RUN, "baosongthu", b'{"v": 99, "type": "page"}')
    stream.push(RUN, "baosongthu", Counts(0, {"pages": 3}).to_bytes())
    job = Ingest(tmp_path / "a.db", stream.client, Keys(), {})
    report = job.run(until_idle=True, grace=0, block=0.1)
    job.close()
    assert report.entries == 3
    db = tmp_path / "a.db"
    assert query(db, "SELECT count(*) FROM articles")[0][0] == 1
    (error,) = query(db, "SELECT kind, detail FROM crawl_errors")
    assert error[0] == "bad-result" and "version 99" in error[1]
    assert query(db, "SELECT pages, articles_new, errors, run_key FROM crawls") == [(3, 1, 1, RUN)]


def test_entries_delivered_again_after_a_crash_are_skipped_not_stored_twice(redis_url, tmp_path):
    client = connect(redis_url)
    stream = ResultStream(client, Keys())
    for n in range(4):
        stream.push(RUN, "baosongthu", article(n))
    stream.ensure_group()
    killed = Ingest(tmp_path / "a.db", client, Keys(), {})
    killed.stream.ack = lambda ids: None  # killed after the commit, before acknowledging
    killed.apply(stream.read(CONSUMER, 2, 10, again=False))
    killed.close()
    again = Ingest(tmp_path / "a.db", client, Keys(), {})
    report = again.run(until_idle=True, grace=0, block=0.1)
    again.close()
    assert (report.skipped, report.entries) == (2, 2)
    assert query(tmp_path / "a.db", "SELECT count(*) FROM articles")[0][0] == 4
    assert query(tmp_path / "a.db", "SELECT articles_new, articles_seen FROM crawls") == [(4, 0)]
    assert client.xlen(Keys().results) == 0


def test_the_ingest_hands_the_archives_learned_templates_to_the_workers(redis_url, tmp_path):
    from crawler.cluster.workers import learned_template
    from crawler.store.archive import Archive

    with Archive(tmp_path / "a.db") as archive:
        archive.save_template("baosongthu", frozenset({"f1", "f2"}), pages=8)
    client = connect(redis_url)
    Ingest(tmp_path / "a.db", client, Keys(), {}).close()
    assert learned_template(client, Keys(), "baosongthu") == {"f1", "f2"}
    assert learned_template(client, Keys(), "phuocson") == frozenset()


def test_urls_not_fetched_and_renders_from_a_worker_reach_the_archive(redis_url, tmp_path):
    """A worker's UrlAccounted and PageRendered items cross the stream like its pages do."""
    source = SimpleNamespace(slug="baosongthu", kind="paper", allowed_domains=["127.0.0.1"])
    home = "http://127.0.0.1/"
    items = [
        UrlAccounted("baosongthu", home + "tin-tuc/bai-7.html", "sitemap", "unchanged"),
        PageRendered(
            "baosongthu",
            home,
            "browser",
            "clicked 'Xem thêm' once",
            [home + "api/more?page=2"],
            9,
            2,
            6,
            1.25,
            "captures/w1.warc.gz",
            512,
        ),
    ]
    stream = ResultStream(connect(redis_url), Keys())
    stream.push(RUN, "baosongthu", article(1))
    for item in items:
        stream.push(RUN, "baosongthu", page_result(item, source))
    job = Ingest(tmp_path / "a.db", stream.client, Keys(), {})
    job.run(until_idle=True, grace=0, block=0.1)
    job.close()
    db = tmp_path / "a.db"
    assert query(db, "SELECT url, outcome FROM discovered_urls") == [
        (home + "tin-tuc/bai-7.html", "unchanged")
    ]
    assert query(db, "SELECT url, reason, article_links, warc_offset FROM renders") == [
        (home, "browser", 6, 512)
    ]
