"""A plain SQLite file: the search index no longer needs functions only our code registers.

m0003's index derived its folded text through `vn_fold` in a view and in triggers, so a stock
sqlite3 shell or Datasette could neither read `articles_fts` nor update or delete an article.
Now the writer folds (crawler/store/search_index.py) and `articles_fts` stores what it indexes;
`articles_fts_marked` indexes the stored text as it is; the triggers left are plain SQL. Every
article already stored is indexed here, once.
"""

from crawler.store.search_index import index_article

DROPPED = (
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TABLE IF EXISTS articles_fts",
    "DROP VIEW IF EXISTS articles_fts_source",
)
CREATED = (
    # folded title and body, written by the writer; remove_diacritics 2 also lets a stock
    # tool's query typed with marks match (all but đ, which only our folding maps to d)
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    # the stored text with its marks, for exact-mark ranking; plain SQL keeps it in step
    """CREATE VIRTUAL TABLE articles_fts_marked USING fts5(
        title, text, content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 0'
    )""",
    # articles inserted or edited by anything but the writer, until `archive reindex`
    "CREATE TABLE search_stale (article_id INTEGER PRIMARY KEY)",
    """CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO search_stale (article_id) VALUES (new.id);
        INSERT INTO articles_fts_marked (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_search_update AFTER UPDATE OF id, title, text ON articles BEGIN
        INSERT OR IGNORE INTO search_stale (article_id) VALUES (new.id);
        INSERT INTO articles_fts_marked (articles_fts_marked, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts_marked (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
        DELETE FROM search_stale WHERE article_id = old.id;
        INSERT INTO articles_fts_marked (articles_fts_marked, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
    END""",
)


def migrate(conn) -> None:
    for statement in (*DROPPED, *CREATED):
        conn.execute(statement)
    for (article_id,) in conn.execute("SELECT id FROM articles").fetchall():
        index_article(conn, article_id)
    conn.execute("INSERT INTO articles_fts_marked (articles_fts_marked) VALUES ('rebuild')")
