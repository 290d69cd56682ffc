"""Dedup signatures for many texts at once, for `rebuild_dedup`: reused or computed in parallel.

A MinHash signature costs a hash per shingle in Python, a few milliseconds for a long article:
computed one by one on one core, it made a rebuild run at a few hundred versions a second.
When the index parameters are unchanged a stored signature is still right for its text and is
reused; the others are computed in batches by worker processes, one per CPU.
"""

import os
import sqlite3
from array import array
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from multiprocessing import get_context

from crawler.store.dedup import DedupSettings, signature, unpack

# Fewer texts than this are signed inline: starting processes would cost more.
POOL_THRESHOLD = 200


class BatchSigner:
    """Signs texts by content hash; `close` ends its workers."""

    def __init__(self, settings: DedupSettings, workers: int | None = None) -> None:
        self.settings = settings
        self.workers = workers or len(os.sched_getaffinity(0))
        self.pool: ProcessPoolExecutor | None = None

    def sign(
        self, conn: sqlite3.Connection, texts: dict[str, str], reuse: bool
    ) -> dict[str, array | None]:
        """Signatures of `texts` (content hash → text); stored ones reused when `reuse`."""
        signed = self._stored(conn, list(texts)) if reuse else {}
        missing = [digest for digest in texts if digest not in signed]
        if len(missing) < POOL_THRESHOLD or self.workers < 2:
            signed |= {digest: signature(texts[digest], self.settings) for digest in missing}
            return signed
        pool = self._pool()
        chunk = max(1, len(missing) // (self.workers * 4))
        todo = [texts[digest] for digest in missing]
        sigs = pool.map(signature, todo, repeat(self.settings), chunksize=chunk)
        signed |= dict(zip(missing, sigs, strict=True))
        return signed

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
        return self.pool

    @staticmethod
    def _stored(conn: sqlite3.Connection, digests: list[str]) -> dict[str, array | None]:
        found: dict[str, array | None] = {}
        for start in range(0, len(digests), 500):
            part = digests[start : start + 500]
            marks = ", ".join("?" for _ in part)
            rows = conn.execute(
                f"SELECT content_hash, signature FROM rebuild_sigs WHERE content_hash IN ({marks})",
                part,
            )
            found |= {digest: unpack(blob) if blob else None for digest, blob in rows}
        return found
