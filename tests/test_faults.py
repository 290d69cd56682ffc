"""Faults: a crawl killed at any moment, concurrent crawls with a reader, a full disk and an
unwritable archive. What was committed survives; the next run carries on."""

import os
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from crawler.extract import Extracted
from crawler.store.archive import Archive, ArchiveError
from tests.hostile_crawl import crawl_command, rows, run_crawl, write_registry
from tests.hostile_server import HostileHTTPServer, article_text

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 150


def soak_entry(server: HostileHTTPServer, host: str = "127.0.0.1") -> dict:
    base = server.base.replace("127.0.0.1", host)
    return {"start_urls": [base + "/soak/list/0.html"], "article_pattern": "/soak/a/"}


def consistent(db: Path) -> None:
    """integrity_check passes; every article has its URL row and every URL row its article."""
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    orphans = rows(
        db, "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_urls)"
    )
    assert orphans == []


def stored_ids(db: Path, source: str) -> list[int]:
    found = rows(db, "SELECT url FROM article_urls WHERE source = ?", source)
    return sorted(int(url.rsplit("/", 1)[1].removesuffix(".html")) for (url,) in found)


def wait_for(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def count_articles(db: Path) -> int:
    try:
        return rows(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("kill_after", [1, 40, 100])
def test_a_crawl_killed_at_any_moment_leaves_a_consistent_archive_and_the_next_run_finishes(
    tmp_path, kill_after
):
    with HostileHTTPServer(soak_articles=ARTICLES, fault_rate=0.0) as server:
        server.delay = 0.01
        server.hold_from = ARTICLES - 1  # the last article waits: the crawl is killed unfinished
        registry = write_registry(tmp_path / "sources.toml", {"soak": soak_entry(server)})
        db = tmp_path / "archive.db"
        command = crawl_command(db, registry, "soak", CONCURRENT_REQUESTS=8)
        crawl = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_for(lambda: count_articles(db) >= kill_after)
        finally:
            crawl.send_signal(signal.SIGKILL)
            crawl.wait()
            server.released.set()
        consistent(db)
        assert rows(db, "SELECT status FROM crawls") == [("running",)]  # visibly unfinished
        again = run_crawl(db, registry, "soak")
    assert again.returncode == 0, again.stderr[-2000:]
    consistent(db)
    assert stored_ids(db, "soak") == list(range(ARTICLES))
    assert rows(db, "SELECT count(*) FROM articles") == [(ARTICLES,)]


def test_two_crawls_and_a_reader_share_one_archive_without_locking_errors(tmp_path):
    db = tmp_path / "archive.db"
    Archive(db).close()
    reads, failures, stop = [], [], threading.Event()

    def reader() -> None:
        conn = sqlite3.connect(db, timeout=60)
        while not stop.is_set():
            try:
                reads.append(conn.execute("SELECT count(*) FROM article_urls").fetchone()[0])
            except sqlite3.Error as exc:
                failures.append(exc)
            time.sleep(0.01)
        conn.close()

    with HostileHTTPServer(soak_articles=ARTICLES, fault_rate=0.05) as server:
        entries = {"tinha": soak_entry(server), "tinhb": soak_entry(server, "localhost")}
        registry = write_registry(tmp_path / "sources.toml", entries)
        watcher = threading.Thread(target=reader)
        watcher.start()
        crawls = [
            subprocess.Popen(
                crawl_command(db, registry, slug, RETRY_BACKOFF_BASE=0.05),
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for slug in entries
        ]
        outputs = [crawl.communicate(timeout=240) for crawl in crawls]
        stop.set()
        watcher.join()
    for crawl, (_out, err) in zip(crawls, outputs, strict=True):
        assert crawl.returncode == 0, err[-2000:]
        assert "locked" not in err
    assert failures == [] and len(reads) > 10
    assert reads == sorted(reads)  # a reader only ever sees the archive grow
    consistent(db)
    assert stored_ids(db, "tinha") == stored_ids(db, "tinhb") == list(range(ARTICLES))
    assert [s for (s,) in rows(db, "SELECT status FROM crawls")] == ["finished", "finished"]


def article(n: int) -> Extracted:
    text = "\n".join([article_text(n)] * 3)
    return Extracted(url=f"http://x.vn/{n}.html", title=f"Tin {n}", text=text)


def test_a_full_disk_raises_archive_error_and_keeps_every_committed_article(tmp_path):
    db = tmp_path / "archive.db"
    archive = Archive(db)
    pages = archive.conn.execute("PRAGMA page_count").fetchone()[0]
    archive.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # a tiny disk
    crawl = archive.start_crawl("x")
    stored = 0
    with pytest.raises(ArchiveError, match="full"):
        for n in range(1000):
            archive.store_article(crawl, "x", f"http://x.vn/{n}.html", article(n))
            stored += 1
    archive.close()
    assert stored > 0
    consistent(db)
    assert rows(db, "SELECT count(*) FROM article_urls") == [(stored,)]
    assert rows(db, "SELECT count(*) FROM articles") == [(stored,)]


def namespace_shell(script: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run a shell script as root of its own mount namespace (to mount small filesystems)."""
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-ec", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    return namespace_shell("mount -t tmpfs -o size=64k tmpfs /mnt", timeout=10).returncode == 0


needs_mount = pytest.mark.skipif(not can_mount(), reason="no user namespaces to mount a tmpfs")


def quoted(command: list[str]) -> str:
    return " ".join("'" + part.replace("'", "'\\''") + "'" for part in command)


@needs_mount
@pytest.mark.parametrize("capture", [False, True])
def test_a_crawl_onto_a_filling_disk_stops_with_a_clear_message_and_loses_nothing(
    tmp_path, capture
):
    disk, kept = tmp_path / "disk", tmp_path / "kept"
    disk.mkdir()
    kept.mkdir()
    with HostileHTTPServer(soak_articles=2000, fault_rate=0.0) as server:
        registry = write_registry(tmp_path / "sources.toml", {"soak": soak_entry(server)})
        command = crawl_command(disk / "archive.db", registry, "soak", ARCHIVE_CAPTURE=capture)
        script = (
            f"mount -t tmpfs -o size=3m tmpfs {disk}\n"
            f"status=0; {quoted(command)} || status=$?\n"
            f"cp {disk}/archive.db* {kept}/\nexit $status"
        )
        result = namespace_shell(script)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "archive: error: soak: crawl stopped:" in result.stderr
    assert "full" in result.stderr
    db = kept / "archive.db"
    consistent(db)
    # with WARC capture on, the captures may take the space before any article is stored
    assert count_articles(db) < 2000 and (capture or count_articles(db) > 0)
    # marked failed when the freed space still takes that one small write, else left running
    assert rows(db, "SELECT status FROM crawls") in ([("failed",)], [("running",)])


@needs_mount
def test_an_unwritable_archive_path_is_a_one_line_error_and_exit_2(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    with HostileHTTPServer() as server:
        entry = {"start_urls": [server.base + "/"], "article_pattern": "/bai/"}
        registry = write_registry(tmp_path / "sources.toml", {"hostile": entry})
        command = crawl_command(disk / "archive.db", registry, "hostile")
        script = f"mount -t tmpfs -o size=1m,ro tmpfs {disk}\n{quoted(command)}"
        result = namespace_shell(script)
        assert server.hits["/"] == 0  # nothing was crawled
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("archive: error: cannot") and "Read-only" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through directory permissions")
def test_a_read_only_directory_is_a_one_line_error_and_exit_2(tmp_path):
    tmp_path.chmod(0o555)
    try:
        result = run_crawl(tmp_path / "archive.db", ROOT / "sources.toml", "baoquangnam")
    finally:
        tmp_path.chmod(0o755)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("archive: error: cannot")
