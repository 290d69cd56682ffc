"""Operations: WARC capture pointers and digest index, article versions, crawl processes."""

SCHEMA = """
ALTER TABLE article_urls ADD COLUMN warc_file TEXT;
ALTER TABLE article_urls ADD COLUMN warc_offset INTEGER;
ALTER TABLE crawls ADD COLUMN pid INTEGER;
ALTER TABLE crawls ADD COLUMN warc_file TEXT;
ALTER TABLE crawls ADD COLUMN not_refetched INTEGER NOT NULL DEFAULT 0;
CREATE TABLE capture_digests (
    payload_digest TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    captured TEXT NOT NULL,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL
);
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published TEXT,
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    replaced TEXT NOT NULL,
    replaced_by_crawl INTEGER REFERENCES crawls(id)
);
CREATE INDEX article_versions_article ON article_versions(article_id);
CREATE INDEX crawls_status ON crawls(source, status);
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
