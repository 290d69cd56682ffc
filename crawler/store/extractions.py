"""The `extractions` table (m0012): what `archive reextract` last extracted from each URL."""

import sqlite3
from dataclasses import dataclass

from crawler.store.connection import rows_where_in
from crawler.store.rows import ARTICLE_COLUMNS


@dataclass(frozen=True)
class Extraction:
    """One URL's last re-extraction: the payload read, the extractor run, what came out."""

    url: str
    payload_digest: str
    extractor: str
    outcome: str  # "article", or why not: "not-article", "undecodable", "extract-error", …


def last_extractions(conn: sqlite3.Connection, urls: list[str]) -> dict[str, Extraction]:
    query = "SELECT url, payload_digest, extractor, outcome FROM extractions WHERE url IN ({marks})"
    return {row[0]: Extraction(*row) for row in rows_where_in(conn, query, urls)}


def record_extractions(conn: sqlite3.Connection, done: list[Extraction], when: str) -> None:
    """In the transaction that stores what these extractions gave."""
    conn.executemany(
        "INSERT OR REPLACE INTO extractions (url, payload_digest, extractor, outcome, extracted)"
        " VALUES (?, ?, ?, ?, ?)",
        [(e.url, e.payload_digest, e.extractor, e.outcome, when) for e in done],
    )


_KEPT = ", ".join(ARTICLE_COLUMNS)


def stored_url(conn: sqlite3.Connection, keys: tuple[str, str]) -> tuple | None:
    """How the archive holds a URL (under either key, its kept copy's row first): (content
    hash, WARC file, offset, relation); None when it is not archived."""
    return conn.execute(
        "SELECT content_hash, warc_file, warc_offset, relation FROM article_urls"
        " WHERE url IN (?, ?) ORDER BY relation = 'original' DESC LIMIT 1",
        keys,
    ).fetchone()


def kept_columns(conn: sqlite3.Connection, keys: tuple[str, str]) -> tuple | None:
    """(content hash, the article columns) of the story a URL is the kept copy of."""
    return conn.execute(
        f"SELECT a.content_hash, {_KEPT} FROM article_urls u JOIN articles a ON a.id = u.article_id"
        " WHERE u.url IN (?, ?) AND u.relation = 'original'",
        keys,
    ).fetchone()
