"""Crawl runs: sources, runs and their counters, errors, crawl processes, learned templates."""

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime

from crawler.provinces import provinces
from crawler.sources import Source
from crawler.store.connection import pid_alive, upsert, utc_now
from crawler.store.rows import CRAWL_COUNTERS, NOT_ARTICLE_KINDS

RENDER_FIELDS = (
    "source",
    "url",
    "reason",
    "load_more",
    "browser_responses",
    "blocked",
    "article_links",
    "seconds",
    "warc_file",
    "warc_offset",
)


class CrawlRuns:
    """Sources, crawl runs with their counters and errors, crawl processes, learned templates."""

    # -- sources and crawl runs -------------------------------------------------------------

    def register_sources(self, sources: Iterable[Source]) -> None:
        """Mirror registry entries into `sources`, so the archive explains itself."""
        with self.transaction() as conn:
            for row in (source.as_row() for source in sources):
                then, now = provinces(row["province"])
                upsert(conn, "sources", row | {"province_then": then, "province_now": now}, "slug")

    def start_crawl(self, source: str, settings: dict | None = None) -> int:
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO crawls (source, started, settings) VALUES (?, ?, ?)",
                (source, utc_now(), json.dumps(settings or {}, ensure_ascii=False)),
            )
        return cursor.lastrowid

    def finish_crawl(self, crawl_id: int, status: str) -> dict:
        """Close a run with its final status; returns its row."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE crawls SET finished = ?, status = ? WHERE id = ?",
                (utc_now(), status, crawl_id),
            )
        return self.crawl(crawl_id)

    def crawl(self, crawl_id: int) -> dict:
        return self.db["crawls"].get(crawl_id)

    def count(self, crawl_id: int, **increments: int) -> None:
        """Add to a run's counters (pages, errors, …) in a transaction of its own."""
        with self.transaction() as conn:
            self._count(conn, crawl_id, increments)

    def record_error(
        self,
        crawl_id: int,
        source: str,
        url: str,
        kind: str,
        detail: str | None = None,
        status: int | None = None,
    ) -> None:
        """Keep one failed or rejected fetch visible in `crawl_errors` and count it."""
        with self.transaction() as conn:
            self._record_error(conn, crawl_id, source, url, kind, detail, status)

    def _record_error(
        self,
        conn: sqlite3.Connection,
        crawl_id: int,
        source: str,
        url: str,
        kind: str,
        detail: str | None = None,
        status: int | None = None,
        at: str | None = None,
    ) -> None:
        """`record_error` inside the caller's transaction."""
        conn.execute(
            "INSERT INTO crawl_errors (crawl_id, source, url, kind, status, detail, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (crawl_id, source, url, kind, status, (detail or "")[:2000], at or utc_now()),
        )
        self._count(conn, crawl_id, {NOT_ARTICLE_KINDS.get(kind, "errors"): 1})

    @staticmethod
    def _count(conn: sqlite3.Connection, crawl_id: int, increments: dict[str, int]) -> None:
        unknown = set(increments) - set(CRAWL_COUNTERS)
        if unknown:
            raise ValueError(f"unknown crawl counters: {', '.join(sorted(unknown))}")
        assignments = ", ".join(f"{name} = {name} + ?" for name in increments)
        conn.execute(
            f"UPDATE crawls SET {assignments} WHERE id = ?", (*increments.values(), crawl_id)
        )

    def set_article_links(self, crawl_id: int, links: int) -> None:
        """How many distinct article URLs a run found (fetched or not), written at its end."""
        with self.transaction() as conn:
            conn.execute("UPDATE crawls SET article_links = ? WHERE id = ?", (links, crawl_id))

    @staticmethod
    def _record_render(conn, crawl_id: int, render) -> None:
        """Keep how a page was rendered (a `Rendered` result), inside the writer's transaction."""
        row = {name: getattr(render, name) for name in RENDER_FIELDS}
        endpoints = json.dumps(list(render.endpoints))
        row |= {"crawl_id": crawl_id, "endpoints": endpoints, "at": utc_now()}
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO renders ({names}) VALUES ({marks})", tuple(row.values()))

    # -- learned templates -------------------------------------------------------------------

    def save_template(self, source: str, fingerprints: frozenset[str], pages: int) -> None:
        """Replace a source's learned template (block fingerprints learned from `pages`)."""
        now = utc_now()
        with self.transaction() as conn:
            conn.execute("DELETE FROM templates WHERE source = ?", (source,))
            conn.executemany(
                "INSERT INTO templates (source, fingerprint, pages, learned) VALUES (?, ?, ?, ?)",
                [(source, digest, pages, now) for digest in sorted(fingerprints)],
            )

    def load_template(self, source: str) -> frozenset[str]:
        rows = self.conn.execute("SELECT fingerprint FROM templates WHERE source = ?", (source,))
        return frozenset(row[0] for row in rows)

    # -- operations: captures, incremental crawls, versions, crawl processes ---------------

    def set_crawl_process(self, crawl_id: int, pid: int) -> None:
        """Note which process runs a crawl, so a later run can tell a live one from a dead one."""
        with self.transaction() as conn:
            conn.execute("UPDATE crawls SET pid = ? WHERE id = ?", (pid, crawl_id))

    def set_crawl_capture(self, crawl_id: int, warc_file: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE crawls SET warc_file = ? WHERE id = ?", (warc_file, crawl_id))

    def interrupt_stale_crawls(self, source: str, alive=None) -> int:
        """Mark `running` rows of a source whose process is gone as `interrupted`."""
        alive = alive or pid_alive
        rows = self.conn.execute(
            "SELECT id, pid FROM crawls WHERE source = ? AND status = 'running'", (source,)
        ).fetchall()
        stale = [crawl_id for crawl_id, pid in rows if pid is None or not alive(pid)]
        with self.transaction() as conn:
            for crawl_id in stale:
                conn.execute(
                    "UPDATE crawls SET status = 'interrupted', finished = COALESCE(finished, ?)"
                    " WHERE id = ?",
                    (utc_now(), crawl_id),
                )
        return len(stale)

    def record_failed_start(self, source: str, pid: int, status: str, detail: str) -> int:
        """A scheduled crawl process that died before opening its run still leaves a row."""
        crawl_id = self.start_crawl(source, {"scheduled": True, "detail": detail})
        self.set_crawl_process(crawl_id, pid)
        self.finish_crawl(crawl_id, status)
        return crawl_id

    def last_crawl_started(self, source: str) -> datetime | None:
        row = self.conn.execute(
            "SELECT max(started) FROM crawls WHERE source = ?", (source,)
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def crawl_of_process(self, source: str, pid: int) -> int | None:
        row = self.conn.execute(
            "SELECT max(id) FROM crawls WHERE source = ? AND pid = ?", (source, pid)
        ).fetchone()
        return row[0] if row else None

    def count_not_refetched(self, crawl_id: int, skipped: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE crawls SET not_refetched = not_refetched + ? WHERE id = ?",
                (skipped, crawl_id),
            )
