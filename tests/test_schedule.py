"""The scheduler starts due crawls as processes, never overlaps a source, stops on SIGTERM."""

import os
import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta

from ops_portal import FAST, Portal, archive_command, query, run_archive

from crawler.ops.schedule import crawl_locks, next_due

EVERY_SIX_HOURS = "0 */6 * * *"


def two_portals(tmp_path, first: Portal, second: Portal):
    registry = tmp_path / "sources.toml"
    first.write_sources(registry, "baosongthu", schedule=EVERY_SIX_HOURS)
    second.write_sources(registry, "phuocson", schedule=EVERY_SIX_HOURS)
    return registry


def schedule_args(db, registry, *extra: str) -> list[str]:
    return ["schedule", "--db", str(db), "--sources", str(registry), "--tick", "0.2", *FAST, *extra]


def test_never_crawled_source_is_due_now_and_then_at_its_next_slot():
    now = datetime(2024, 3, 15, 7, 30, tzinfo=UTC)
    assert next_due(EVERY_SIX_HOURS, None, now) == now
    due = next_due(EVERY_SIX_HOURS, now, now)
    assert due > now and due.astimezone().hour % 6 == 0 and due - now <= timedelta(hours=6)


def test_scheduler_starts_both_due_sources_and_records_their_runs(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=2) as first, Portal(count=3, first=100) as second:
        registry = two_portals(tmp_path, first, second)
        result = run_archive(*schedule_args(db, registry, "--once"))
        assert result.returncode == 0, result.stderr
        again = run_archive(*schedule_args(db, registry, "--once"))  # nothing due yet
    runs = query(db, "SELECT source, status, articles_new FROM crawls ORDER BY source")
    assert runs == [("baosongthu", "finished", 2), ("phuocson", "finished", 3)]
    assert again.returncode == 0


def test_overlapping_run_of_a_source_is_refused(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=2) as first, Portal(count=2, first=100) as second:
        registry = two_portals(tmp_path, first, second)
        with crawl_locks(db, ["baosongthu"]):  # as if another crawl of it were running
            direct = run_archive("crawl", "baosongthu", "--db", str(db), "--sources", str(registry))
            scheduled = run_archive(*schedule_args(db, registry, "--once"))
        assert first.requests == []
    assert direct.returncode == 3 and "already being crawled" in direct.stderr
    assert scheduled.returncode == 0 and "already being crawled" in scheduled.stderr
    assert query(db, "SELECT source FROM crawls") == [("phuocson",)]


def test_scheduler_stops_its_crawls_and_exits_on_sigterm(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=30, delay=0.3) as first, Portal(count=30, delay=0.3, first=100) as second:
        registry = two_portals(tmp_path, first, second)
        scheduler = subprocess.Popen(
            archive_command(*schedule_args(db, registry, "--grace", "20")),
            stderr=subprocess.PIPE,
            text=True,
        )
        # both crawls under way (on a loaded machine the second may start seconds later)
        wait_for(lambda: min(len(first.article_requests()), len(second.article_requests())) >= 2)
        scheduler.send_signal(signal.SIGTERM)
        code = scheduler.wait(timeout=30)
    runs = query(db, "SELECT status, pid FROM crawls")
    assert code == 0, scheduler.stderr.read()
    assert sorted(status for status, _ in runs) == ["interrupted", "interrupted"]
    assert not any(alive(pid) for _, pid in runs)


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_print_crontab_gives_one_line_per_scheduled_source(tmp_path):
    with Portal(count=1) as first, Portal(count=1) as second:
        registry = two_portals(tmp_path, first, second)
    result = run_archive("schedule", "--print-crontab", "--sources", str(registry))
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert [line.split(" crawl ")[1].split()[0] for line in lines] == ["baosongthu", "phuocson"]
    assert all(line.startswith(EVERY_SIX_HOURS) for line in lines)
