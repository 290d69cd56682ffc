"""Withdrawals (takedowns): an article hidden from search, Datasette and exports, never deleted.

The article, its URLs and its captures stay in the archive; `withdrawals` records who withdrew
it, when and why, and who restored it. Search drops it from the index; the Datasette plugins
and the exports leave it out by the same table.
"""

import getpass
import sqlite3

from crawler.crawl.urls import canonical_url
from crawler.store.connection import utc_now
from crawler.store.search_index import WITHDRAWN_IDS, index_article


class WithdrawalError(ValueError):
    """No such article, or it is not in the state the command expects."""


def withdrawn_urls(conn: sqlite3.Connection) -> set[str]:
    """Every URL (as keyed and as fetched) of the articles withdrawn now."""
    rows = conn.execute(
        f"SELECT url, fetched_url FROM article_urls WHERE article_id IN ({WITHDRAWN_IDS})"
        f" UNION SELECT url, url FROM articles WHERE id IN ({WITHDRAWN_IDS})"
    )
    return {url for row in rows for url in row if url}


def find_article(conn: sqlite3.Connection, target: str | int) -> tuple[int, str, str]:
    """(id, url, title) of the article an id or any of its URLs names."""
    if isinstance(target, int) or str(target).isdigit():
        query, params = "SELECT id, url, title FROM articles WHERE id = ?", (int(target),)
    else:
        query = (
            "SELECT a.id, a.url, a.title FROM article_urls u JOIN articles a ON a.id = u.article_id"
            " WHERE u.url IN (?, ?) OR u.fetched_url = ? LIMIT 1"
        )
        params = (target, canonical_url(target), target)
    row = conn.execute(query, params).fetchone()
    if row is None:
        raise WithdrawalError(f"no archived article {target}")
    return row


class Withdrawals:
    """The `Archive` part for takedowns: withdraw, restore, list."""

    def withdraw(self, target: str | int, reason: str, by: str | None = None) -> dict:
        """Hide an article (by id or URL); returns the withdrawal row."""
        if not reason.strip():
            raise WithdrawalError("a withdrawal needs a reason")
        with self.transaction() as conn:
            article_id, url, title = find_article(conn, target)
            if self._open_withdrawal(conn, article_id):
                raise WithdrawalError(f"article {article_id} is already withdrawn")
            conn.execute(
                "INSERT INTO withdrawals (article_id, url, title, reason, withdrawn_by,"
                " withdrawn_at) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, url, title, reason.strip(), by or _who(), utc_now()),
            )
            index_article(conn, article_id)  # takes it out of the index
            return self._open_withdrawal(conn, article_id)

    def restore(self, target: str | int, by: str | None = None, reason: str = "") -> dict:
        """Undo the open withdrawal of an article; returns the closed withdrawal row."""
        with self.transaction() as conn:
            article_id, _, _ = find_article(conn, target)
            row = self._open_withdrawal(conn, article_id)
            if not row:
                raise WithdrawalError(f"article {article_id} is not withdrawn")
            conn.execute(
                "UPDATE withdrawals SET restored_by = ?, restored_at = ?, restore_reason = ?"
                " WHERE id = ?",
                (by or _who(), utc_now(), reason.strip() or None, row["id"]),
            )
            index_article(conn, article_id)
            cursor = conn.execute("SELECT * FROM withdrawals WHERE id = ?", (row["id"],))
            return dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))

    def withdrawn_ids(self) -> set[int]:
        return {row[0] for row in self.conn.execute(WITHDRAWN_IDS)}

    @staticmethod
    def _open_withdrawal(conn: sqlite3.Connection, article_id: int) -> dict | None:
        cursor = conn.execute(
            "SELECT * FROM withdrawals WHERE article_id = ? AND restored_at IS NULL", (article_id,)
        )
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
