"""Scheduled crawls: a foreground scheduler starting `archive crawl SLUG` processes when due.

Each crawl runs in a process of its own, so a crash or a leak in one crawl never takes the
scheduler down. A source is never crawled twice at once: every `archive crawl` holds a lock
file per source (`<archive dir>/captures/locks/<slug>.lock`, an flock the kernel releases
when the process dies, even by SIGKILL), and the scheduler does not start a source whose
lock is held. On SIGINT or SIGTERM the scheduler passes SIGTERM to its running crawls, which
then close gracefully (their run ends `interrupted`), waits up to `grace` seconds, kills what
is left, and exits.
"""

import fcntl
import logging
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from croniter import croniter

from crawler.crawl.capture import captures_root
from crawler.sources import Source
from crawler.store.archive import Archive

logger = logging.getLogger(__name__)

LOCKED_EXIT = 3  # exit status of `archive crawl` when a source is already being crawled


class AlreadyRunning(RuntimeError):
    def __init__(self, slug: str, pid: int | None) -> None:
        super().__init__(f"{slug} is already being crawled (pid {pid or 'unknown'})")
        self.slug = slug
        self.pid = pid


def lock_path(db: str | Path, slug: str) -> Path:
    return captures_root(db) / "locks" / f"{slug}.lock"


def lock_holder(db: str | Path, slug: str) -> int | None:
    """The pid holding a source's crawl lock, or None when no process holds it."""
    path = lock_path(db, slug)
    if not path.exists():
        return None
    with open(path, "a+") as handle:
        holder = _take(handle)
        if holder is None:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return holder


def _take(handle) -> int | None:
    """Take the lock of an open lock file; when another process has it, its pid (-1: unknown)."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        text = handle.read().strip()
        return int(text) if text.isdigit() else -1
    return None


@contextmanager
def crawl_locks(db: str | Path, slugs: list[str]) -> Iterator[None]:
    """Hold the crawl lock of every source for the block; AlreadyRunning if one is held."""
    with ExitStack() as stack:
        for slug in slugs:
            stack.enter_context(_lock(db, slug))
        yield


@contextmanager
def _lock(db: str | Path, slug: str) -> Iterator[None]:
    path = lock_path(db, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        holder = _take(handle)
        if holder is not None:
            raise AlreadyRunning(slug, holder if holder > 0 else None)
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def next_due(schedule: str, last_started: datetime | None, now: datetime) -> datetime:
    """The first slot after the last run; a source never crawled is due at once.

    Schedules are read in the machine's local time zone, as cron reads crontab lines.
    """
    if last_started is None:
        return now
    return croniter(schedule, last_started.astimezone()).get_next(datetime)


def crawl_command(slug: str, db: Path, registry: Path, extra: tuple[str, ...] = ()) -> list[str]:
    return [
        sys.executable,
        "-m",
        "crawler.cli",
        "crawl",
        slug,
        "--db",
        str(db),
        "--sources",
        str(registry),
        *extra,
    ]


def crontab_lines(sources: list[Source], db: Path, registry: Path) -> list[str]:
    """Cron lines doing what the scheduler does; the crawl's own lock prevents overlaps."""
    logs = captures_root(db) / "logs"
    lines = [f"# archive crawls; logs in {logs}/ (create it first)"]
    for source in sources:
        command = shlex.join(crawl_command(source.slug, db.resolve(), registry.resolve()))
        log = shlex.quote(str(logs / f"{source.slug}.log"))
        lines.append(f"{source.schedule} {command} >> {log} 2>&1")
    return lines


@dataclass
class Child:
    slug: str
    process: subprocess.Popen
    started: float


class Scheduler:
    """Starts due crawls as child processes and reaps them; `run()` until stopped."""

    def __init__(
        self,
        sources: list[Source],
        db: Path,
        registry: Path,
        extra: tuple[str, ...] = (),
        tick: float = 30.0,
        grace: float = 30.0,
    ) -> None:
        self.sources = [s for s in sources if s.schedule]
        self.db = db
        self.registry = registry
        self.extra = extra
        self.tick = tick
        self.grace = grace
        self.children: dict[str, Child] = {}
        self.stopping = False

    def run(self, once: bool = False) -> None:
        """Loop until SIGINT/SIGTERM; with `once`, start what is due, wait for it, return."""
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start_due(datetime.now(UTC))
            while not self.stopping and (self.children or not once):
                self._sleep(self.tick)
                self.reap()
                if not once and not self.stopping:
                    self.start_due(datetime.now(UTC))
        finally:
            self.shutdown()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def start_due(self, now: datetime) -> list[str]:
        started = []
        with Archive(self.db) as archive:
            last = {s.slug: archive.last_crawl_started(s.slug) for s in self.sources}
        for source in self.sources:
            if next_due(source.schedule, last[source.slug], now) <= now and self.start(source):
                started.append(source.slug)
        return started

    def start(self, source: Source) -> bool:
        """Start one crawl unless that source is being crawled here or by another process."""
        if source.slug in self.children:
            return False
        holder = lock_holder(self.db, source.slug)
        if holder is not None:
            logger.warning("%s: already being crawled (pid %s), not started", source.slug, holder)
            return False
        command = crawl_command(source.slug, self.db, self.registry, self.extra)
        log = self._log(source.slug)
        # A session of its own: a Ctrl-C at the terminal reaches the scheduler only, which
        # then stops each crawl once (a second signal would make Scrapy stop uncleanly).
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.children[source.slug] = Child(source.slug, process, time.monotonic())
        logger.info("%s: crawl started (pid %d)", source.slug, process.pid)
        return True

    def reap(self) -> None:
        for slug, child in list(self.children.items()):
            code = child.process.poll()
            if code is None:
                continue
            del self.children[slug]
            logger.info("%s: crawl process %d exited with %d", slug, child.process.pid, code)
            if code not in (0, LOCKED_EXIT):
                self._record_failure(child, code)

    def shutdown(self) -> None:
        """Ask running crawls to stop, wait `grace` seconds, then kill the stragglers."""
        for child in self.children.values():
            if child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for child in self.children.values():
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s: crawl did not stop in time, killed", child.slug)
                # The whole session: the crawl's extraction workers must not outlive it.
                os.killpg(child.process.pid, signal.SIGKILL)
                child.process.wait()
        self.reap()

    def _record_failure(self, child: Child, code: int) -> None:
        """A crawl that died before recording its run still leaves a `failed` row."""
        with Archive(self.db) as archive:
            if not archive.crawl_of_process(child.slug, child.process.pid):
                archive.record_failed_start(
                    child.slug, child.process.pid, "failed", f"exit status {code}"
                )

    def _log(self, slug: str):
        path = captures_root(self.db) / "logs" / f"{slug}.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "ab")  # noqa: SIM115 - handed to the child process

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))
            if any(c.process.poll() is not None for c in self.children.values()):
                return

    def _stop(self, signum: int, frame: object) -> None:
        logger.info("signal %d: stopping the scheduler", signum)
        self.stopping = True
