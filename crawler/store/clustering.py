"""Dedup clustering: which story a new text belongs to, and its entry in the LSH index."""

import sqlite3
from array import array
from collections import Counter
from operator import itemgetter

from crawler.store.connection import ArchiveError, StoreResult
from crawler.store.dedup import DedupSettings, band_keys, pack, signature, similarity, unpack


def band_query(bands: int) -> str:
    """One statement for every band of a text: row order as band-by-band look-ups give it."""
    one = "SELECT article_id FROM article_bands WHERE band = ? AND hash = ?"
    return " UNION ALL ".join([one] * bands)


class Clustering:
    """Near-copy look-ups for new pages, and the index entries that make them possible."""

    # signatures and band keys worker processes computed already, by content hash (a rebuild's
    # or a reextract's batch); texts not in them are signed here
    _known_sigs: dict[str, array | None] = {}
    _known_keys: dict[str, list[tuple[int, int]]] = {}

    def _text_signature(self, text: str, digest: str) -> array | None:
        if digest in self._known_sigs:
            return self._known_sigs[digest]
        return signature(text, self.dedup)

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
        nearest = self._nearest(conn, sig, digest)
        if nearest is None:
            return None
        return StoreResult(nearest, "near", self._similarity_to_kept(conn, nearest, sig))

    def _nearest(self, conn: sqlite3.Connection, sig: array, digest: str) -> int | None:
        """Indexed band look-ups give candidates; their signatures decide (docs/dedup.md)."""
        keys = self._band_keys(sig, digest)
        rows = conn.execute(band_query(len(keys)), [value for key in keys for value in key])
        hits = Counter(map(itemgetter(0), rows))
        best, best_score = None, self.dedup.threshold
        for article_id, _ in hits.most_common(self.dedup.max_candidates):
            score = max(similarity(sig, other) for other in self._signatures(conn, article_id))
            if score >= best_score and (best is None or score > best_score):
                best, best_score = article_id, score
        return best

    def _band_keys(self, sig: array, digest: str) -> list[tuple[int, int]]:
        """A text's band keys: from a rebuild's workers, else computed once per text."""
        known = self._known_keys.get(digest)
        if known is not None:
            return known
        cached: tuple[tuple[str, DedupSettings], list] | None = getattr(self, "_last_keys", None)
        if cached is None or cached[0] != (digest, self.dedup):  # _nearest, then _index_text
            cached = self._last_keys = ((digest, self.dedup), band_keys(sig, self.dedup))
        return cached[1]

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
        kept = self._signature_of(conn, self._kept_identity(conn, article_id)["content_hash"])
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
                [(band, key, article_id) for band, key in self._band_keys(sig, digest)],
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
