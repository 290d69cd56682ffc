"""Withdrawals (takedowns): who hid which article, when and why, and who restored it.

An article with a row here whose `restored_at` is empty is withdrawn: kept in the file with its
captures, but left out of search, Datasette and exports. Rows are never deleted, so the table is
the history of every takedown and restoration.
"""


def migrate(conn) -> None:
    conn.execute(
        """CREATE TABLE withdrawals (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            reason TEXT NOT NULL,
            withdrawn_by TEXT NOT NULL,
            withdrawn_at TEXT NOT NULL,
            restored_by TEXT,
            restored_at TEXT,
            restore_reason TEXT
        )"""
    )
    # at most one open withdrawal per article
    conn.execute(
        "CREATE UNIQUE INDEX withdrawals_open ON withdrawals(article_id) WHERE restored_at IS NULL"
    )
