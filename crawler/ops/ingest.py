"""`archive ingest`: the one archive writer of a distributed crawl, draining the results stream.

Entries are read in the stream's order through a consumer group and stored in groups through
the same `ArchiveWriter` as a local crawl (same dedup, provenance, counters). A group, the
crawl rows its batch runs close, and the position of its last entry are one transaction; the
entries are acknowledged (and deleted from Redis) only after it commits. Killed at any
moment, the ingest restarts with the entries it was given and never acknowledged, skips those
at or before the committed position, and stores the rest: nothing lost, nothing twice.
"""

import logging
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import redis

from crawler.cluster import workers
from crawler.cluster.keys import Keys
from crawler.cluster.stream import Entry, ResultStream
from crawler.sources import Source
from crawler.store.archive import Archive
from crawler.store.dedup import DedupSettings
from crawler.store.results import Failure, PageResult, ResultFormatError, from_bytes
from crawler.store.stream_runs import (
    crawl_for_run,
    finish_run,
    set_stream_position,
    stream_position,
)
from crawler.store.writer import ArchiveWriter

logger = logging.getLogger(__name__)

CONSUMER = "ingest"  # one writer per archive, so one consumer name: its pending list is ours


@dataclass
class IngestReport:
    entries: int = 0
    skipped: int = 0  # delivered again after a kill, already committed
    groups: int = 0
    runs_finished: int = 0
    seconds: float = 0.0
    outcomes: Counter = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.entries / self.seconds if self.seconds > 0 else 0.0


def stream_id(entry_id: str) -> tuple[int, int]:
    millis, _, seq = entry_id.partition("-")
    return int(millis), int(seq or 0)


class Ingest:
    def __init__(
        self,
        db: Path,
        client: redis.Redis,
        keys: Keys,
        sources: dict[str, Source],
        *,
        batch: int = 500,
        dedup: DedupSettings | None = None,
    ) -> None:
        self.client = client
        self.keys = keys
        self.stream = ResultStream(client, keys)
        self.batch = batch
        self.archive = Archive(db, dedup=dedup)
        self.writer = ArchiveWriter(self.archive)
        self.crawls: dict[str, int] = {}
        self.report = IngestReport()
        if sources:
            self.archive.register_sources(sources.values())
        workers.publish_templates(client, keys, self._templates())
        self.position = stream_position(self.archive.conn, keys.results)

    def close(self) -> None:
        self.archive.close()

    def _templates(self) -> dict[str, frozenset[str]]:
        rows = self.archive.conn.execute("SELECT DISTINCT source FROM templates").fetchall()
        return {slug: self.archive.load_template(slug) for (slug,) in rows}

    def run(
        self, *, until_idle: bool = False, grace: float = 5.0, block: float = 1.0
    ) -> IngestReport:
        """Drain the stream; with `until_idle`, return once it stayed drained with no worker
        alive for `grace` seconds, else run until interrupted."""
        self.stream.ensure_group()
        started = time.monotonic()
        again = True  # first what was delivered to a killed ingest and never acknowledged
        idle_since: float | None = None
        while True:
            entries = self.stream.read(CONSUMER, self.batch, int(block * 1000), again=again)
            if entries:
                self.apply(entries)
                self.report.seconds = time.monotonic() - started  # busy time, not idle waits
                idle_since = None
                continue
            if again:
                again = False
                continue
            if until_idle and self._drained():
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= grace:
                    return self.report
            else:
                idle_since = None

    def _drained(self) -> bool:
        return self.stream.lag() == (0, 0) and not workers.any_alive(self.client, self.keys)

    def apply(self, entries: list[Entry]) -> None:
        """Store a group of entries in one transaction, then acknowledge them."""
        fresh = [(i, f) for i, f in entries if f and not self._committed(i)]
        self.report.skipped += len(entries) - len(fresh)
        results, finishes = [], []
        for entry_id, fields in fresh:
            crawl_id = self._crawl(fields)
            if b"finish" in fields:
                finishes.append((crawl_id, fields[b"finish"].decode()))
            else:
                results.append(self._result(entry_id, fields, crawl_id))
        if fresh:
            last = fresh[-1][0]
            with self.archive.transaction() as conn:
                stored = [self.writer._apply_one(conn, result) for result in results]
                for crawl_id, status in finishes:
                    finish_run(conn, crawl_id, status)
                set_stream_position(conn, self.keys.results, last)
            self.position = last
            self._count(results, stored, len(finishes))
        self.stream.ack([entry_id for entry_id, _ in entries])
        self.report.entries += len(fresh)

    def _committed(self, entry_id: str) -> bool:
        return self.position is not None and stream_id(entry_id) <= stream_id(self.position)

    def _crawl(self, fields: dict[bytes, bytes]) -> int:
        run = fields[b"run"].decode()
        if run not in self.crawls:
            self.crawls[run] = crawl_for_run(self.archive, run, fields[b"slug"].decode())
        return self.crawls[run]

    @staticmethod
    def _result(entry_id: str, fields: dict[bytes, bytes], crawl_id: int):
        """The entry's result for this crawl row; an unreadable one is recorded, not dropped."""
        try:
            return replace(from_bytes(fields[b"result"]), crawl_id=crawl_id)
        except (ResultFormatError, KeyError) as exc:
            slug = fields[b"slug"].decode()
            failure = Failure("bad-result", f"stream entry {entry_id}: {exc}")
            return PageResult(slug, crawl_id, f"redis-stream:{entry_id}", failure=failure)

    def _count(self, results: list, stored: list, finished: int) -> None:
        self.report.groups += 1
        self.report.runs_finished += finished
        for result, outcome in zip(results, stored, strict=True):
            kind = outcome.outcome if outcome is not None else getattr(result, "kind", "counts")
            self.report.outcomes[kind] += 1
