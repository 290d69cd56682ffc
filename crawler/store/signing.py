"""Dedup signatures and band keys for many texts at once, for `rebuild_dedup`, in workers.

A MinHash signature costs a hash per shingle in Python, about a millisecond for an article:
computed one by one on the process that stores, it made a rebuild with new index parameters
run at about a hundred versions a second. Here a batch is split into chunks signed by worker
processes, one per CPU, while the caller stores the previous batch (`submit` returns at once,
`Signing.result` waits). When the index parameters are unchanged a stored signature is still
right for its text and is reused; the workers then only compute its band keys.
"""

import os
import sqlite3
from array import array
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context

from crawler.store.connection import rows_where_in
from crawler.store.dedup import DedupSettings, band_keys, signature, unpack

# Fewer texts than this are signed inline: starting processes would cost more.
POOL_THRESHOLD = 200
Signed = tuple[array | None, list[tuple[int, int]]]  # a text's signature and its band keys


def sign_items(items: list[str | bytes], settings: DedupSettings) -> list[Signed]:
    """In a worker: a text (str) is signed, a stored signature (bytes, b"" for none) reused."""
    out = []
    for item in items:
        sig = signature(item, settings) if isinstance(item, str) else unpack(item) if item else None
        out.append((sig, band_keys(sig, settings) if sig is not None else []))
    return out


class Signing:
    """A batch being signed: `result()` gives content hash → (signature, band keys)."""

    def __init__(self, digests: list[str], parts: list[Future | list[Signed]]) -> None:
        self.digests = digests
        self.parts = parts

    def result(self) -> dict[str, Signed]:
        signed: list[Signed] = []
        for part in self.parts:
            signed += part.result() if isinstance(part, Future) else part
        return dict(zip(self.digests, signed, strict=True))


class BatchSigner:
    """Signs texts by content hash; `close` ends its workers."""

    def __init__(self, settings: DedupSettings, workers: int | None = None) -> None:
        self.settings = settings
        self.workers = workers or len(os.sched_getaffinity(0))
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, conn: sqlite3.Connection, texts: dict[str, str], reuse: bool) -> Signing:
        """Start signing `texts` (content hash → text); stored signatures reused when `reuse`."""
        stored = self._stored(conn, list(texts)) if reuse else {}
        digests = list(texts)
        items = [stored.get(digest, texts[digest]) for digest in digests]
        if len(items) < POOL_THRESHOLD or self.workers < 2:
            return Signing(digests, [sign_items(items, self.settings)])
        pool = self._pool()
        size = -(-len(items) // (self.workers * 2))
        parts = [
            pool.submit(sign_items, items[start : start + size], self.settings)
            for start in range(0, len(items), size)
        ]
        return Signing(digests, parts)

    def start(self, texts: int) -> None:
        """Start the workers now when `texts` will need them: they spawn and import while the
        caller prepares its first batch."""
        if texts >= POOL_THRESHOLD and self.workers >= 2:
            self._pool().submit(int)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
        return self.pool

    @staticmethod
    def _stored(conn: sqlite3.Connection, digests: list[str]) -> dict[str, bytes]:
        query = "SELECT content_hash, signature FROM rebuild_sigs WHERE content_hash IN ({marks})"
        rows = rows_where_in(conn, query, digests)
        return {digest: bytes(blob or b"") for digest, blob in rows}
