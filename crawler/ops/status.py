"""Crawl health at a glance: per source its last run, next run, yield, errors and warnings.

`STATUS_SQL` is the same overview as a plain query, for a Datasette canned query; the CLI adds
what SQL cannot know (the next due time from the registry's cron schedule) and the warnings
that compare a run with the runs before it.
"""

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crawler.sources import Source
from crawler.store.completeness import crawl_completeness, urls_with_outcome

QUIET_RUNS = 3  # warn when this many runs in a row archived no new article
TEMPLATE_SHARE = 0.5  # warn when at least this share of article pages gave no article …
TEMPLATE_RISE = 0.25  # … and that share rose this much over the runs before
TEMPLATE_MIN_PAGES = 3
ROBOTS_SHARE = 0.25  # warn when robots.txt refuses this share of a run's requests
REJECTED_SHARE = 0.10  # warn when more of the article URLs a run fetched were rejected
REJECTED_SHOWN = 3  # … and show this many of them

STATUS_SQL = """
WITH ranked AS (
    SELECT c.*, ROW_NUMBER() OVER (PARTITION BY source ORDER BY started DESC, id DESC) AS n
    FROM crawls c
),
last_run AS (SELECT * FROM ranked WHERE n = 1),
recent AS (
    SELECT source, COUNT(*) AS runs, SUM(articles_new) AS new_articles
    FROM ranked WHERE n <= 3 GROUP BY source
),
error_kinds AS (
    SELECT e.source, e.kind, COUNT(*) AS count
    FROM crawl_errors e JOIN last_run l ON l.id = e.crawl_id
    WHERE e.kind NOT IN ('not-article') GROUP BY e.source, e.kind
),
errors AS (
    SELECT source, group_concat(kind || ' ' || count, ', ') AS errors_last_run
    FROM error_kinds GROUP BY source
),
totals AS (SELECT source, COUNT(*) AS articles FROM articles GROUP BY source)
SELECT
    s.slug AS source,
    l.id AS last_crawl,
    l.started AS last_run,
    l.status AS result,
    COALESCE(t.articles, 0) AS articles_total,
    l.articles_new AS new_last_run,
    l.not_refetched AS not_refetched_last_run,
    e.errors_last_run,
    ROUND(1.0 * l.not_articles
        / NULLIF(l.not_articles + l.articles_new + l.articles_seen + l.duplicates, 0), 2)
        AS no_article_share,
    cp.discovered AS article_urls_last_run,
    cp.archived AS archived_last_run,
    cp.rejected AS rejected_last_run,
    cp.rejected_by_rule AS rejected_by_rule_last_run,
    CASE WHEN r.runs >= 3 AND r.new_articles = 0
        THEN 'no new articles in the last 3 runs' END AS warning
FROM sources s
LEFT JOIN last_run l ON l.source = s.slug
LEFT JOIN recent r ON r.source = s.slug
LEFT JOIN errors e ON e.source = s.slug
LEFT JOIN totals t ON t.source = s.slug
LEFT JOIN completeness cp ON cp.crawl_id = l.id
ORDER BY s.slug
"""


@dataclass
class SourceStatus:
    source: str
    last_crawl: int | None
    last_run: str | None
    result: str | None
    articles_total: int
    new_last_run: int | None
    errors_last_run: str | None
    next_due: str | None = None
    warnings: list[str] = field(default_factory=list)
    completeness: dict | None = None  # the last run's row of the `completeness` view


def source_status(
    conn: sqlite3.Connection,
    sources: dict[str, Source],
    now: datetime | None = None,
    rejected_share: float = REJECTED_SHARE,
) -> list[SourceStatus]:
    """The overview of `STATUS_SQL`, with next due times, the last run's completeness account
    and the warnings; `rejected_share` is the share of rejected article URLs that warns."""
    now = now or datetime.now(UTC)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(STATUS_SQL).fetchall()
    known = {row["source"] for row in rows}
    statuses = [_status(conn, row, sources.get(row["source"]), now) for row in rows]
    for status in statuses:
        _account(conn, status, rejected_share)
    statuses += [
        SourceStatus(slug, None, None, None, 0, None, None, _next_due(source, None, now))
        for slug, source in sources.items()
        if slug not in known
    ]
    return statuses


def _status(conn, row: sqlite3.Row, source: Source | None, now: datetime) -> SourceStatus:
    runs = conn.execute(
        "SELECT * FROM crawls WHERE source = ? ORDER BY started DESC, id DESC LIMIT 6",
        (row["source"],),
    ).fetchall()
    return SourceStatus(
        source=row["source"],
        last_crawl=row["last_crawl"],
        last_run=row["last_run"],
        result=row["result"],
        articles_total=row["articles_total"],
        new_last_run=row["new_last_run"],
        errors_last_run=row["errors_last_run"],
        next_due=_next_due(source, row["last_run"], now),
        warnings=[
            w for w in (no_links(runs), quiet(runs), template_change(runs), robots(conn, runs)) if w
        ],
    )


def _account(conn: sqlite3.Connection, status: SourceStatus, threshold: float) -> None:
    if status.last_crawl is None:
        return
    status.completeness = crawl_completeness(conn, status.last_crawl)
    if warning := rejected(conn, status.completeness, threshold):
        status.warnings.append(warning)


