"""Dedup clustering: near-copy look-ups and the rebuild that replays every version."""

import sqlite3
from array import array
from collections import Counter
from dataclasses import replace

from crawler.store.connection import ArchiveError, StoreResult
from crawler.store.dedup import (
    DedupSettings,
    band_keys,
    pack,
    similarity,
    unpack,
)
from crawler.store.rows import ARTICLE_COLUMNS, COPY_COLUMNS, _Version
from crawler.store.signing import BatchSigner

REPLAY_BATCH = 2000  # versions signed together, then stored in order


class Clustering:
    """Near-copy look-ups for new pages, and the rebuild that re-clusters every version."""

    def rebuild_dedup(self, settings: DedupSettings | None = None) -> dict:
        """Re-cluster every captured version with `settings`, without refetching anything.

        Versions are replayed in (first seen, URL) order through the same code path as a crawl,
        so a second run gives the same clusters and the same article ids. Article ids are kept
        where a cluster survives. Returns counts: articles (stories now), clusters (stories
        with more than one URL), urls, merged (articles absorbed by another), split (new
        articles created for versions that no longer match their old story).
        """
        self.dedup = settings or self.dedup
        signer = BatchSigner(self.dedup)
        with self.transaction() as conn:
            before = {row[0] for row in conn.execute("SELECT id FROM articles")}
            stored = dict(conn.execute("SELECT name, value FROM dedup_params").fetchall())
            self._snapshot_versions(conn)
            self._reusable = set(before)
            try:
                self._replay_versions(conn, signer, stored == self.dedup.index_params())
                merged = sorted(self._reusable)
            finally:
                self._reusable = set()
                signer.close()
            conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in merged])
            self._write_dedup_params(conn)
            return self._dedup_report(conn, before, merged)

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
            "DROP TABLE IF EXISTS temp.rebuild_sigs",
            "CREATE TEMP TABLE rebuild_sigs AS SELECT content_hash, signature"
            " FROM article_signatures",
            "CREATE INDEX temp.rebuild_sigs_hash ON rebuild_sigs(content_hash)",
            "DELETE FROM article_bands",
            "DELETE FROM article_signatures",
            "DELETE FROM article_copies",
            "DELETE FROM article_urls",
        ):
            conn.execute(statement)

    def _replay_versions(self, conn: sqlite3.Connection, signer, reuse: bool) -> None:
        """Replay in batches: a batch's texts are signed together (in parallel), then stored."""
        rows = conn.execute(
            "SELECT url, article_id, source, fetched_url, relation, first_seen, last_seen,"
            " crawl_id, content_hash, source_kind FROM rebuild_urls"
            " ORDER BY relation = 'url-variant', first_seen, url"
        ).fetchall()
        for start in range(0, len(rows), REPLAY_BATCH):
            versions = [self._replayed(conn, row) for row in rows[start : start + REPLAY_BATCH]]
            versions = [v for v in versions if v is not None]
            texts = {v[1].digest: v[1].row["text"] for v in versions if v[0] != "url-variant"}
            sigs = signer.sign(conn, texts, reuse)
            for relation, version in versions:
                if relation == "url-variant":
                    self._replay_variant(conn, version)
                else:
                    signed = replace(version, signed=True, sig=sigs[version.digest])
                    self._store_version(conn, signed)

    def _replayed(self, conn: sqlite3.Connection, row: tuple) -> tuple[str, _Version] | None:
        url, old_id, source, fetched, relation, first, last, crawl_id, digest, kind = row
        text = self._snapshot_text(conn, url, digest)
        if text is None:
            return None
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
        return relation, version

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
