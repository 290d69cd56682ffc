"""Captures: the payload digest index, incremental look-ups and text refreshes from WARCs."""

import sqlite3
from collections.abc import Iterable

from crawler.crawl.urls import canonical_url
from crawler.extract import Extracted
from crawler.store.connection import utc_now
from crawler.store.dedup import content_hash
from crawler.store.rows import ARTICLE_COLUMNS, _url_keys, article_row


class Captures:
    """The capture digest index, incremental-crawl look-ups and text refreshes from captures."""

    # `archive reextract` sets it: a new extractor's title, date or author for an unchanged
    # text is a new version too (a crawl's refresh keeps to the text: portals restamp pages)
    refresh_metadata = False

    def payload_seen(self, digest: str) -> tuple[str, str] | None:
        """URL and WARC-Date of the first capture of a payload, if it was captured before."""
        row = self.conn.execute(
            "SELECT url, captured FROM capture_digests WHERE payload_digest = ?", (digest,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def remember_payload(
        self, digest: str, url: str, captured: str, warc_file: str, offset: int
    ) -> None:
        with self.transaction() as conn:
            self._remember_payload(conn, digest, url, captured, warc_file, offset)

    @staticmethod
    def _remember_payload(
        conn: sqlite3.Connection, digest: str, url: str, captured: str, warc_file: str, offset: int
    ) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO capture_digests VALUES (?, ?, ?, ?, ?)",
            (digest, url, captured, warc_file, offset),
        )

    def last_fetched(self, url: str) -> str | None:
        """When an archived URL (of any source) was last fetched; None if it is not archived."""
        row = self.conn.execute(
            "SELECT max(last_seen) FROM article_urls WHERE url IN (?, ?)",
            (url, canonical_url(url)),
        ).fetchone()
        return row[0] if row else None

    def set_capture(
        self, url: str, article: Extracted, domains: Iterable[str], warc_file: str, offset: int
    ) -> None:
        """Point an archived page's URLs at the WARC record it was last extracted from."""
        with self.transaction() as conn:
            self._set_capture(conn, url, article, domains, warc_file, offset)

    @staticmethod
    def _set_capture(
        conn: sqlite3.Connection,
        url: str,
        article: Extracted,
        domains: Iterable[str],
        warc_file: str,
        offset: int,
    ) -> None:
        conn.execute(
            "UPDATE article_urls SET warc_file = ?, warc_offset = ? WHERE url IN (?, ?)",
            (warc_file, offset, *_url_keys(url, article, domains)),
        )

    def refresh_article(
        self, crawl_id: int | None, url: str, article: Extracted, domains: Iterable[str] = ()
    ) -> str | None:
        """Re-fetched text of an archived page: keep the old text as a version if it changed.

        Returns "changed", "unchanged", or None when the page is not archived as the kept copy
        of its story (other copies' texts are dedup's business); the caller stores the
        article through `store_article` either way.
        """
        with self.transaction() as conn:
            return self._refresh_article(conn, crawl_id, url, article, domains)

    def _refresh_article(
        self,
        conn: sqlite3.Connection,
        crawl_id: int | None,
        url: str,
        article: Extracted,
        domains: Iterable[str] = (),
        digest: str | None = None,
    ) -> str | None:
        """`refresh_article` inside the caller's transaction (`digest`: the text's, if known)."""
        digest = digest or content_hash(article.text)
        row = conn.execute(
            "SELECT a.id, u.url, a.title, a.text, a.published, a.content_hash, a.first_seen"
            " FROM article_urls u JOIN articles a ON a.id = u.article_id"
            " WHERE u.url IN (?, ?) AND u.relation = 'original'",
            _url_keys(url, article, domains),
        ).fetchone()
        if row is None:
            return None
        if row[5] == digest and not (self.refresh_metadata and _other_metadata(conn, row, article)):
            return "unchanged"
        self._replace_text(conn, crawl_id, row, article, digest)
        return "changed"

    def _replace_text(
        self,
        conn: sqlite3.Connection,
        crawl_id: int | None,
        old: tuple,
        article: Extracted,
        digest: str,
    ) -> None:
        now = utc_now()
        conn.execute(
            "INSERT INTO article_versions (article_id, url, title, text, published,"
            " content_hash, first_seen, replaced, replaced_by_crawl)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*old, now, crawl_id),
        )
        update = article_row(article) | {"content_hash": digest, "last_seen": now}
        assignments = ", ".join(f"{name} = ?" for name in update)
        conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*update.values(), old[0]))
        self._index_article(conn, old[0])
        conn.execute("UPDATE article_urls SET content_hash = ? WHERE url = ?", (digest, old[1]))
        # The new text must be findable by near-duplicate look-ups like any stored text.
        self._index_text(conn, old[0], digest, self._text_signature(article.text, digest))


def _other_metadata(conn: sqlite3.Connection, row: tuple, article: Extracted) -> bool:
    """Whether the stored article's columns differ from what was extracted now."""
    columns = ", ".join(ARTICLE_COLUMNS)
    stored = conn.execute(f"SELECT {columns} FROM articles WHERE id = ?", (row[0],)).fetchone()
    return stored != tuple(article_row(article).values())