def rejected(conn: sqlite3.Connection, account: dict | None, threshold: float) -> str | None:
    """More than `threshold` of the article URLs a run fetched rejected as not articles: a
    template the extractor does not know, seen on the first run. Shows a few of them."""
    if not account:
        return None
    fetched = account["discovered"] - account["unchanged"] - account["variants"]
    if not fetched or account["rejected"] / fetched <= threshold:
        return None
    examples = urls_with_outcome(conn, account["crawl_id"], "rejected", REJECTED_SHOWN)
    shown = "; ".join(f"{url} ({detail or rule})" for url, rule, detail in examples)
    return (
        f"{account['rejected']} of {fetched} article URLs rejected as not articles "
        f"({account['rejected'] / fetched:.0%}; {account['rejected_by_rule']}), e.g. {shown}"
    )


def _next_due(source: Source | None, last_run: str | None, now: datetime) -> str | None:
    if source is None or not source.schedule:
        return None
    from crawler.ops.schedule import next_due

    last = datetime.fromisoformat(last_run) if last_run else None
    return next_due(source.schedule, last, now).isoformat(timespec="minutes")


def no_links(runs: list) -> str | None:
    """The last finished run found no article link at all: listings built by JavaScript, a
    moved site, a changed layout. Runs from before links were counted have NULL."""
    last = next((run for run in runs if run["status"] == "finished"), None)
    if last is None or dict(last).get("article_links") != 0:
        return None
    return (
        "no article links found in the last run (listings built by JavaScript? "
        "see needs-browser errors and the `render` option)"
    )


def quiet(runs: list) -> str | None:
    """No new article in the last QUIET_RUNS runs: the portal may have stopped or moved."""
    recent = runs[:QUIET_RUNS]
    if len(recent) == QUIET_RUNS and all(run["articles_new"] == 0 for run in recent):
        return f"no new articles in the last {QUIET_RUNS} runs"
    return None


def no_article_share(run) -> float | None:
    pages = run["not_articles"] + run["articles_new"] + run["articles_seen"] + run["duplicates"]
    return run["not_articles"] / pages if pages >= TEMPLATE_MIN_PAGES else None


def template_change(runs: list) -> str | None:
    """Most article pages gave no article, more than before: likely a new page template."""
    if not runs or (last := no_article_share(runs[0])) is None or last < TEMPLATE_SHARE:
        return None
    before = [s for s in map(no_article_share, runs[1:]) if s is not None]
    if before and last - sum(before) / len(before) < TEMPLATE_RISE:
        return None
    return f"{last:.0%} of article pages gave no article in the last run (template change?)"


def robots(conn: sqlite3.Connection, runs: list) -> str | None:
    """robots.txt refusing more than before, or a large share of what we asked for.

    A portal that always disallows its search pages is no news; one that starts refusing
    its articles, or refuses most of a crawl, is."""
    if not runs:
        return None
    counts = [_robots_count(conn, run["id"]) for run in runs[:2]]
    last = counts[0]
    rising = len(counts) > 1 and last > counts[1]
    share = last / max(1, (runs[0]["pages"] or 0) + last)
    if not last or not rising and share < ROBOTS_SHARE:
        return None
    since = "now " if rising else ""
    return f"robots.txt {since}disallows us: {last} requests refused in the last run"


def _robots_count(conn: sqlite3.Connection, crawl_id: int) -> int:
    return conn.execute(
        "SELECT COUNT(*) FROM crawl_errors WHERE crawl_id = ? AND kind = 'robots'", (crawl_id,)
    ).fetchone()[0]


def format_status(status: SourceStatus) -> list[str]:
    """Lines for the terminal: one summary line, then one line per warning."""
    if status.last_crawl is None:
        head = f"{status.source}: never crawled"
    else:
        head = (
            f"{status.source}: last run {status.last_run} {status.result} "
            f"(crawl {status.last_crawl}), {status.articles_total} articles, "
            f"{status.new_last_run} new in last run"
        )
    if status.next_due:
        head += f", next due {status.next_due}"
    lines = [head]
    if status.completeness:
        lines.append(f"  article URLs in last run: {account_line(status.completeness)}")
    if status.errors_last_run:
        lines.append(f"  errors in last run: {status.errors_last_run}")
    lines += [f"  WARNING: {warning}" for warning in status.warnings]
    return lines


def account_line(account: dict) -> str:
    """One line of a run's completeness account."""
    line = (
        f"{account['discovered']} found (sitemap {account['by_sitemap']}, feed "
        f"{account['by_feed']}, listing {account['by_listing']}): {account['archived']} archived"
        f" ({account['doubtful']} doubtful), {account['merged']} merged, "
        f"{account['rejected']} rejected"
    )
    if account["rejected_by_rule"]:
        line += f" ({account['rejected_by_rule']})"
    line += f", {account['failed']} failed"
    if account["failed_by_kind"]:
        line += f" ({account['failed_by_kind']})"
    return line + f", {account['unchanged']} unchanged, {account['variants']} AMP/print views"
