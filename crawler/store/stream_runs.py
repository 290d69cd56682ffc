"""What the ingest of a distributed crawl keeps in the archive: runs by key, stream positions.

A cluster batch run becomes one `crawls` row, found again by its `run_key`; the position of
the last stream entry stored is written inside the transaction that stores the entry.
"""

import json
import sqlite3

from crawler.store.archive import Archive
from crawler.store.connection import utc_now


def crawl_for_run(archive: Archive, run_key: str, source: str) -> int:
    """The crawl row of a batch run, opened on first sight (idempotent: found by its key)."""
    with archive.transaction() as conn:
        row = conn.execute("SELECT id FROM crawls WHERE run_key = ?", (run_key,)).fetchone()
        if row:
            return row[0]
        settings = json.dumps({"distributed": True, "run": run_key}, ensure_ascii=False)
        cursor = conn.execute(
            "INSERT INTO crawls (source, started, settings, run_key) VALUES (?, ?, ?, ?)",
            (source, utc_now(), settings, run_key),
        )
        return cursor.lastrowid


def stream_position(conn: sqlite3.Connection, stream: str) -> str | None:
    row = conn.execute(
        "SELECT last_id FROM stream_positions WHERE stream = ?", (stream,)
    ).fetchone()
    return row[0] if row else None


def set_stream_position(conn: sqlite3.Connection, stream: str, last_id: str) -> None:
    conn.execute(
        "INSERT INTO stream_positions (stream, last_id, updated) VALUES (?, ?, ?)"
        " ON CONFLICT(stream) DO UPDATE SET last_id = excluded.last_id,"
        " updated = excluded.updated",
        (stream, last_id, utc_now()),
    )


def finish_run(conn: sqlite3.Connection, crawl_id: int, status: str) -> None:
    """End a batch run. Its `article_links` is counted here from the completeness account: the
    workers each saw a part of the portal, the account holds every article URL any of them
    found (fetched, failed, or not fetched again), once."""
    conn.execute(
        "UPDATE crawls SET finished = ?, status = ?, article_links = (SELECT count(*)"
        " FROM discovered_urls WHERE crawl_id = crawls.id) WHERE id = ? AND status = 'running'",
        (utc_now(), status, crawl_id),
    )
