"""Distributed crawls with real parts: a real redis-server, `archive crawl --redis` workers
and `archive ingest` as separate processes, a portal on 127.0.0.1 logging every request."""

import re
import signal
import sqlite3
import time
from collections import Counter

import pytest
from cluster_helpers import TimedPortal, ingest, output, wait_for, worker
from ops_portal import query

from crawler.cluster.keys import Keys, connect

pytestmark = pytest.mark.slow

DELAY = 0.5
QUICK = ["CLUSTER_IDLE_SECONDS=2", "CLUSTER_HEARTBEAT=0.5"]


def integrity(db) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_three_workers_share_a_portal_each_url_fetched_once_and_the_host_delay_held(
    redis_url, tmp_path
):
    with TimedPortal(count=24) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        db = tmp_path / "archive.db"
        names = ["w1", "w2", "w3"]
        crawlers = [
            worker(tmp_path, n, redis_url, registry, f"DOWNLOAD_DELAY={DELAY}", *QUICK)
            for n in names
        ]
        writer = ingest(tmp_path, "ingest", redis_url, db, registry, "--until-idle")
        for name, process in zip(names, crawlers, strict=True):
            assert process.wait(timeout=180) == 0, output(tmp_path, name)
        assert writer.wait(timeout=60) == 0, output(tmp_path, "ingest")

    paths = [path for _, path in portal.arrivals]
    assert Counter(paths).most_common(1)[0][1] == 1, Counter(paths).most_common(3)
    assert set(portal.articles) <= set(paths)
    arrivals = sorted(portal.arrivals)
    gaps = [(b[0] - a[0], a[1], b[1]) for a, b in zip(arrivals, arrivals[1:], strict=False)]
    # The turn is taken in Redis when the request leaves the worker; on a loaded machine the
    # portal logs it up to ~0.1 s later (a first connection, a thread start), hence the margin.
    assert min(gaps)[0] >= DELAY - 0.15, f"closest requests: {min(gaps)}"
    assert sum(g[0] for g in gaps) / len(gaps) >= DELAY

    fetched = {
        name: int(re.search(r"(\d+) pages fetched", output(tmp_path, name)).group(1))
        for name in names
    }
    assert sum(fetched.values()) == len(paths)
    assert sum(1 for n in fetched.values() if n) >= 2, fetched  # they did share the work

    assert query(db, "SELECT count(*) FROM articles")[0][0] == len(portal.articles)
    urls = [u for (u,) in query(db, "SELECT url FROM article_urls WHERE relation = 'original'")]
    assert sorted(u.split("/", 3)[3] for u in urls) == sorted(p[1:] for p in portal.articles)
    (run,) = query(db, "SELECT status, pages, articles_new, articles_seen, run_key FROM crawls")
    assert run[:4] == ("finished", len(paths), len(portal.articles), 0)
    assert run[4].startswith("baosongthu@")
    # the completeness account as in a local crawl: every article URL any worker found, once
    account = query(db, "SELECT outcome, count(*) FROM discovered_urls GROUP BY outcome")
    assert account == [("archived", len(portal.articles))], account
    assert query(db, "SELECT article_links FROM crawls") == [(len(portal.articles),)]
    assert integrity(db) == "ok"
    captures = list(tmp_path.glob("w*/captures/baosongthu/*.warc.gz"))
    assert len(captures) == sum(1 for n in fetched.values() if n)
    # provenance: each article points at its record in a worker's file, payloads indexed
    pointers = query(db, "SELECT warc_file, warc_offset FROM article_urls")
    names = {c.relative_to(c.parents[2]).as_posix() for c in captures}
    assert all(f in names and o is not None for f, o in pointers), pointers[:3]
    assert query(db, "SELECT count(*) FROM capture_digests")[0][0] == len(portal.articles)


