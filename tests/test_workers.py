"""Extraction in worker processes: same outcomes as inline, and a dead worker costs one page
(the one it was running)."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.crawl.links import page_links
from crawler.crawl.worker_pool import ExtractorPool
from crawler.crawl.workers import analyse_page, extract_outcome
from crawler.extract import ExtractOptions

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "sample/portals/phuocson"
ARTICLE = next(PORTAL.glob("tin-tuc/2104-*.aspx"))
LISTING = PORTAL / "tin-tuc.aspx"
URL = "http://phuocson.example/tin-tuc/2104-khanh-thanh.aspx"


def test_outcome_of_an_article_carries_it_and_its_block_fingerprints():
    outcome = extract_outcome(ARTICLE.read_bytes(), URL, ExtractOptions(), sample=True)
    assert outcome.failure_kind is None
    assert "Phước Kim" in outcome.article.text
    assert len(outcome.fingerprints) >= 5


@pytest.mark.parametrize("page", [ARTICLE, LISTING], ids=["article", "listing"])
def test_a_page_parsed_once_for_links_and_article_gives_the_same_outcome(page):
    body, options = page.read_bytes(), ExtractOptions()
    once = analyse_page(body, URL, options, candidate=True, sample=True)
    alone = extract_outcome(body, URL, options, sample=True)
    assert once.links == page_links(body, URL)
    assert (once.article, once.failure_kind, once.failure_detail) == (
        alone.article,
        alone.failure_kind,
        alone.failure_detail,
    )
    assert once.fingerprints == alone.fingerprints


def test_a_body_that_cannot_be_read_is_reported_as_extraction_reports_it():
    outcome = analyse_page(b"%PDF-1.4\x00\x01" * 50, URL, ExtractOptions(), True, False)
    assert (outcome.failure_kind, outcome.links) == ("undecodable", ())


def test_outcome_of_a_listing_or_binary_names_why_it_is_no_article():
    listing = extract_outcome(LISTING.read_bytes(), URL, ExtractOptions(), sample=True)
    assert (listing.article, listing.failure_kind) == (None, "not-article")
    binary = extract_outcome(b"%PDF-1.4\x00\x01\x02" * 50, URL, ExtractOptions(), sample=False)
    assert binary.failure_kind == "undecodable"


@pytest.mark.parametrize("workers", [0, 1])
def test_pool_gives_the_inline_outcome(workers):
    expected = extract_outcome(ARTICLE.read_bytes(), URL, ExtractOptions(), sample=False)
    pool = ExtractorPool(workers)
    try:
        got = asyncio.run(pool.run(ARTICLE.read_bytes(), URL, ExtractOptions(), False))
    finally:
        pool.close()
    assert got == expected


def test_a_killed_worker_fails_the_page_it_ran_and_the_next_one_goes_on():
    pool = ExtractorPool(1)
    body = ARTICLE.read_bytes()

    async def scenario():
        await pool.run(body, URL, ExtractOptions(), False)  # the worker is up
        running = pool._submit(time.sleep, "http://slow.example/", 60)  # still running when killed
        queued = asyncio.ensure_future(pool.run(body, URL, ExtractOptions(), False))
        await asyncio.sleep(0.2)  # both are sent: one runs, one waits in the worker's pipe
        (pid,) = pool.pids
        os.kill(pid, signal.SIGKILL)
        lost, behind = await running, await queued
        again = await pool.run(body, URL, ExtractOptions(), False)
        return pid, lost, behind, again

    try:
        pid, lost, behind, again = asyncio.run(scenario())
        assert pool.pids and pool.pids != [pid]  # a new worker took its place
    finally:
        pool.close()
    assert lost.failure_kind == "extract-crash"
    assert behind.article is not None and again.article is not None


def test_a_worker_dying_between_pages_loses_none():
    pool = ExtractorPool(1)
    body = ARTICLE.read_bytes()

    async def scenario():
        await pool.run(body, URL, ExtractOptions(), False)
        os.kill(pool.pids[0], signal.SIGKILL)
        await asyncio.sleep(0.5)
        return await pool.run(body, URL, ExtractOptions(), False)

    try:
        assert asyncio.run(scenario()).article is not None
    finally:
        pool.close()


def sample_file(source: str, path: str) -> Path:
    from sample.server import query_file_name

    name, _, query = path.partition("?")
    relative = name.lstrip("/") or "index.html"
    relative = relative + "index.html" if relative.endswith("/") else relative
    if query:
        relative = query_file_name(relative, query)
    return ROOT / "sample" / "portals" / source / relative


NON_ARTICLES = [
    case
    for case in json.loads((ROOT / "sample" / "expected.json").read_text("utf-8"))["non_articles"]
    if "print" not in case["why"]
]


@pytest.mark.parametrize("case", NON_ARTICLES, ids=lambda c: f"{c['source']}{c['path']}")
def test_the_page_itself_tells_a_non_article_whatever_its_url(case):
    body = sample_file(case["source"], case["path"]).read_bytes()
    outcome = extract_outcome(body, "http://x.vn/tin/bai-viet-12345.html", ExtractOptions(), False)
    assert outcome.failure_kind == "not-article", outcome.article and outcome.article.text[:200]


def test_workers_leave_when_their_crawl_process_is_killed(tmp_path):
    script = (
        "import asyncio, sys\n"
        "from crawler.crawl.worker_pool import ExtractorPool\n"
        "from crawler.extract import ExtractOptions\n"
        "pool = ExtractorPool(1)\n"
        "asyncio.run(pool.run(b'<html></html>', 'http://x/', ExtractOptions(), False))\n"
        "print(*pool.pids, flush=True)\n"
        "import time; time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert workers and not any(alive(pid) for pid in workers)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waits only for its reaper
        return stat.read().split()[2] != "Z"
