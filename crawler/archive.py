"""The archive: one SQLite file, and the one writer API every archive write goes through.

Crawls, the CLI and tests all write through `Archive`; nothing else issues INSERT or UPDATE.
Each stored article is one transaction, so a crawl killed at any moment leaves either the whole
article or none of it. The file is in WAL mode so Datasette can read while a crawl writes.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from crawler.extraction import Extracted
from crawler.migrations import apply_migrations
from crawler.search import register_functions
from crawler.sources import Source

CRAWL_COUNTERS = ("pages", "articles_new", "articles_seen", "duplicates", "not_articles", "errors")
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


def content_hash(text: str) -> str:
    """Identity of a text after normalisation: whitespace runs do not make a new story."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode; transactions are opened explicitly where they belong."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        register_functions(conn)  # the search index triggers call vn_fold on every write
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    return conn


class Archive:
    """An open archive file with its schema up to date."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        try:
            apply_migrations(self.conn)
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot prepare archive {path}: {exc}") from exc
        self.db = sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"cannot write archive {self.path}: {exc}") from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise ArchiveError(f"cannot write archive {self.path}: {exc}") from exc

    # -- sources and crawl runs -------------------------------------------------------------

    def register_sources(self, sources: Iterable[Source]) -> None:
        """Mirror registry entries into `sources`, so the archive explains itself."""
        rows = [source.as_row() for source in sources]
        with self.transaction():
            self.db["sources"].upsert_all(rows, pk="slug")

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
        counter = "not_articles" if kind == "not-article" else "errors"
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO crawl_errors (crawl_id, source, url, kind, status, detail, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (crawl_id, source, url, kind, status, (detail or "")[:2000], utc_now()),
            )
            self._count(conn, crawl_id, {counter: 1})

    @staticmethod
    def _count(conn: sqlite3.Connection, crawl_id: int, increments: dict[str, int]) -> None:
        unknown = set(increments) - set(CRAWL_COUNTERS)
        if unknown:
            raise ValueError(f"unknown crawl counters: {', '.join(sorted(unknown))}")
        assignments = ", ".join(f"{name} = {name} + ?" for name in increments)
        conn.execute(
            f"UPDATE crawls SET {assignments} WHERE id = ?", (*increments.values(), crawl_id)
        )

    # -- articles ----------------------------------------------------------------------------

    def store_article(
        self, crawl_id: int | None, source: str, url: str, article: Extracted
    ) -> StoreResult:
        """Store one extracted page: a new story, or one more URL of a story already kept."""
        now = utc_now()
        digest = content_hash(article.text)
        with self.transaction() as conn:
            result = self._find_known(conn, url, digest)
            if result is None:
                result = StoreResult(
                    self._insert_article(conn, crawl_id, source, url, article, digest, now), "new"
                )
            self._remember_url(conn, crawl_id, source, url, result, now)
            counter = {"new": "articles_new", "seen": "articles_seen"}.get(
                result.outcome, "duplicates"
            )
            if crawl_id is not None:
                self._count(conn, crawl_id, {counter: 1})
        return result

    def _find_known(self, conn: sqlite3.Connection, url: str, digest: str) -> StoreResult | None:
        row = conn.execute("SELECT article_id FROM article_urls WHERE url = ?", (url,)).fetchone()
        if row:
            return StoreResult(row[0], "seen")
        row = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", (digest,)
        ).fetchone()
        return StoreResult(row[0], "exact") if row else None

    @staticmethod
    def _insert_article(
        conn: sqlite3.Connection,
        crawl_id: int | None,
        source: str,
        url: str,
        article: Extracted,
        digest: str,
        now: str,
    ) -> int:
        row = article_row(article) | {
            "url": url,
            "source": source,
            "content_hash": digest,
            "first_seen": now,
            "last_seen": now,
            "crawl_id": crawl_id,
        }
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = conn.execute(
            f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(row.values())
        )
        return cursor.lastrowid

    @staticmethod
    def _remember_url(
        conn: sqlite3.Connection,
        crawl_id: int | None,
        source: str,
        url: str,
        result: StoreResult,
        now: str,
    ) -> None:
        relation = {"new": "original", "seen": "original"}.get(result.outcome, result.outcome)
        conn.execute(
            "INSERT INTO article_urls (url, article_id, source, fetched_url, relation, similarity,"
            " first_seen, last_seen, crawl_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen,"
            " crawl_id = excluded.crawl_id",
            (url, result.article_id, source, url, relation, result.similarity, now, now, crawl_id),
        )


def article_row(article: Extracted) -> dict:
    """The `articles` columns an extraction fills; lists are stored as JSON arrays."""
    as_json = lambda values: json.dumps(list(values), ensure_ascii=False)  # noqa: E731
    return {
        "title": article.title,
        "lead": article.lead,
        "text": article.text,
        "published": article.published,
        "updated": article.updated,
        "author": article.author,
        "source_line": article.source_line,
        "language": article.language,
        "categories": as_json(article.categories),
        "tags": as_json(article.tags),
        "image": article.image,
        "description": article.description,
        "captions": as_json(article.captions),
    }
