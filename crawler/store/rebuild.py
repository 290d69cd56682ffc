"""`archive dedup --rebuild`: every captured version replayed through the crawl's clustering.

The versions are read in batches of `REPLAY_BATCH`. While one batch is stored (one process:
the archive has one writer), the next batch's signatures and band keys are computed by worker
processes (signing.py), so a rebuild with new index parameters keeps both cores busy. The
search index is written once per touched story at the end, and only where the kept title or
text changed. The whole rebuild is one transaction: killed at any moment, the archive is as
it was before.
"""

import sqlite3
from dataclasses import replace

from crawler.store.connection import StoreResult
from crawler.store.dedup import DedupSettings
from crawler.store.rows import ARTICLE_COLUMNS, COPY_COLUMNS, _Version
from crawler.store.search_index import index_article
from crawler.store.signing import BatchSigner

_UPDATE_TRIGGER = "articles_search_update"  # m0009b
REPLAY_BATCH = 2000  # versions signed together, then stored in order
FIRST_BATCH = 250
# what the search index holds of a story: its title and its text (up to whitespace and NFC)
_KEPT_FORM = "coalesce(title, '') || char(0) || content_hash"
_URL_COLUMNS = (
    "url, article_id, source, fetched_url, relation, first_seen, last_seen, crawl_id,"
    " content_hash, source_kind"
)


class DedupRebuild:
    """The `Archive` part that re-clusters every stored version with (new) dedup settings."""

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
        signer.start(self.conn.execute("SELECT count(*) FROM article_urls").fetchone()[0])
        with self.transaction() as conn:
            before = dict(conn.execute(f"SELECT id, {_KEPT_FORM} FROM articles"))
            stale = {row[0] for row in conn.execute("SELECT article_id FROM search_stale")}
            stored = dict(conn.execute("SELECT name, value FROM dedup_params").fetchall())
            self._snapshot_versions(conn)
            self._reusable = set(before)
            self._deferred_index = set()
            trigger = self._suspend_search_trigger(conn)
            try:
                self._replay_versions(conn, signer, stored == self.dedup.index_params())
                merged = sorted(self._reusable)  # never updated: the delete trigger sees the
                touched, self._deferred_index = self._deferred_index, None  # indexed values
                marked_before = self._marked_before
            finally:
                self._reusable = set()
                self._deferred_index = self._marked_before = None
                self._known_keys = {}
                signer.close()
            conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in merged])
            self._reindex_changed(conn, touched - set(merged), before, stale)
            self._resume_search_trigger(conn, trigger, marked_before)
            self._write_dedup_params(conn)
            return self._dedup_report(conn, set(before), merged)

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

    def _replay_versions(self, conn: sqlite3.Connection, signer: BatchSigner, reuse: bool) -> None:
        """Store batch after batch while the workers sign the batch after it."""
        rows = conn.execute(
            f"SELECT {_URL_COLUMNS} FROM rebuild_urls"
            " ORDER BY relation = 'url-variant', first_seen, url"
        )  # read batch by batch: a million URLs need not sit in memory at once
        # a small first batch, so the store starts while the workers sign the next one
        following = rows.fetchmany(FIRST_BATCH)
        coming = self._prepare(conn, signer, following, reuse)
        while coming is not None:
            versions, signing = coming
            following = rows.fetchmany(REPLAY_BATCH)
            coming = self._prepare(conn, signer, following, reuse) if following else None
            signed = signing.result()
            self._known_keys = {digest: keys for digest, (_, keys) in signed.items()}
            for relation, version in versions:
                if relation == "url-variant":
                    self._replay_variant(conn, version)
                else:
                    sig = signed[version.digest][0]
                    self._store_version(conn, replace(version, signed=True, sig=sig))

    def _prepare(self, conn: sqlite3.Connection, signer: BatchSigner, rows: list, reuse: bool):
        """A batch's versions, and its signing started in the workers."""
        versions = [self._replayed(conn, row) for row in rows]
        versions = [v for v in versions if v is not None]
        texts = {v.digest: v.row["text"] for relation, v in versions if relation != "url-variant"}
        return versions, signer.submit(conn, texts, reuse)

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

    def _replay_variant(self, conn: sqlite3.Connection, version: _Version) -> None:
        row = conn.execute(
            "SELECT article_id FROM article_signatures WHERE content_hash = ?", (version.digest,)
        ).fetchone()
        if row:
            self._remember_url(conn, version, StoreResult(row[0], "seen"), "url-variant")

    @staticmethod
    def _reindex_changed(
        conn: sqlite3.Connection, touched: set[int], before: dict, stale: set[int]
    ) -> None:
        """Search entries once per story, for those whose kept title or text changed; a story
        rewritten back to what it was keeps its entry (the update trigger listed it as stale)."""
        for article_id in sorted(touched):
            now = conn.execute(
                f"SELECT {_KEPT_FORM} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if now is None or article_id not in before or now[0] != before[article_id]:
                index_article(conn, article_id)
            elif article_id not in stale:
                conn.execute("DELETE FROM search_stale WHERE article_id = ?", (article_id,))

    def _suspend_search_trigger(self, conn: sqlite3.Connection) -> str | None:
        """Drop the trigger that re-indexes a story's marked text on every update: a replay
        may pass a story through several kept copies and back. Returns its SQL."""
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_UPDATE_TRIGGER,)
        ).fetchone()
        if row is None:
            return None
        conn.execute(f"DROP TRIGGER {_UPDATE_TRIGGER}")
        self._marked_before = {}
        return row[0]

    @staticmethod
    def _resume_search_trigger(
        conn: sqlite3.Connection, trigger: str | None, marked_before: dict | None
    ) -> None:
        """The marked index entry of every story whose title or text ended up different, then
        the trigger again (all in the rebuild's transaction)."""
        if trigger is None:
            return
        for article_id, old in sorted((marked_before or {}).items()):
            now = conn.execute(
                "SELECT title, text FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if now is None or tuple(now) == tuple(old):
                continue
            conn.execute(
                "INSERT INTO articles_fts_marked (articles_fts_marked, rowid, title, text)"
                " VALUES ('delete', ?, ?, ?)",
                (article_id, *old),
            )
            conn.execute(
                "INSERT INTO articles_fts_marked (rowid, title, text) VALUES (?, ?, ?)",
                (article_id, *now),
            )
        conn.execute(trigger)

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
