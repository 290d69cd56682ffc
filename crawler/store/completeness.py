"""The completeness account: every article URL a crawl found, and what became of it.

One `discovered_urls` row per article URL and crawl, keyed by the URL as found (canonical
form): how it was found and its outcome. Outcomes: archived (a story of its own, possibly
`doubtful`), merged (into another story: exact or near copy), rejected (not an article: the
rule that fired and its evidence), failed (the failure kind), unchanged (archived before and
not fetched again), variant (an AMP or print view; its article's address was followed).
"""

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.crawl.urls import canonical_url
from crawler.store.connection import StoreResult, utc_now

OUTCOMES = ("archived", "merged", "rejected", "failed", "unchanged", "variant")
STORED_OUTCOMES = {"new": "archived", "seen": "archived", "exact": "merged", "near": "merged"}


@dataclass(frozen=True)
class UrlOutcome:
    source: str
    url: str
    found_by: str
    outcome: str
    rule: str | None = None  # rejected: the rule; failed: the kind; archived/merged: how stored
    detail: str = ""
    article_id: int | None = None
    doubtful: str | None = None

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")


class Completeness:
    """Writing and reading the account; mixed into `Archive`."""

    def account_urls(self, crawl_id: int, outcomes: Iterable[UrlOutcome]) -> None:
        """Record outcomes in one transaction; a URL's last outcome in a crawl wins."""
        rows = [account_row(crawl_id, outcome) for outcome in outcomes]
        if rows:
            with self.transaction() as conn:
                self._account_rows(conn, rows)

    @staticmethod
    def _account_rows(conn: sqlite3.Connection, rows: list[tuple]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO discovered_urls (crawl_id, url, source, found_by, outcome,"
            " rule, detail, article_id, doubtful, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def completeness(self, crawl_id: int) -> dict | None:
        """The `completeness` view's row of one crawl, or None when it found no article URL."""
        return crawl_completeness(self.conn, crawl_id)


def crawl_completeness(conn: sqlite3.Connection, crawl_id: int) -> dict | None:
    cursor = conn.execute("SELECT * FROM completeness WHERE crawl_id = ?", (crawl_id,))
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def urls_with_outcome(
    conn: sqlite3.Connection, crawl_id: int, outcome: str, limit: int = 5
) -> list[tuple[str, str | None, str]]:
    """A few (url, rule, detail) of a crawl's URLs with one outcome, for a warning to show."""
    return conn.execute(
        "SELECT url, rule, detail FROM discovered_urls WHERE crawl_id = ? AND outcome = ?"
        " ORDER BY at, url LIMIT ?",
        (crawl_id, outcome, limit),
    ).fetchall()


def result_outcome(result, stored: StoreResult | None) -> UrlOutcome:
    """The outcome of a writer's `PageResult` whose `discovered` says how it was found."""
    url = result.requested_url or result.url
    if result.failure is not None:
        failure = result.failure
        rejected = failure.kind == "not-article"  # its detail is "<rule>: <evidence>"
        rule = failure.detail.split(":", 1)[0].strip() if rejected else failure.kind
        outcome = "rejected" if rejected else "failed"
        return UrlOutcome(result.source, url, result.discovered, outcome, rule, failure.detail)
    return UrlOutcome(
        result.source,
        url,
        result.discovered,
        STORED_OUTCOMES[stored.outcome],
        rule=stored.outcome,
        article_id=stored.article_id,
        doubtful=result.article.doubtful,
    )


def account_row(crawl_id: int, o: UrlOutcome) -> tuple:
    return (
        crawl_id,
        canonical_url(o.url),
        o.source,
        o.found_by,
        o.outcome,
        o.rule,
        (o.detail or "")[:500],
        o.article_id,
        o.doubtful,
        utc_now(),
    )
