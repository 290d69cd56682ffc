"""The archive: one SQLite file, and the one writer API every archive write goes through.

Crawls, the CLI and tests all write through `Archive`; nothing else issues INSERT or UPDATE.
Each stored article is one transaction, so a crawl killed at any moment leaves either the whole
article or none of it. The file is in WAL mode so Datasette can read while a crawl writes.
"""

import json
import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from crawler.dedup import (
    DedupSettings,
    band_keys,
    content_hash,
    copy_rank,
    pack,
    signature,
    similarity,
    unpack,
)
from crawler.extraction import Extracted
from crawler.migrations import apply_migrations
from crawler.search import register_functions
from crawler.sources import Source
from crawler.urls import canonical_url, page_identity

__all__ = ["Archive", "ArchiveError", "StoreResult", "article_row", "content_hash", "connect"]

CRAWL_COUNTERS = (
    "pages",
    "articles_new",
    "articles_seen",
    "duplicates",
    "not_articles",
    "skipped",
    "errors",
    "exact_duplicates",
    "near_duplicates",
)
# Failure kinds that are no fault of the portal or the crawler: counted apart from errors.
NOT_ARTICLE_KINDS = {"not-article": "not_articles", "ignored": "skipped", "robots": "skipped"}
# `duplicates` stays the total of both kinds, as before the dedup migration
OUTCOME_COUNTERS = {
    "new": {"articles_new": 1},
    "seen": {"articles_seen": 1},
    "exact": {"duplicates": 1, "exact_duplicates": 1},
    "near": {"duplicates": 1, "near_duplicates": 1},
}
ARTICLE_COLUMNS = (
    "title",
    "lead",
    "text",
    "published",
    "updated",
    "author",
    "source_line",
    "language",
    "categories",
    "tags",
    "image",
    "description",
    "captions",
)
COPY_COLUMNS = ("url", "source", "content_hash", *ARTICLE_COLUMNS, "first_seen")
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
        register_functions(conn)  # the search index triggers call vn_fold on every write
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    return conn


