"""Completeness: every article URL a crawl found with what became of it, and doubtful articles.

`discovered_urls` holds one row per article URL per crawl: how it was found (sitemap, feed,
listing, postback) and its outcome (archived, merged, rejected, failed, unchanged, variant) with
the rule or failure kind. `completeness` sums it per crawl. `doubtful` on articles and their
copies names the rejection rule that extraction overruled because the page was expected to be
an article (NULL: extraction was sure).
"""

SCHEMA = """
ALTER TABLE articles ADD COLUMN doubtful TEXT;
ALTER TABLE article_copies ADD COLUMN doubtful TEXT;
CREATE TABLE discovered_urls (
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    url TEXT NOT NULL,
    source TEXT NOT NULL,
    found_by TEXT NOT NULL,
    outcome TEXT NOT NULL,
    rule TEXT,
    detail TEXT,
    article_id INTEGER,
    doubtful TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (crawl_id, url)
);
CREATE INDEX discovered_urls_outcome ON discovered_urls(crawl_id, outcome);
CREATE VIEW completeness AS
SELECT
    d.crawl_id,
    d.source,
    COUNT(*) AS discovered,
    SUM(d.found_by = 'sitemap') AS by_sitemap,
    SUM(d.found_by = 'feed') AS by_feed,
    SUM(d.found_by NOT IN ('sitemap', 'feed')) AS by_listing,
    SUM(d.outcome = 'archived') AS archived,
    SUM(d.outcome = 'archived' AND d.doubtful IS NOT NULL) AS doubtful,
    SUM(d.outcome = 'merged') AS merged,
    SUM(d.outcome = 'rejected') AS rejected,
    SUM(d.outcome = 'failed') AS failed,
    SUM(d.outcome = 'unchanged') AS unchanged,
    SUM(d.outcome = 'variant') AS variants,
    (SELECT group_concat(rule || ' ' || n, ', ') FROM (
        SELECT r.rule, COUNT(*) AS n FROM discovered_urls r
        WHERE r.crawl_id = d.crawl_id AND r.outcome = 'rejected'
        GROUP BY r.rule ORDER BY n DESC, r.rule)) AS rejected_by_rule,
    (SELECT group_concat(rule || ' ' || n, ', ') FROM (
        SELECT f.rule, COUNT(*) AS n FROM discovered_urls f
        WHERE f.crawl_id = d.crawl_id AND f.outcome = 'failed'
        GROUP BY f.rule ORDER BY n DESC, f.rule)) AS failed_by_kind
FROM discovered_urls d
GROUP BY d.crawl_id, d.source
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
