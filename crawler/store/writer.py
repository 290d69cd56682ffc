"""The one archive writer: results applied in groups, one transaction per group.

A transaction with `synchronous=FULL` costs an fsync; one per article made the crawl's writes
its bottleneck. `ArchiveWriter.apply` files a whole group of `PageResult`s and `Counts` in one
transaction through the same code a single `store_article` runs, so each article is still
whole or absent after a crash, and the seen-state the next run consults (`article_urls`,
`crawl_errors`, `capture_digests`) is committed with the article it describes.

Each result gets a savepoint: a result the archive refuses for its own reasons (a bug, a
constraint) is rolled back alone and recorded as a `store-error` for its crawl, so it is
neither lost silently nor the end of the group. A storage failure (full disk, read-only file)
rolls back the whole group and raises `ArchiveError`: nothing after it can be stored either.

`WriterThread` (crawler.store.writer_thread) runs one on a thread of its own behind a
bounded queue.
"""

import logging
import sqlite3
from array import array
from collections import Counter
from collections.abc import Sequence

from crawler.store.archive import Archive
from crawler.store.completeness import UrlOutcome, account_row, result_outcome
from crawler.store.connection import ArchiveError, StoreResult, is_storage_failure
from crawler.store.dedup import content_hash, unpack
from crawler.store.results import Accounted, Counts, PageResult, Rendered, Result

logger = logging.getLogger(__name__)

STORE_ERROR = "store-error"


class ArchiveWriter:
    """Applies results to an open archive, a group per transaction."""

    def __init__(self, archive: Archive, *, refresh: bool = True) -> None:
        self.archive = archive
        # each result's savepoint keeps the pages it changes in a sub-journal; past 64 KiB
        # (an article, its FTS5 segments and its indexes) SQLite spills that to a temp file
        archive.conn.execute("PRAGMA temp_store = MEMORY")
        self.refresh = refresh  # keep a re-fetched page's old text as a version when it changed
        self.outcomes: Counter[str] = Counter()  # "new", "seen", …, "failure", "page", STORE_ERROR

    def apply(self, results: Sequence[Result]) -> list[StoreResult | None]:
        """Store a group in one transaction; one entry per result (a StoreResult for articles)."""
        if not results:
            return []
        with self.archive.transaction() as conn, self.archive._index_group(conn):
            stored = [self._apply_one(conn, result) for result in results]
        for result, outcome in zip(results, stored, strict=True):
            self.outcomes[_outcome_name(result, outcome)] += 1
        return stored

    def _apply_one(self, conn: sqlite3.Connection, result: Result) -> StoreResult | None:
        conn.execute("SAVEPOINT result")
        try:
            stored = self._store(conn, result)
        except Exception as exc:
            conn.execute("ROLLBACK TO result")
            conn.execute("RELEASE result")
            if isinstance(exc, ArchiveError) or is_storage_failure(exc):
                raise
            if not isinstance(result, PageResult) or result.crawl_id is None:
                raise
            logger.exception("cannot store %s", result.url)
            self.archive._record_error(
                conn, result.crawl_id, result.source, result.url, STORE_ERROR, repr(exc)
            )
            return None
        conn.execute("RELEASE result")
        return stored

    def _store(self, conn: sqlite3.Connection, result: Result) -> StoreResult | None:
        if isinstance(result, Counts):
            self.archive._count(conn, result.crawl_id, result.increments)
            return None
        if isinstance(result, Accounted):
            outcome = UrlOutcome(
                result.source, result.url, result.discovered, result.outcome, detail=result.detail
            )
            self.archive._account_rows(conn, [account_row(result.crawl_id, outcome)])
            return None
        if isinstance(result, Rendered):
            self.archive._record_render(conn, result.crawl_id, result)
            return None
        capture = result.capture
        if capture is not None and capture.payload_digest and not capture.revisit:
            self.archive._remember_payload(
                conn,
                capture.payload_digest,
                result.url,
                capture.date or result.fetched,
                capture.warc_file,
                capture.offset,
            )
        if result.failure is not None:
            failure = result.failure
            if result.crawl_id is not None:
                self.archive._record_error(
                    conn,
                    result.crawl_id,
                    result.source,
                    result.url,
                    failure.kind,
                    failure.detail,
                    failure.status,
                    result.fetched,
                )
                self._account(conn, result, None)
            return None
        if result.article is None:
            return None
        stored = self._store_article(conn, result)
        self._account(conn, result, stored)
        return stored

    def _account(self, conn: sqlite3.Connection, result: PageResult, stored) -> None:
        """An article candidate's line in the completeness account, in the same transaction."""
        if result.discovered and result.crawl_id is not None:
            outcome = result_outcome(result, stored)
            self.archive._account_rows(conn, [account_row(result.crawl_id, outcome)])

    def _store_article(self, conn: sqlite3.Connection, result: PageResult) -> StoreResult:
        archive, article, domains = self.archive, result.article, result.allowed_domains
        digest, signed, sig = self._keys(result)
        forms = result.keys.search_forms if result.keys is not None else None
        if self.refresh:
            refreshed = archive._refresh_article(
                conn, result.crawl_id, result.url, article, domains, digest
            )
            if refreshed == "changed":  # the old text is kept as a version
                self.outcomes["text-changed"] += 1
        stored = archive._store_article(
            conn,
            result.crawl_id,
            result.source,
            result.url,
            article,
            result.requested_url,
            result.source_kind,
            domains,
            result.fetched,
            digest,
            signed,
            sig,
            forms,
        )
        if result.capture is not None:
            capture = result.capture
            archive._set_capture(
                conn, result.url, article, domains, capture.warc_file, capture.offset
            )
        return stored

    def _keys(self, result: PageResult) -> tuple[str, bool, array | None]:
        """The text's content hash and, if signed under our dedup settings, its signature:
        from the result when the extraction worker computed them, else computed here once."""
        keys = result.keys
        if keys is None:
            return content_hash(result.article.text), False, None
        if keys.signing_key != self.archive.dedup.signing_key:
            return keys.content_hash, False, None
        return keys.content_hash, True, unpack(keys.signature) if keys.signature else None


def _outcome_name(result: Result, outcome: StoreResult | None) -> str:
    if isinstance(result, Counts):
        return "counts"
    if isinstance(result, Accounted):
        return "accounted"
    if isinstance(result, Rendered):
        return "rendered"
    if outcome is not None:
        return outcome.outcome
    if result.article is not None:
        return STORE_ERROR
    return result.kind
