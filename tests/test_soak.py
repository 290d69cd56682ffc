"""Soak: 20,000 requests to a portal failing 10% of them transiently (503, 500, dropped
connections, truncated bodies); every article is archived exactly once, every page fetched.

Sized for `make test` on two cores (about two minutes): extraction costs ~25 ms an
article, so most requests are cheap tag pages. The archive lives on /dev/shm when there is
one: this measures the crawler, not the disk's fsync.
"""

import tempfile
import time
from pathlib import Path

import pytest

from tests.hostile_crawl import rows, run_crawl, write_registry
from tests.hostile_server import HostileHTTPServer

ARTICLES = 1_500
TAGS = 16_700
FAULT_RATE = 0.116  # of distinct paths, so that faults are 10% of all requests
REQUESTS = 20_000


@pytest.fixture
def fast_dir(tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm) as folder:
        yield Path(folder)


@pytest.mark.slow
def test_soak_every_article_is_archived_exactly_once(fast_dir):
    with HostileHTTPServer(soak_articles=ARTICLES, soak_tags=TAGS, fault_rate=FAULT_RATE) as server:
        entry = {"start_urls": [server.base + "/soak/list/0.html"], "article_pattern": "/soak/a/"}
        registry = write_registry(fast_dir / "sources.toml", {"soak": entry})
        started = time.monotonic()
        result = run_crawl(
            fast_dir / "archive.db",
            registry,
            "soak",
            timeout=600,
            CONCURRENT_REQUESTS=32,
            CONCURRENT_REQUESTS_PER_DOMAIN=32,
            RETRY_BACKOFF_BASE=0.05,
            RETRY_TIMES=3,
            DEPTH_LIMIT=0,
            TRAP_URLS_PER_SHAPE=0,  # tag pages share one shape; traps are tested elsewhere
        )
        seconds = time.monotonic() - started
        requests = sum(server.hits.values())
        faults = requests - len(server.hits)
        fetched = set(server.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    stored = rows(fast_dir / "archive.db", "SELECT url FROM article_urls WHERE source = 'soak'")
    ids = sorted(int(url.rsplit("/", 1)[1].removesuffix(".html")) for (url,) in stored)
    assert ids == list(range(ARTICLES))  # each exactly once: the URL is article_urls' key
    assert rows(fast_dir / "archive.db", "SELECT count(*) FROM articles") == [(ARTICLES,)]
    assert {f"/soak/tag/{i}.html" for i in range(TAGS)} <= fetched
    assert rows(fast_dir / "archive.db", "PRAGMA integrity_check") == [("ok",)]
    assert requests >= REQUESTS
    assert faults >= 0.10 * requests
    print(f"\nsoak: {requests} requests, {faults} faults, {ARTICLES} archived, {seconds:.0f}s")
