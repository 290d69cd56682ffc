"""Rendered pages: one row per page rendered in the browser, and each run's article links.

`crawls.article_links` stays NULL on runs that did not count (runs before this migration,
runs recorded by other tools), so the status warning about no article links never fires on
them.
"""

SCHEMA = """
ALTER TABLE crawls ADD COLUMN article_links INTEGER;
CREATE TABLE renders (
    id INTEGER PRIMARY KEY,
    crawl_id INTEGER REFERENCES crawls(id),
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    load_more TEXT NOT NULL,
    endpoints TEXT NOT NULL,
    browser_responses INTEGER NOT NULL,
    blocked INTEGER NOT NULL,
    article_links INTEGER NOT NULL,
    seconds REAL NOT NULL,
    warc_file TEXT,
    warc_offset INTEGER,
    at TEXT NOT NULL
);
CREATE INDEX renders_crawl ON renders(crawl_id);
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
