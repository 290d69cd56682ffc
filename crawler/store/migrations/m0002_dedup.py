"""Story deduplication: every captured version, MinHash signatures and their LSH band index.

`article_copies` keeps each captured version that differs from the kept text (keyed by the URL
it came from), `article_signatures` one signature per distinct text, and `article_bands` the
band keys that make a near-duplicate look-up a few indexed reads at any archive size.
Articles stored before this migration get signatures from `rebuild_dedup`.
"""

SCHEMA = """
ALTER TABLE crawls ADD COLUMN exact_duplicates INTEGER NOT NULL DEFAULT 0;
ALTER TABLE crawls ADD COLUMN near_duplicates INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_urls ADD COLUMN content_hash TEXT;
ALTER TABLE article_urls ADD COLUMN source_kind TEXT;
UPDATE article_urls SET content_hash = (
    SELECT content_hash FROM articles WHERE articles.id = article_urls.article_id
);
CREATE TABLE article_copies (
    url TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    lead TEXT,
    text TEXT NOT NULL,
    published TEXT,
    updated TEXT,
    author TEXT,
    source_line TEXT,
    language TEXT,
    categories TEXT,
    tags TEXT,
    image TEXT,
    description TEXT,
    captions TEXT,
    first_seen TEXT NOT NULL
);
CREATE INDEX article_copies_article ON article_copies(article_id);
CREATE INDEX article_copies_hash ON article_copies(content_hash);
CREATE TABLE article_signatures (
    content_hash TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    signature BLOB NOT NULL
);
CREATE INDEX article_signatures_article ON article_signatures(article_id);
CREATE TABLE article_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;
CREATE TABLE dedup_params (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
