"""Every response of a crawl lands in a gzipped WARC file that warcio reads back."""

import gzip
import json
from pathlib import Path

from ops_portal import Portal, article_html, crawl, query, run_archive
from warcio.archiveiterator import ArchiveIterator

from crawler.crawl.capture import Exchange, WarcFile, payload_digest
from crawler.store.connection import connect
from crawler.store.dedup import content_hash


def records(path: Path) -> list:
    with open(path, "rb") as handle:
        found = []
        for record in ArchiveIterator(handle):
            payload = record.content_stream().read() if record.rec_type == "response" else b""
            found.append((record.rec_type, record.rec_headers, record.http_headers, payload))
        return found


def test_crawl_writes_request_response_and_metadata_records_for_every_fetch(tmp_path):
    with Portal(count=3) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(tmp_path / "archive.db", registry)
        fetched = sorted(portal.requests)
    (warc,) = (tmp_path / "captures" / "baosongthu").glob("1-*.warc.gz")
    found = records(warc)
    responses = [r for r in found if r[0] == "response"]
    uris = sorted(h.get_header("WARC-Target-URI").split("/", 3)[3] for _, h, _, _ in responses)
    assert uris == sorted(path.lstrip("/") for path in fetched)
    assert {kind for kind, *_ in found} == {"warcinfo", "response", "request", "metadata"}
    assert len([r for r in found if r[0] == "request"]) == len(responses)
    for _, headers, http, payload in responses:
        assert headers.get_header("WARC-Payload-Digest").startswith("sha1:")
        if headers.get_header("WARC-Target-URI").endswith("-1.html"):
            assert http.get_header("Content-Encoding") == "gzip"  # kept as sent on the wire
            assert "Hội nghị tổng kết công tác số 1" in payload.decode("utf-8")


def test_article_urls_point_at_their_response_record(tmp_path):
    with Portal(count=2) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(tmp_path / "archive.db", registry)
    sql = "SELECT fetched_url, warc_file, warc_offset FROM article_urls"
    rows = query(tmp_path / "archive.db", sql)
    assert len(rows) == 2
    for url, warc_file, offset in rows:
        with open(tmp_path / warc_file, "rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == url


def test_unchanged_payload_seen_before_is_written_as_revisit(tmp_path):
    index: dict[str, tuple[str, str]] = {}
    warc = WarcFile(tmp_path, "captures/x/1-test.warc.gz", index.get)
    body = gzip.compress("<p>Tin tức</p>".encode(), mtime=0)
    exchange = Exchange("http://127.0.0.1/a-1.html", 200, [("Content-Encoding", "gzip")], body)
    _, digest, new = warc.write(exchange, "2024-01-01T00:00:00.000000Z")
    index[digest] = (exchange.url, "2024-01-01T00:00:00.000000Z")
    _, _, again = warc.write(exchange)
    warc.close()
    assert (new, again) == (True, False)
    assert digest == payload_digest(body)
    kinds = [kind for kind, *_ in records(tmp_path / "captures/x/1-test.warc.gz")]
    assert kinds.count("response") == 1 and kinds.count("revisit") == 1


def articles(db: Path) -> list[tuple]:
    return query(db, "SELECT url, title, text, published, author FROM articles ORDER BY url")


def test_reextract_on_a_fresh_archive_rebuilds_the_same_articles_from_the_warcs_alone(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=4) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(db, registry)
        crawl(db, registry, "--refresh")  # same payloads again: revisit records
    revisits = [
        r for w in (tmp_path / "captures/baosongthu").glob("2-*.warc.gz") for r in records(w)
    ]
    assert [kind for kind, *_ in revisits].count("revisit") >= 4
    fresh = tmp_path / "fresh" / "archive.db"
    fresh.parent.mkdir()
    args = ["--db", str(fresh), "--sources", str(registry)]
    result = run_archive("reextract", "--captures", str(tmp_path / "captures"), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 articles updated, 0 unchanged, 4 newly found, 0 lost"
    assert articles(fresh) == articles(db)
    again = run_archive("reextract", "--db", str(db), "--sources", str(registry))
    assert again.stdout.strip() == "0 articles updated, 4 unchanged, 0 newly found, 0 lost"


def test_export_writes_articles_as_jsonl_and_csv_and_captures_as_warc(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=3) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(db, registry)
    out = tmp_path / "out.jsonl"
    run_archive("export", "--db", str(db), "--source", "baosongthu", "-o", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and all(row["warc_file"].startswith("captures/") for row in rows)
    assert "Hội nghị tổng kết" in rows[0]["title"]
    csv_out = tmp_path / "out.csv"
    run_archive(
        "export", "--format", "csv", "--db", str(db), "--until", "2000-01-01", "-o", str(csv_out)
    )
    assert csv_out.read_text(encoding="utf-8").count("\n") == 1  # header only
    warc_out = tmp_path / "out.warc.gz"
    result = run_archive("export", "--format", "warc", "--db", str(db), "-o", str(warc_out))
    assert result.returncode == 0, result.stderr
    kinds = [kind for kind, *_ in records(warc_out)]
    assert kinds.count("response") == len(portal.requests) and "warcinfo" not in kinds


def test_reextract_repairs_text_stored_with_moved_tones_and_keeps_the_old_text(tmp_path):
    # Archives made before stored text was verbatim hold "Phước Hòa" for the page's
    # "Phước Hoà" and "họăc" for "hoặc"; re-extraction from the WARCs restores the page's words.
    db = tmp_path / "archive.db"
    published = "Người dân xã Phước Hoà, hoặc ít nhất là đa số, đã được Uỷ ban xã hỗ trợ kịp thời."
    with Portal(count=2) as portal:
        path = next(iter(portal.articles))
        portal.articles[path] = article_html(1, "Hội nghị tổng kết công tác số 1", published)
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(db, registry)
    old_words = published.replace("Hoà", "Hòa").replace("hoặc", "họăc").replace("Uỷ", "Ủy")
    (url, text), *_ = query(db, "SELECT url, text FROM articles WHERE text LIKE '%Phước%'")
    assert published in text
    old_text = text.replace(published, old_words)
    conn = connect(db)
    with conn:
        conn.execute(
            "UPDATE articles SET text = ?, content_hash = ? WHERE url = ?",
            (old_text, content_hash(old_text), url),
        )
        conn.execute(
            "UPDATE article_urls SET content_hash = ? WHERE url = ?", (content_hash(old_text), url)
        )
    conn.close()
    result = run_archive("reextract", "--db", str(db), "--sources", str(registry))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 articles updated, 1 unchanged, 0 newly found, 0 lost"
    ((stored,),) = query(db, "SELECT text FROM articles WHERE url = ?", url)
    assert published in stored
    assert query(db, "SELECT text FROM article_versions") == [(old_text,)]
