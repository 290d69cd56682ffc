"""Shared fixtures: the sample portals served on 127.0.0.1 and a real crawl of them."""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sample.server import PortalServer

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((ROOT / "sample" / "expected.json").read_text(encoding="utf-8"))
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


@dataclass
class CrawlRun:
    server: PortalServer
    db: Path
    sources: Path
    result: subprocess.CompletedProcess

    def url(self, source: str, path: str) -> str:
        return self.server.base_url(source) + path


def run_archive(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """The `archive` CLI in a subprocess, as a user runs it."""
    command = [sys.executable, "-m", "crawler.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="session")
def expected() -> dict:
    return EXPECTED


@pytest.fixture(scope="session")
def sample_server():
    with PortalServer() as server:
        yield server


@pytest.fixture(scope="session")
def sample_crawl(sample_server, tmp_path_factory) -> CrawlRun:
    """One real crawl of both sample portals, shared by the tests that read its archive."""
    folder = tmp_path_factory.mktemp("sample-crawl")
    sources = sample_server.write_sources(folder / "sources.toml")
    db = folder / "archive.db"
    result = run_archive(
        "crawl", "baosongthu", "phuocson", "--sources", str(sources), "--db", str(db), *FAST
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return CrawlRun(sample_server, db, sources, result)


@pytest.fixture(scope="session")
def redis_server():
    """One real redis-server for the session; tests that share it flush it first."""
    from redis_server import RedisServer

    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_url(redis_server) -> str:
    """A Redis URL on an empty database."""
    redis_server.flush()
    return redis_server.url
