"""Every response of a crawl lands in a gzipped WARC file that warcio reads back."""

import gzip
from pathlib import Path

from ops_portal import Portal, crawl, query
from warcio.archiveiterator import ArchiveIterator

from crawler.capture import Exchange, WarcFile, payload_digest


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
    rows = query(tmp_path / "archive.db", "SELECT url, warc_file, warc_offset FROM article_urls")
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
