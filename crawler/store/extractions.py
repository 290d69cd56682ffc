"""The `extractions` table (m0012): what `archive reextract` last extracted from each URL."""

import sqlite3
from dataclasses import dataclass

from crawler.store.rows import ARTICLE_COLUMNS


@dataclass(frozen=True)
class Extraction:
    """One URL's last re-extraction: the payload read, the extractor run, what came out."""

    url: str
    payload_digest: str
    extractor: str
    outcome: str  # "article", or why not: "not-article", "undecodable", "extract-error", …


def last_extractions(conn: sqlite3.Connection, urls: list[str]) -> dict[str, Extraction]:
    found: dict[str, Extraction] = {}
    for start in range(0, len(urls), 500):
        part = urls[start : start + 500]
        marks = ", ".join("?" for _ in part)
        rows = conn.execute(
            "SELECT url, payload_digest, extractor, outcome FROM extractions"
            f" WHERE url IN ({marks})",
            part,
        )
        found |= {row[0]: Extraction(*row) for row in rows}
    return found


def record_extractions(conn: sqlite3.Connection, done: list[Extraction], when: str) -> None:
    """In the transaction that stores what these extractions gave."""
    conn.executemany(
        "INSERT OR REPLACE INTO extractions (url, payload_digest, extractor, outcome, extracted)"
        " VALUES (?, ?, ?, ?, ?)",
        [(e.url, e.payload_digest, e.extractor, e.outcome, when) for e in done],
    )


_STORED = ", ".join(f"a.{name}" for name in ARTICLE_COLUMNS)


def stored_version(conn: sqlite3.Connection, keys: tuple[str, str]) -> tuple | None:
    """How the archive holds a URL (under either key): (relation, content hash, WARC file,
    offset, the kept article's columns); None when it is not archived."""
    return conn.execute(
        f"SELECT u.relation, u.content_hash, u.warc_file, u.warc_offset, a.content_hash, {_STORED}"
        " FROM article_urls u JOIN articles a ON a.id = u.article_id WHERE u.url IN (?, ?)"
        " ORDER BY u.relation = 'original' DESC LIMIT 1",
        keys,
    ).fetchone()