class Archive:
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

    # -- sources and crawl runs -------------------------------------------------------------

    def register_sources(self, sources: Iterable[Source]) -> None:
        """Mirror registry entries into `sources`, so the archive explains itself."""
        with self.transaction() as conn:
            for row in (source.as_row() for source in sources):
                upsert(conn, "sources", row, "slug")

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
        counter = NOT_ARTICLE_KINDS.get(kind, "errors")
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

    # -- learned templates -------------------------------------------------------------------

    def save_template(self, source: str, fingerprints: frozenset[str], pages: int) -> None:
        """Replace a source's learned template (block fingerprints learned from `pages`)."""
        now = utc_now()
        with self.transaction() as conn:
            conn.execute("DELETE FROM templates WHERE source = ?", (source,))
            conn.executemany(
                "INSERT INTO templates (source, fingerprint, pages, learned) VALUES (?, ?, ?, ?)",
                [(source, digest, pages, now) for digest in sorted(fingerprints)],
            )

    def load_template(self, source: str) -> frozenset[str]:
        rows = self.conn.execute("SELECT fingerprint FROM templates WHERE source = ?", (source,))
        return frozenset(row[0] for row in rows)

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
        now = utc_now()
        key = page_identity(url, article.canonical_url, allowed_domains)
        with self.transaction() as conn:
            self._check_dedup_params(conn)
            version = _Version(
                url=key,
                fetched_url=fetched_url or url,
                source=source,
                kind=source_kind or self._registered_kind(conn, source),
                row=article_row(article),
                digest=content_hash(article.text),
                first_seen=now,
                last_seen=now,
                crawl_id=crawl_id,
            )
            result = self._store_version(conn, version)
            for variant in {canonical_url(fetched_url or url), canonical_url(url)} - {key}:
                self._remember_url(conn, replace(version, url=variant), result, "url-variant")
            if crawl_id is not None:
                self._count(conn, crawl_id, OUTCOME_COUNTERS[result.outcome])
        return result

    def rebuild_dedup(self, settings: DedupSettings | None = None) -> dict:
        """Re-cluster every captured version with `settings`, without refetching anything.

        Versions are replayed in (first seen, URL) order through the same code path as a crawl,
        so a second run gives the same clusters and the same article ids. Article ids are kept
        where a cluster survives. Returns counts: articles (stories now), clusters (stories
        with more than one URL), urls, merged (articles absorbed by another), split (new
        articles created for versions that no longer match their old story).
        """
        self.dedup = settings or self.dedup
        with self.transaction() as conn:
            before = {row[0] for row in conn.execute("SELECT id FROM articles")}
            self._snapshot_versions(conn)
            self._reusable = set(before)
            try:
                self._replay_versions(conn)
                merged = sorted(self._reusable)
            finally:
                self._reusable = set()
            conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in merged])
            self._write_dedup_params(conn)
            return self._dedup_report(conn, before, merged)

    def _store_version(self, conn: sqlite3.Connection, version: "_Version") -> StoreResult:
        known = conn.execute(
            "SELECT article_id FROM article_urls WHERE url = ?", (version.url,)
        ).fetchone()
        if known:
            self._touch_url(conn, version)
            return StoreResult(known[0], "seen")
        sig = signature(version.row["text"], self.dedup)
        result = self._match(conn, version.digest, sig)
        if result is None:
            result = StoreResult(self._new_article(conn, version), "new")
        self._index_text(conn, result.article_id, version.digest, sig)
        self._remember_url(conn, version, result)
        if result.outcome != "new":
            self._join(conn, result.article_id, version)
        return result

    def _match(
        self, conn: sqlite3.Connection, digest: str, sig: array | None
    ) -> StoreResult | None:
        """The story this text belongs to: same text first, then the nearest similar text."""
        row = (
            conn.execute(
                "SELECT article_id FROM article_signatures WHERE content_hash = ?", (digest,)
            ).fetchone()
            or conn.execute(  # articles stored before signatures existed
                "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", (digest,)
            ).fetchone()
        )
        if row and row[0] not in self._reusable:
            return StoreResult(row[0], "exact", self._similarity_to_kept(conn, row[0], sig))
        if sig is None:
            return None
        nearest = self._nearest(conn, sig)
        if nearest is None:
            return None
        return StoreResult(nearest, "near", self._similarity_to_kept(conn, nearest, sig))

    def _nearest(self, conn: sqlite3.Connection, sig: array) -> int | None:
        """Indexed band look-ups give candidates; their signatures decide (docs/dedup.md)."""
        hits: Counter[int] = Counter()
        for band, key in band_keys(sig, self.dedup):
            rows = conn.execute(
                "SELECT article_id FROM article_bands WHERE band = ? AND hash = ?", (band, key)
            )
            hits.update(row[0] for row in rows)
        best, best_score = None, self.dedup.threshold
        for article_id, _ in hits.most_common(self.dedup.max_candidates):
            score = max(similarity(sig, other) for other in self._signatures(conn, article_id))
            if score >= best_score and (best is None or score > best_score):
                best, best_score = article_id, score
        return best

    @staticmethod
    def _signatures(conn: sqlite3.Connection, article_id: int) -> list[array]:
        rows = conn.execute(
            "SELECT signature FROM article_signatures WHERE article_id = ?", (article_id,)
        )
        return [unpack(row[0]) for row in rows if row[0]]

    @staticmethod
    def _signature_of(conn: sqlite3.Connection, digest: str) -> array | None:
        row = conn.execute(
            "SELECT signature FROM article_signatures WHERE content_hash = ?", (digest,)
        ).fetchone()
        return unpack(row[0]) if row and row[0] else None

    def _similarity_to_kept(
        self, conn: sqlite3.Connection, article_id: int, sig: array | None
    ) -> float:
        kept = self._signature_of(conn, self._kept(conn, article_id)["content_hash"])
        return similarity(sig, kept) if sig is not None and kept is not None else 0.0

    @staticmethod
    def _kept(conn: sqlite3.Connection, article_id: int) -> dict:
        cursor = conn.execute(
            "SELECT url, source, title, text, published, content_hash FROM articles WHERE id = ?",
            (article_id,),
        )
        return dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))

    def _index_text(
        self, conn: sqlite3.Connection, article_id: int, digest: str, sig: array | None
    ) -> None:
        """One signature per distinct text; its bands point look-ups at the story."""
        cursor = conn.execute(
            "INSERT OR IGNORE INTO article_signatures (content_hash, article_id, signature)"
            " VALUES (?, ?, ?)",
            (digest, article_id, pack(sig) if sig is not None else b""),
        )
        if cursor.rowcount and sig is not None:
            conn.executemany(
                "INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
                [(band, key, article_id) for band, key in band_keys(sig, self.dedup)],
            )

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
            self._update_article(conn, version.old_article_id, row)
            return version.old_article_id
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = conn.execute(
            f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(row.values())
        )
        return cursor.lastrowid

    @staticmethod
    def _update_article(conn: sqlite3.Connection, article_id: int, row: dict) -> None:
        assignments = ", ".join(f"{name} = ?" for name in row)
        conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*row.values(), article_id))

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
    ) -> None:
        if relation is None:
            kept = self._kept(conn, result.article_id)
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
                1.0 if version.digest == self._kept_hash(conn, result.article_id) else score,
                version.first_seen,
                version.last_seen,
                version.crawl_id,
                version.digest,
                version.kind,
            ),
        )

    @staticmethod
    def _kept_hash(conn: sqlite3.Connection, article_id: int) -> str:
        return conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]

    @staticmethod
    def _touch_url(conn: sqlite3.Connection, version: "_Version") -> None:
        conn.execute(
            "UPDATE article_urls SET last_seen = ?, crawl_id = coalesce(?, crawl_id) WHERE url = ?",
            (version.last_seen, version.crawl_id, version.url),
        )

    @staticmethod
    def _registered_kind(conn: sqlite3.Connection, source: str) -> str:
        row = conn.execute("SELECT kind FROM sources WHERE slug = ?", (source,)).fetchone()
        return row[0] if row else "other"

    def _url_kind(self, conn: sqlite3.Connection, url: str, source: str) -> str:
        row = conn.execute("SELECT source_kind FROM article_urls WHERE url = ?", (url,)).fetchone()
        return row[0] if row and row[0] else self._registered_kind(conn, source)

    def _check_dedup_params(self, conn: sqlite3.Connection) -> None:
        """Signatures made with other settings cannot be compared: refuse, ask for a rebuild."""
        if self._dedup_checked:
            return
        stored = dict(conn.execute("SELECT name, value FROM dedup_params").fetchall())
        if not stored:
            self._write_dedup_params(conn)
        elif stored != self.dedup.index_params():
            raise ArchiveError(
                f"archive {self.path} has a dedup index built with {stored}; run"
                " `archive dedup --rebuild` to use other DEDUP_SHINGLE/HASHES/BANDS settings"
            )
        self._dedup_checked = True

    def _write_dedup_params(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM dedup_params")
        conn.executemany(
            "INSERT INTO dedup_params (name, value) VALUES (?, ?)",
            list(self.dedup.index_params().items()),
        )
        self._dedup_checked = True

    # -- rebuilding the dedup index -------------------------------------------------------------

    @staticmethod
    def _snapshot_versions(conn: sqlite3.Connection) -> None:
        """Copy every URL and captured text aside, then empty the dedup tables."""
        columns = ", ".join(COPY_COLUMNS)
        for statement in (
            "DROP TABLE IF EXISTS temp.rebuild_urls",
            "DROP TABLE IF EXISTS temp.rebuild_texts",
            "CREATE TEMP TABLE rebuild_urls AS SELECT * FROM article_urls",
            f"CREATE TEMP TABLE rebuild_texts AS SELECT 0 AS kept, {columns} FROM article_copies"
            f" UNION ALL SELECT 1, {columns} FROM articles",
            "CREATE INDEX temp.rebuild_texts_url ON rebuild_texts(url)",
            "CREATE INDEX temp.rebuild_texts_hash ON rebuild_texts(content_hash)",
            "DELETE FROM article_bands",
            "DELETE FROM article_signatures",
            "DELETE FROM article_copies",
            "DELETE FROM article_urls",
        ):
            conn.execute(statement)

    def _replay_versions(self, conn: sqlite3.Connection) -> None:
        rows = conn.execute(
            "SELECT url, article_id, source, fetched_url, relation, first_seen, last_seen,"
            " crawl_id, content_hash, source_kind FROM rebuild_urls"
            " ORDER BY relation = 'url-variant', first_seen, url"
        ).fetchall()
        for url, old_id, source, fetched, relation, first, last, crawl_id, digest, kind in rows:
            text = self._snapshot_text(conn, url, digest)
            if text is None:
                continue
            version = _Version(
                url=url,
                fetched_url=fetched,
                source=source,
                kind=kind or self._registered_kind(conn, source),
                row={name: text[name] for name in ARTICLE_COLUMNS},
                digest=digest or text["content_hash"],
                first_seen=first,
                last_seen=last,
                crawl_id=crawl_id,
                old_article_id=old_id,
            )
            if relation == "url-variant":
                self._replay_variant(conn, version)
            else:
                self._store_version(conn, version)

    @staticmethod
    def _snapshot_text(conn: sqlite3.Connection, url: str, digest: str | None) -> dict | None:
        """The version captured at `url`: its own copy, else the text with its hash."""
        for query, params in (
            ("url = ? AND content_hash = coalesce(?, content_hash)", (url, digest)),
            ("content_hash = ? ORDER BY kept DESC", (digest,)),
        ):
            cursor = conn.execute(f"SELECT * FROM rebuild_texts WHERE {query} LIMIT 1", params)
            row = cursor.fetchone()
            if row:
                return dict(zip([c[0] for c in cursor.description], row, strict=True))
        return None

    def _replay_variant(self, conn: sqlite3.Connection, version: "_Version") -> None:
        row = conn.execute(
            "SELECT article_id FROM article_signatures WHERE content_hash = ?", (version.digest,)
        ).fetchone()
        if row:
            self._remember_url(conn, version, StoreResult(row[0], "seen"), "url-variant")

    @staticmethod
    def _dedup_report(conn: sqlite3.Connection, before: set[int], merged: list[int]) -> dict:
        after = {row[0] for row in conn.execute("SELECT id FROM articles")}
        clusters = conn.execute(
            "SELECT count(*) FROM (SELECT article_id FROM article_urls"
            " WHERE relation != 'url-variant' GROUP BY article_id HAVING count(*) > 1)"
        ).fetchone()[0]
        urls = conn.execute("SELECT count(*) FROM article_urls").fetchone()[0]
        return {
            "articles": len(after),
            "clusters": clusters,
            "urls": urls,
            "merged": len(merged),
            "split": len(after - before),
        }

    # -- operations: captures, incremental crawls, versions, crawl processes ---------------

    def set_crawl_process(self, crawl_id: int, pid: int) -> None:
        """Note which process runs a crawl, so a later run can tell a live one from a dead one."""
        with self.transaction() as conn:
            conn.execute("UPDATE crawls SET pid = ? WHERE id = ?", (pid, crawl_id))

    def set_crawl_capture(self, crawl_id: int, warc_file: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE crawls SET warc_file = ? WHERE id = ?", (warc_file, crawl_id))

    def interrupt_stale_crawls(self, source: str, alive=None) -> int:
        """Mark `running` rows of a source whose process is gone as `interrupted`."""
        alive = alive or pid_alive
        rows = self.conn.execute(
            "SELECT id, pid FROM crawls WHERE source = ? AND status = 'running'", (source,)
        ).fetchall()
        stale = [crawl_id for crawl_id, pid in rows if pid is None or not alive(pid)]
        with self.transaction() as conn:
            for crawl_id in stale:
                conn.execute(
                    "UPDATE crawls SET status = 'interrupted', finished = COALESCE(finished, ?)"
                    " WHERE id = ?",
                    (utc_now(), crawl_id),
                )
        return len(stale)

    def record_failed_start(self, source: str, pid: int, status: str, detail: str) -> int:
        """A scheduled crawl process that died before opening its run still leaves a row."""
        crawl_id = self.start_crawl(source, {"scheduled": True, "detail": detail})
        self.set_crawl_process(crawl_id, pid)
        self.finish_crawl(crawl_id, status)
        return crawl_id

    def last_crawl_started(self, source: str) -> datetime | None:
        row = self.conn.execute(
            "SELECT max(started) FROM crawls WHERE source = ?", (source,)
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def crawl_of_process(self, source: str, pid: int) -> int | None:
        row = self.conn.execute(
            "SELECT max(id) FROM crawls WHERE source = ? AND pid = ?", (source, pid)
        ).fetchone()
        return row[0] if row else None

    def count_not_refetched(self, crawl_id: int, skipped: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE crawls SET not_refetched = not_refetched + ? WHERE id = ?",
                (skipped, crawl_id),
            )

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
        digest = content_hash(article.text)
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT a.id, u.url, a.title, a.text, a.published, a.content_hash, a.first_seen"
                " FROM article_urls u JOIN articles a ON a.id = u.article_id"
                " WHERE u.url IN (?, ?) AND u.relation = 'original'",
                _url_keys(url, article, domains),
            ).fetchone()
            if row is None:
                return None
            if row[5] == digest:
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
        conn.execute("UPDATE article_urls SET content_hash = ? WHERE url = ?", (digest, old[1]))
        # The new text must be findable by near-duplicate look-ups like any stored text.
        self._index_text(conn, old[0], digest, signature(article.text, self.dedup))


@dataclass(frozen=True)
class _Version:
    """One captured page, as `store_article` and `rebuild_dedup` cluster it."""

    url: str  # the identity key, see crawler.urls
    fetched_url: str
    source: str
    kind: str
    row: dict  # the `articles` columns of this version
    digest: str
    first_seen: str
    last_seen: str
    crawl_id: int | None
    old_article_id: int | None = None  # the story it belonged to before a rebuild


def _relation(url: str, digest: str | None, relation: str, kept: dict) -> str:
    """How a URL relates to the kept text: original, url-variant, exact or near."""
    if relation == "url-variant":
        return relation
    if url == kept["url"]:
        return "original"
    return "exact" if digest == kept["content_hash"] else "near"


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


def _url_keys(url: str, article: Extracted, domains: Iterable[str]) -> tuple[str, str]:
    """The keys `store_article` files a page under: its page identity and canonical URL."""
    return page_identity(url, article.canonical_url, domains), canonical_url(url)


def pid_alive(pid: int) -> bool:
    """Whether a process of this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
