"""The archive: one SQLite file, and the one writer API every archive write goes through.

Crawls, the CLI and tests all write through `Archive`; nothing else issues INSERT or UPDATE.
Each stored article is one transaction, so a crawl killed at any moment leaves either the whole
article or none of it. The file is in WAL mode so Datasette can read while a crawl writes.
`Archive` is composed of one part per concern: crawl runs (runs.py), articles (articles.py),
dedup clustering (clustering.py) and its rebuild (rebuild.py), captures (captures.py), the
search index (search_index.py) and withdrawals (withdrawals.py).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from crawler.store.articles import ArticleStore
from crawler.store.captures import Captures
from crawler.store.clustering import Clustering
from crawler.store.completeness import Completeness
from crawler.store.connection import ArchiveError, StoreResult, connect, is_storage_failure
from crawler.store.dedup import (
    DedupSettings,
    content_hash,
)
from crawler.store.migrations import apply_migrations
from crawler.store.rebuild import DedupRebuild
from crawler.store.rows import article_row
from crawler.store.runs import CrawlRuns
from crawler.store.search_index import SearchIndex
from crawler.store.withdrawals import Withdrawals

__all__ = ["Archive", "ArchiveError", "StoreResult", "article_row", "content_hash", "connect"]


class Archive(
    CrawlRuns,
    ArticleStore,
    Clustering,
    DedupRebuild,
    Captures,
    SearchIndex,
    Withdrawals,
    Completeness,
):
    """An open archive file with its schema up to date."""

    def __init__(self, path: str | Path, *, dedup: DedupSettings | None = None) -> None:
        self.path = Path(path)
        self.dedup = dedup or DedupSettings()
        self._dedup_checked = False
        self._reusable: set[int] = set()  # article ids a running rebuild may reuse
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
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if is_storage_failure(exc):
                raise ArchiveError(f"cannot write archive {self.path}: {exc}") from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise ArchiveError(f"cannot write archive {self.path}: {exc}") from exc
