"""The distributed crawl's commands and request format, against a real redis-server."""

import json

import scrapy
from ops_portal import Portal, run_archive

from crawler.cluster.keys import Keys, connect
from crawler.crawl.cluster_scheduler import LEASE, decode_request, encode_request
from crawler.sources import select_sources
from spiders.portal import PortalSpider


def test_seed_queues_the_start_requests_once_per_run_and_status_shows_them(redis_url, tmp_path):
    with Portal(count=2) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        first = run_archive("seed", "baosongthu", "--redis", redis_url, "--sources", str(registry))
        again = run_archive("seed", "baosongthu", "--redis", redis_url, "--sources", str(registry))
    assert first.returncode == 0, first.stderr
    run = first.stdout.split("in run ")[1].strip()
    assert first.stdout.startswith("baosongthu: 2 start requests queued") and "@" in run
    assert again.stdout.strip().endswith(run)  # the open run is kept
    client = connect(redis_url)
    assert client.zcard(Keys().queue("baosongthu")) == 4
    status = run_archive("status", "--redis", redis_url, "--db", str(tmp_path / "none.db"))
    assert status.returncode == 0, status.stderr
    assert "0 workers alive, stream lag 0" in status.stdout
    assert f"baosongthu: 4 queued, 0 in flight ({run})" in status.stdout
    as_json = run_archive("status", "--json", "--redis", redis_url, "--db", str(tmp_path / "x"))
    assert json.loads(as_json.stdout)["cluster"]["portals"]["baosongthu"]["queued"] == 4


def test_status_lists_live_workers_with_their_rates(redis_url, tmp_path):
    from crawler.cluster import workers

    stats = {"pages": 120, "pages_per_s": 1.5}
    workers.beat(connect(redis_url), Keys(), "may.42.abc", "baosongthu", stats, timeout=30)
    result = run_archive("status", "--redis", redis_url, "--db", str(tmp_path / "none.db"))
    assert "1 workers alive" in result.stdout
    assert "worker may.42.abc: 120 pages, 1.50 pages/s (baosongthu)" in result.stdout


def test_an_unreachable_redis_is_one_clear_error(tmp_path):
    with Portal(count=1) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        result = run_archive(
            "crawl", "baosongthu", "--redis", "redis://127.0.0.1:1/0", "--sources", str(registry)
        )
    assert result.returncode == 2
    assert result.stderr.startswith("archive: error: cannot reach Redis at redis://127.0.0.1:1/0")


def test_a_request_crosses_machines_as_json_with_its_callback_headers_and_meta(tmp_path):
    with Portal(count=1) as portal:
        source = select_sources(portal.write_sources(tmp_path / "s.toml"), ["baosongthu"])[0]
    spider = PortalSpider(source)
    request = scrapy.Request(
        "http://127.0.0.1/tin-1.html",
        spider.parse_page,
        errback=spider.failed,
        headers={"Accept-Encoding": "gzip"},
        body=b"\x00\xff",
        priority=5,
        meta={"candidate": True, "lastmod": None, LEASE: "7", "not_json": object()},
    )
    payload = encode_request(request, spider)
    json.loads(payload)  # plain JSON, never a pickle
    back = decode_request(payload, spider)
    assert (back.url, back.callback, back.errback) == (
        request.url,
        spider.parse_page,
        spider.failed,
    )
    assert back.headers[b"Accept-Encoding"] == b"gzip" and back.body == b"\x00\xff"
    assert back.priority == 5 and back.meta == {"candidate": True, "lastmod": None}
