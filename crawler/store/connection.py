"""Opening the archive file and the small SQL helpers every writer module shares."""

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crawler.serve.search import register_functions

BUSY_TIMEOUT_MS = 60_000


class ArchiveError(RuntimeError):
    """The archive file cannot be opened or written (permissions, full disk, corruption)."""


@dataclass(frozen=True)
class StoreResult:
    article_id: int
    outcome: str  # "new", "seen" (URL known), "exact" (same text elsewhere), "near"
    similarity: float = 1.0


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# SQLite result codes that mean the file cannot take writes: stop the crawl, keep what is stored.
STORAGE_FAILURES = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN")


def is_storage_failure(exc: BaseException) -> bool:
    """A full disk, read-only or vanished file: not a bug in the write, a fault of the storage."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return isinstance(exc, sqlite3.Error) and name.startswith(STORAGE_FAILURES)


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode; transactions are opened explicitly where they belong."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Our search queries use these; the schema does not (m0009b), except m0003's triggers
        # on an archive that has not reached m0009b yet.
        register_functions(conn)
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    return conn


def rows_where_in(conn: sqlite3.Connection, query: str, keys: list, chunk: int = 500):
    """The rows of `query` (its `{marks}` the placeholders of an IN list) for every key, asked
    `chunk` keys at a time: SQLite limits the parameters of one statement."""
    for start in range(0, len(keys), chunk):
        part = keys[start : start + chunk]
        yield from conn.execute(query.format(marks=", ".join("?" for _ in part)), part)


def upsert(conn: sqlite3.Connection, table: str, row: dict, key: str) -> None:
    """Insert or update one row by its key, inside the caller's transaction.

    sqlite-utils' own write helpers commit on their own, so archive writes use plain SQL.
    """
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != key)
    conn.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        f" ON CONFLICT({key}) DO UPDATE SET {updates}",
        tuple(row.values()),
    )


def pid_alive(pid: int) -> bool:
    """Whether a process of this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