def test_an_ingest_killed_mid_stream_and_restarted_loses_and_doubles_nothing(redis_url, tmp_path):
    with TimedPortal(count=60) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl = worker(tmp_path, "w1", redis_url, registry, "DOWNLOAD_DELAY=0", *QUICK)
        assert crawl.wait(timeout=180) == 0, output(tmp_path, "w1")
    db = tmp_path / "archive.db"
    stream = Keys().results
    entries = connect(redis_url).xlen(stream)
    assert entries > len(portal.articles)  # articles, page counts, the run's end

    first = ingest(tmp_path, "ingest1", redis_url, db, registry, "--batch", "2")
    assert wait_for(lambda: db.exists() and _stored(db) >= 6, timeout=60), output(
        tmp_path, "ingest1"
    )
    first.send_signal(signal.SIGKILL)
    first.wait()
    stored_at_kill = _stored(db)
    assert stored_at_kill < len(portal.articles), "the ingest finished before it was killed"

    again = ingest(tmp_path, "ingest2", redis_url, db, registry, "--until-idle", "--grace", "1")
    assert again.wait(timeout=120) == 0, output(tmp_path, "ingest2")
    assert query(db, "SELECT count(*) FROM articles")[0][0] == len(portal.articles)
    (run,) = query(db, "SELECT status, pages, articles_new, articles_seen, errors FROM crawls")
    assert run == ("finished", len(portal.arrivals), len(portal.articles), 0, 0)
    assert integrity(db) == "ok"
    assert connect(redis_url).xlen(stream) == 0  # acknowledged entries are deleted


def _stored(db) -> int:
    try:
        return query(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_worker_killed_mid_crawl_has_its_requests_crawled_by_another(redis_url, tmp_path):
    keys, client = Keys(), connect(redis_url)
    with TimedPortal(count=12, delay=1.0) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        settings = ["DOWNLOAD_DELAY=0", "CLUSTER_WORKER_TIMEOUT=3", *QUICK]
        doomed = worker(tmp_path, "doomed", redis_url, registry, *settings)

        def leased() -> list[bytes]:
            return [
                f
                for w in client.smembers(keys.workers)
                for f in client.hkeys(keys.lease(w.decode()))
            ]

        assert wait_for(lambda: len(portal.article_requests()) >= 2 and leased(), timeout=60)
        held = [f.decode().split("|")[1] for f in leased()]
        urls = [_url(client, keys, lease) for lease in held]
        doomed.send_signal(signal.SIGKILL)
        doomed.wait()
        killed_at = time.monotonic()

        db = tmp_path / "archive.db"
        heir = worker(tmp_path, "heir", redis_url, registry, *settings)
        writer = ingest(tmp_path, "ingest", redis_url, db, registry, "--until-idle")
        assert heir.wait(timeout=180) == 0, output(tmp_path, "heir")
        assert writer.wait(timeout=60) == 0, output(tmp_path, "ingest")

    assert urls and all(url is not None for url in urls)
    after = portal.arrived_after(killed_at)
    for url in urls:
        assert url.split("/", 3)[3] in [p[1:] for p in after], f"{url} not fetched again"
    assert "dead workers back on the queues" in output(tmp_path, "heir")
    assert query(db, "SELECT count(*) FROM articles")[0][0] == len(portal.articles)
    assert integrity(db) == "ok"


def _url(client, keys, lease: str) -> str | None:
    import json

    payload = client.hget(keys.requests("baosongthu"), lease)
    return json.loads(payload)["url"] if payload else None


def test_a_worker_stopped_with_sigterm_hands_its_requests_back_and_exits_0(redis_url, tmp_path):
    keys, client = Keys(), connect(redis_url)

    def leases() -> int:
        return sum(client.hlen(keys.lease(w.decode())) for w in client.smembers(keys.workers))

    with TimedPortal(count=8, delay=1.0) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        service = worker(tmp_path, "service", redis_url, registry, "DOWNLOAD_DELAY=0", *QUICK)
        assert wait_for(lambda: len(portal.article_requests()) >= 1 and leases(), timeout=60)
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=60) == 0, output(tmp_path, "service")
    assert leases() == 0
    assert client.zcard(keys.queue("baosongthu")) > 0  # still to fetch, by whoever comes next
    assert client.scard(keys.workers) == 0
