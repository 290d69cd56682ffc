"""A copy of the archive to publish: every table as it is, the withdrawn articles gone.

A withdrawal hides an article from search, the Datasette pages and the exports, but the live
archive still holds its text (that is what `archive restore` brings back), and Datasette's SQL
editor reads the file as it is. The file to put in front of the public, or to hand to a
researcher, is this copy: made with `VACUUM INTO` (a consistent snapshot, even while a crawl
writes), then every row that holds or names a withdrawn article is deleted (its text, versions,
copies, URLs, signatures, index entries, the withdrawal records themselves), both search
indexes are rebuilt and the file is vacuumed again, so no freed page still carries the text.
"""

import sqlite3
from pathlib import Path

from crawler.store.search_index import WITHDRAWN_IDS


class PublicCopyError(ValueError):
    """The copy cannot be written where asked."""


def write_public_copy(conn: sqlite3.Connection, output: Path) -> int:
    """Write the copy to `output` (which must not exist); returns how many articles it left out."""
    if output.exists():
        raise PublicCopyError(f"{output} exists: a public copy is written to a new file")
    try:
        conn.execute("VACUUM INTO ?", (str(output),))
    except sqlite3.Error as exc:
        raise PublicCopyError(f"cannot write {output}: {exc}") from exc
    copy = sqlite3.connect(output, isolation_level=None)
    try:
        left_out = _drop_withdrawn(copy)
        copy.execute("VACUUM")
    finally:
        copy.close()
    return left_out


def _drop_withdrawn(copy: sqlite3.Connection) -> int:
    copy.execute("BEGIN IMMEDIATE")
    gone = f"SELECT DISTINCT article_id AS id FROM ({WITHDRAWN_IDS})"
    copy.execute(f"CREATE TEMP TABLE gone AS {gone}")
    copy.execute(
        "CREATE TEMP TABLE gone_urls AS SELECT url FROM article_urls WHERE article_id IN"
        " (SELECT id FROM temp.gone) UNION SELECT fetched_url FROM article_urls WHERE article_id"
        " IN (SELECT id FROM temp.gone) UNION SELECT url FROM articles WHERE id IN"
        " (SELECT id FROM temp.gone)"
    )
    left_out = copy.execute("SELECT count(*) FROM temp.gone").fetchone()[0]
    for table in _tables_with(copy, "article_id"):
        copy.execute(f'DELETE FROM "{table}" WHERE article_id IN (SELECT id FROM temp.gone)')
    copy.execute("DELETE FROM capture_digests WHERE url IN (SELECT url FROM temp.gone_urls)")
    copy.execute("DELETE FROM discovered_urls WHERE url IN (SELECT url FROM temp.gone_urls)")
    copy.execute("DELETE FROM articles WHERE id IN (SELECT id FROM temp.gone)")
    copy.execute("DELETE FROM withdrawals")  # the records name what was withdrawn, and why
    copy.execute("DELETE FROM extractions")  # reextract's own bookkeeping, by captured URL
    copy.execute("INSERT INTO articles_fts_marked (articles_fts_marked) VALUES ('rebuild')")
    copy.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
    copy.execute("COMMIT")
    return left_out


def _tables_with(copy: sqlite3.Connection, column: str) -> list[str]:
    tables = copy.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ).fetchall()
    return [
        name
        for (name,) in tables
        if any(row[1] == column for row in copy.execute(f'PRAGMA table_info("{name}")'))
    ]
