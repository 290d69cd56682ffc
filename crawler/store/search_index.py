"""The search index: the folded form of each article, computed here and stored in FTS5.

`articles_fts` is an ordinary FTS5 table holding, per article id, the title and body folded
(marks removed, đ → d, lower case). The writer fills it in the transaction that writes the
article, so the file needs no function of ours: the sqlite3 shell, pandas or a stock Datasette
read it and run MATCH on folded words. `articles_fts_marked` indexes the stored text with its
marks (external content over `articles`, kept by plain-SQL triggers): a query typed with marks
ranks exact-mark matches first through it.

Plain-SQL triggers keep the folded index honest when someone edits `articles` by hand: a
deleted article leaves it at once, and an inserted or edited one is listed in `search_stale`
(its old entry stays) until `Archive.reindex()` (`archive reindex`) folds it again.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from crawler.extract.vietnamese import fold_vietnamese, normalize_text

INDEX_COLUMNS = ("title", "body")
WITHDRAWN_IDS = "SELECT article_id FROM withdrawals WHERE restored_at IS NULL"


def indexed_forms(title: str | None, text: str | None) -> tuple[str, str]:
    """What the index holds for one article: its title and body folded.

    The lead is the text's first paragraph already: indexing it again would skew bm25.
    """
    return (
        fold_vietnamese(normalize_text(title or "")),
        fold_vietnamese(normalize_text(text or "")),
    )


def index_article(
    conn: sqlite3.Connection,
    article_id: int,
    bodies: dict[str, str] | None = None,
    forms: tuple[str, str] | None = None,
) -> None:
    """(Re)write one article's index entry from its stored row, inside the caller's transaction.

    A withdrawn or deleted article is only taken out of the index. `bodies` may hold texts
    folded already (by worker processes), by content hash; `forms` are the row's
    `indexed_forms` when computed already (by the crawl's extraction worker).
    """
    conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (article_id,))
    conn.execute("DELETE FROM search_stale WHERE article_id = ?", (article_id,))
    row = conn.execute(
        "SELECT title, text, content_hash FROM articles"
        f" WHERE id = ? AND id NOT IN ({WITHDRAWN_IDS})",
        (article_id,),
    ).fetchone()
    if row is None:
        return
    title, text, digest = row
    if forms is None:
        body = (bodies or {}).get(digest)
        forms = indexed_forms(title, text) if body is None else (indexed_forms(title, "")[0], body)
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (article_id, *forms)
    )


def stale_ids(conn: sqlite3.Connection, everything: bool = False) -> list[int]:
    """Article ids whose entry is missing or outdated; every article (and orphan) if asked."""
    if everything:
        query = "SELECT id FROM articles UNION SELECT rowid FROM articles_fts"
    else:
        query = (
            "SELECT article_id FROM search_stale"
            " UNION SELECT id FROM articles WHERE id NOT IN (SELECT rowid FROM articles_fts)"
            f"   AND id NOT IN ({WITHDRAWN_IDS})"
            " UNION SELECT rowid FROM articles_fts WHERE rowid NOT IN (SELECT id FROM articles)"
            f" UNION SELECT rowid FROM articles_fts WHERE rowid IN ({WITHDRAWN_IDS})"
        )
    return [row[0] for row in conn.execute(query)]


class SearchIndex:
    """The `Archive` part that keeps `articles_fts` in step with `articles`."""

    _deferred_index: set[int] | None = None  # a dedup rebuild indexes its stories at the end
    _known_bodies: dict[str, str] = {}  # texts folded by worker processes, by content hash
    # a writer's group: article id → its forms if known (None: fold the stored row), written
    # after the group's results (see `_index_group`)
    _group_index: dict[int, tuple[str, str] | None] | None = None

    def _index_article(
        self, conn: sqlite3.Connection, article_id: int, forms: tuple[str, str] | None = None
    ) -> None:
        if self._deferred_index is not None:
            self._deferred_index.add(article_id)
        elif self._group_index is not None:
            self._group_index[article_id] = forms  # the last write of the row in the group wins
        else:
            index_article(conn, article_id, self._known_bodies, forms)

    @contextmanager
    def _index_group(self, conn: sqlite3.Connection) -> Iterator[None]:
        """Index a group's articles after all its results, in id order, in its transaction.

        FTS5 writes what it holds in memory out as a new segment at savepoints (each
        result's, and those SQLite opens for statements inside the transaction), so an entry
        written amid a result's statements cost a segment (and merges) per article; written
        together they make one per group. An entry of a result rolled back finds no row
        (nothing is written) or the row as it was (its entry is written again, unchanged).
        """
        if self._deferred_index is not None or self._group_index is not None:
            yield  # a rebuild's (or an outer group's) index is written by its owner
            return
        self._group_index = {}
        try:
            yield
            group, self._group_index = self._group_index, None
            for article_id in sorted(group):
                index_article(conn, article_id, self._known_bodies, group[article_id])
        finally:
            self._group_index = None

    def reindex(self, everything: bool = False, batch: int = 500) -> int:
        """Repair the index after hand edits (or rebuild it all); returns the entries redone.

        Works in transactions of `batch` articles, so a crawl writing meanwhile waits briefly.
        """
        ids = stale_ids(self.conn, everything)
        for start in range(0, len(ids), batch):
            with self.transaction() as conn:
                for article_id in ids[start : start + batch]:
                    index_article(conn, article_id)
        if everything:
            with self.transaction() as conn:
                conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
                conn.execute(
                    "INSERT INTO articles_fts_marked (articles_fts_marked) VALUES ('rebuild')"
                )
        return len(ids)

    def stale_search_entries(self) -> int:
        """How many articles the index does not reflect (hand edits not yet reindexed)."""
        return len(stale_ids(self.conn))
