"""Search and browsing: the folded full-text index kept in sync by triggers, and a catalogue view.

`articles_fts` is an external-content FTS5 table over the view `articles_fts_source`, which
derives the indexed forms from `articles` (folded title/body, and the same with marks kept).
The triggers need the SQL functions of `crawler.serve.search.register_functions` on every writing
connection; `crawler.store.connection.connect()` registers them. Because the content is a view, the
whole index can be rebuilt from `articles` at any time: INSERT INTO articles_fts(articles_fts)
VALUES ('rebuild').
"""

import sqlite3

from crawler.serve.search import register_functions

BODY = "{row}.text"  # the lead is the text's first paragraph: indexing it again would skew bm25
INDEXED = (
    "vn_fold({row}.title), vn_fold(" + BODY + "), "
    "vn_normalize({row}.title), vn_normalize(" + BODY + ")"
)
COLUMNS = "title, body, title_marked, body_marked"

STATEMENTS = (
    f"""
CREATE VIEW articles_fts_source (id, {COLUMNS}) AS
    SELECT a.id, {INDEXED.format(row="a")} FROM articles AS a""",
    f"""
CREATE VIRTUAL TABLE articles_fts USING fts5(
    {COLUMNS},
    content = 'articles_fts_source', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
)""",
    f"""
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, {COLUMNS}) VALUES (new.id, {INDEXED.format(row="new")});
END""",
    f"""
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {INDEXED.format(row="old")});
END""",
    f"""
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {INDEXED.format(row="old")});
    INSERT INTO articles_fts (rowid, {COLUMNS}) VALUES (new.id, {INDEXED.format(row="new")});
END""",
    """
CREATE VIEW article_catalogue AS
    SELECT
        a.id,
        a.published,
        substr(a.published, 1, 4) AS year,
        substr(a.published, 1, 7) AS month,
        a.source,
        s.name AS portal,
        s.province,
        a.title,
        a.categories,
        a.url,
        a.first_seen
    FROM articles AS a LEFT JOIN sources AS s ON s.slug = a.source""",
)


def migrate(conn: sqlite3.Connection) -> None:
    register_functions(conn)
    for statement in STATEMENTS:
        conn.execute(statement)
    # Articles stored before this migration are indexed from the view in one pass.
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
