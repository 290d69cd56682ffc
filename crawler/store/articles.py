"""Articles: storing one extracted page as a new story or one more URL of a kept story."""

import sqlite3
from array import array
from collections.abc import Iterable
from dataclasses import replace

from crawler.crawl.urls import canonical_url, page_identity
from crawler.extract import Extracted
from crawler.store.connection import StoreResult, utc_now
from crawler.store.dedup import (
    content_hash,
    copy_rank,
    similarity,
)
from crawler.store.rows import COPY_COLUMNS, OUTCOME_COUNTERS, _relation, _Version, article_row


class ArticleStore:
    """Storing one extracted page: a new story, or one more URL of a story already kept."""

    _marked_before: dict[int, tuple] | None = None  # see DedupRebuild._suspend_search_trigger

    # -- articles ----------------------------------------------------------------------------

    def store_article(
        self,
        crawl_id: int | None,
        source: str,
        url: str,
        article: Extracted,
        *,
        fetched_url: str | None = None,
        source_kind: str | None = None,
        allowed_domains: Iterable[str] = (),
    ) -> StoreResult:
        """Store one extracted page: a new story, or one more URL of a story already kept.

        `url` is the page's final URL, `fetched_url` the one requested before redirects;
        `source_kind` and `allowed_domains` default to the registered source and the URL's host.
        """
        with self.transaction() as conn:
            return self._store_article(
                conn, crawl_id, source, url, article, fetched_url, source_kind, allowed_domains
            )

    def _store_article(
        self,
        conn: sqlite3.Connection,
        crawl_id: int | None,
        source: str,
        url: str,
        article: Extracted,
        fetched_url: str | None = None,
        source_kind: str | None = None,
        allowed_domains: Iterable[str] = (),
        now: str | None = None,
        digest: str | None = None,
        signed: bool = False,
        sig: array | None = None,
        search_forms: tuple[str, str] | None = None,
    ) -> StoreResult:
        """`store_article` inside the caller's transaction (the group writer's); `digest` and,
        when `signed`, `sig` are the text's content hash and signature if computed already, and
        `search_forms` its search-index forms."""
        now = now or utc_now()
        key = page_identity(url, article.canonical_url, allowed_domains)
        self._check_dedup_params(conn)
        version = _Version(
            url=key,
            fetched_url=fetched_url or url,
            source=source,
            kind=source_kind or self._registered_kind(conn, source),
            row=article_row(article),
            digest=digest or content_hash(article.text),
            first_seen=now,
            last_seen=now,
            crawl_id=crawl_id,
            signed=signed,
            sig=sig,
            search_forms=search_forms,
        )
        result = self._store_version(conn, version)
        kept = _own_identity(version) if result.outcome == "new" else None
        for variant in {canonical_url(fetched_url or url), canonical_url(url)} - {key}:
            self._remember_url(conn, replace(version, url=variant), result, "url-variant", kept)
        if crawl_id is not None:
            self._count(conn, crawl_id, OUTCOME_COUNTERS[result.outcome])
        return result

    def _store_version(self, conn: sqlite3.Connection, version: "_Version") -> StoreResult:
        known = conn.execute(
            "SELECT article_id FROM article_urls WHERE url = ?", (version.url,)
        ).fetchone()
        if known:
            _touch_url(conn, version)
            return StoreResult(known[0], "seen")
        sig = (
            version.sig
            if version.signed
            else self._text_signature(version.row["text"], version.digest)
        )
        result = self._match(conn, version.digest, sig)
        kept = None
        if result is None:
            result = StoreResult(self._new_article(conn, version), "new")
            kept = _own_identity(version)
        self._index_text(conn, result.article_id, version.digest, sig)
        self._remember_url(conn, version, result, kept=kept)
        if result.outcome != "new":
            self._join(conn, result.article_id, version)
        return result

    def _new_article(self, conn: sqlite3.Connection, version: "_Version") -> int:
        row = version.row | {
            "url": version.url,
            "source": version.source,
            "content_hash": version.digest,
            "first_seen": version.first_seen,
            "last_seen": version.last_seen,
            "crawl_id": version.crawl_id,
        }
        if version.old_article_id in self._reusable:
            # a rebuild keeps the id, so links and the search index still find the story
            self._reusable.discard(version.old_article_id)
            if not self._unchanged(conn, version.old_article_id, row):
                self._update_article(conn, version.old_article_id, row)
            return version.old_article_id
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = conn.execute(
            f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(row.values())
        )
        self._index_article(conn, cursor.lastrowid, version.search_forms)
        return cursor.lastrowid

    @staticmethod
    def _unchanged(conn: sqlite3.Connection, article_id: int, row: dict) -> bool:
        """Whether the stored row has these values already (rewriting it would reindex it)."""
        columns = ", ".join(row)
        stored = conn.execute(f"SELECT {columns} FROM articles WHERE id = ?", (article_id,))
        return stored.fetchone() == tuple(row.values())

    def _update_article(self, conn: sqlite3.Connection, article_id: int, row: dict) -> None:
        if self._marked_before is not None and article_id not in self._marked_before:
            # a rebuild writes the marked search index once at the end, from these values
            self._marked_before[article_id] = conn.execute(
                "SELECT title, text FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        assignments = ", ".join(f"{name} = ?" for name in row)
        conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*row.values(), article_id))
        self._index_article(conn, article_id)

    def _join(self, conn: sqlite3.Connection, article_id: int, version: "_Version") -> None:
        """Add a version to a story: it takes over when it is the better copy, else is kept."""
        kept = self._kept(conn, article_id)
        kept_kind = self._url_kind(conn, kept["url"], kept["source"])
        mine = copy_rank(version.row["published"], version.kind, version.row["text"])
        if mine < copy_rank(kept["published"], kept_kind, kept["text"]):
            self._copy_kept_version(conn, article_id)
            conn.execute("DELETE FROM article_copies WHERE url = ?", (version.url,))
            row = version.row | {
                "url": version.url,
                "source": version.source,
                "content_hash": version.digest,
            }
            self._update_article(conn, article_id, row)
            self._refresh_relations(conn, article_id)
        elif version.digest != kept["content_hash"] or version.row["title"] != kept["title"]:
            self._insert_copy(conn, article_id, version)

    @staticmethod
    def _insert_copy(conn: sqlite3.Connection, article_id: int, version: "_Version") -> None:
        row = version.row | {
            "url": version.url,
            "article_id": article_id,
            "source": version.source,
            "content_hash": version.digest,
            "first_seen": version.first_seen,
        }
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(
            f"INSERT OR REPLACE INTO article_copies ({columns}) VALUES ({marks})",
            tuple(row.values()),
        )

    @staticmethod
    def _copy_kept_version(conn: sqlite3.Connection, article_id: int) -> None:
        columns = ", ".join(COPY_COLUMNS)
        conn.execute(
            f"INSERT OR IGNORE INTO article_copies (article_id, {columns})"
            f" SELECT id, {columns} FROM articles WHERE id = ?",
            (article_id,),
        )

    def _refresh_relations(self, conn: sqlite3.Connection, article_id: int) -> None:
        """After a takeover every URL's relation and similarity refer to the new kept text."""
        kept = self._kept(conn, article_id)
        kept_sig = self._signature_of(conn, kept["content_hash"])
        rows = conn.execute(
            "SELECT url, content_hash, relation FROM article_urls WHERE article_id = ?",
            (article_id,),
        ).fetchall()
        for url, digest, relation in rows:
            sig = self._signature_of(conn, digest)
            score = similarity(sig, kept_sig) if sig is not None and kept_sig is not None else 0.0
            if digest == kept["content_hash"]:
                score = 1.0
            conn.execute(
                "UPDATE article_urls SET relation = ?, similarity = ? WHERE url = ?",
                (_relation(url, digest, relation, kept), score, url),
            )

    def _remember_url(
        self,
        conn: sqlite3.Connection,
        version: "_Version",
        result: StoreResult,
        relation: str | None = None,
        kept: dict | None = None,
    ) -> None:
        """File a URL under its story; `kept`: the story's kept identity, when known already."""
        kept = kept or self._kept_identity(conn, result.article_id)
        if relation is None:
            relation = _relation(version.url, version.digest, "", kept)
        score = 1.0 if relation in ("original", "url-variant") else result.similarity
        conn.execute(
            "INSERT INTO article_urls (url, article_id, source, fetched_url, relation, similarity,"
            " first_seen, last_seen, crawl_id, content_hash, source_kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen,"
            " crawl_id = excluded.crawl_id",
            (
                version.url,
                result.article_id,
                version.source,
                version.fetched_url,
                relation,
                1.0 if version.digest == kept["content_hash"] else score,
                version.first_seen,
                version.last_seen,
                version.crawl_id,
                version.digest,
                version.kind,
            ),
        )

    @staticmethod
    def _kept_identity(conn: sqlite3.Connection, article_id: int) -> dict:
        """The kept copy's URL and content hash (what a URL's relation is judged by)."""
        url, digest = conn.execute(
            "SELECT url, content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return {"url": url, "content_hash": digest}

    @staticmethod
    def _registered_kind(conn: sqlite3.Connection, source: str) -> str:
        row = conn.execute("SELECT kind FROM sources WHERE slug = ?", (source,)).fetchone()
        return row[0] if row else "other"

    def _url_kind(self, conn: sqlite3.Connection, url: str, source: str) -> str:
        row = conn.execute("SELECT source_kind FROM article_urls WHERE url = ?", (url,)).fetchone()
        return row[0] if row and row[0] else self._registered_kind(conn, source)


def _touch_url(conn: sqlite3.Connection, version: "_Version") -> None:
    conn.execute(
        "UPDATE article_urls SET last_seen = ?, crawl_id = coalesce(?, crawl_id) WHERE url = ?",
        (version.last_seen, version.crawl_id, version.url),
    )


def _own_identity(version: "_Version") -> dict:
    """A new story's kept identity: the version just stored as its row."""
    return {"url": version.url, "content_hash": version.digest}
