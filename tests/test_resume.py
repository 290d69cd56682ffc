"""A crawl killed mid-way resumes on the next run: nothing stored is lost or stored twice."""

import os
import signal
import subprocess
import time

from ops_portal import FAST, Portal, archive_command, crawl, query


def test_crawl_killed_with_sigkill_resumes_with_every_article_exactly_once(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=12, delay=0.25) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        args = ["crawl", "baosongthu", "--db", str(db), "--sources", str(registry), *FAST]
        process = subprocess.Popen(
            archive_command(*args), stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if db.exists() and stored(db) >= 3:
                break
        os.killpg(process.pid, signal.SIGKILL)  # the crawl and its extraction workers: a power cut
        process.wait()
        before = stored(db)
        assert 3 <= before < 12
        portal.requests.clear()
        crawl(db, registry)
        refetched = len(portal.article_requests())
    assert refetched <= 12 - before + 2  # at most the pages in flight at the kill come twice
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM article_urls") == [(12, 12)]
    assert query(db, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == [(12, 12)]
    assert query(db, "SELECT status FROM crawls ORDER BY id") == [("interrupted",), ("finished",)]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


def stored(db) -> int:
    try:
        return query(db, "SELECT count(*) FROM article_urls")[0][0]
    except Exception:  # the crawl may not have created the table yet
        return 0


def test_a_kill_between_group_commits_leaves_counters_that_match_the_stored_articles(tmp_path):
    """Counters, errors and articles of a group commit together: after a SIGKILL the run's
    articles_new is exactly the number of articles it stored, and the rerun completes it."""
    db = tmp_path / "archive.db"
    with Portal(count=40, delay=0.05) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        args = ["crawl", "baosongthu", "--db", str(db), "--sources", str(registry), *FAST]
        args += ["-s", "ARCHIVE_WRITE_BATCH=7", "-s", "ARCHIVE_WRITE_DELAY=5"]
        process = subprocess.Popen(
            archive_command(*args), stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and stored(db) < 14:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        first = query(db, "SELECT articles_new FROM crawls WHERE id = 1")[0][0]
        kept = query(db, "SELECT count(*) FROM article_urls WHERE crawl_id = 1")[0][0]
        assert first == kept and 14 <= kept < 40
        crawl(db, registry)
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM article_urls") == [(40, 40)]
    assert query(db, "SELECT sum(articles_new) FROM crawls") == [(40,)]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
