"""The foundation schema: portals, crawl runs, their errors, articles and every URL seen."""

SCHEMA = """
CREATE TABLE sources (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    province TEXT NOT NULL,
    kind TEXT NOT NULL,
    home_url TEXT NOT NULL,
    checked_live INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE crawls (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    pages INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER NOT NULL DEFAULT 0,
    articles_seen INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    not_articles INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    settings TEXT
);
CREATE INDEX crawls_source ON crawls(source, started);
CREATE TABLE crawl_errors (
    id INTEGER PRIMARY KEY,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    status INTEGER,
    detail TEXT,
    at TEXT NOT NULL
);
CREATE INDEX crawl_errors_crawl ON crawl_errors(crawl_id, kind);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    source TEXT NOT NULL,
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
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    crawl_id INTEGER REFERENCES crawls(id)
);
CREATE INDEX articles_source_published ON articles(source, published);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE TABLE article_urls (
    url TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    source TEXT NOT NULL,
    fetched_url TEXT NOT NULL,
    relation TEXT NOT NULL,
    similarity REAL NOT NULL DEFAULT 1.0,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    crawl_id INTEGER REFERENCES crawls(id)
);
CREATE INDEX article_urls_article ON article_urls(article_id);
CREATE INDEX article_urls_source ON article_urls(source);
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
