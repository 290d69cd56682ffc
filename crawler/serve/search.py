"""Folded full-text search over the archive: one query language for the CLI, Python and Datasette.

Researchers type with or without diacritics, in old or new tone placement, NFC or NFD. The
index `articles_fts` holds each article twice: folded (marks removed, đ → d) so "phuoc son"
finds "Phước Sơn", and with its marks so a query typed with marks ranks exact-mark matches
first. User input never reaches FTS5 syntax raw: it is parsed into quoted terms, phrases and
prefixes here, so a stray `"`, `-` or `AND` is only a word.
"""

import itertools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.extract.vietnamese import canonical_tones, fold_vietnamese, normalize_text
from crawler.terminal import safe_for_terminal

FOLDED_COLUMNS = "{title body}"
MARKED_COLUMNS = "{title text}"  # of articles_fts_marked
MATCH_NOTHING = '""'  # an empty phrase: valid FTS5 that matches no row
MAX_LIMIT = 1000
SNIPPET_BEFORE = 80
SNIPPET_AFTER = 200
HIT_OPEN, HIT_CLOSE = "**", "**"

_CHUNK = re.compile(r'"(?P<phrase>[^"]*)(?:"|$)|(?P<bare>[^\s"]+)')
_WORD = re.compile(r"[^\W_]+")
# an open syllable toned on its first vowel, in NFD (the mark right after the vowel)
_CLASSIC_TONED = re.compile(
    r"(?<![^\W\d_])(?P<head>[^\W\d_]*?)(?P<v1>[ou])(?P<tone>[\u0300\u0301\u0303\u0309\u0323])"
    r"(?P<v2>[aey])(?![^\W\d_]|[\u0300-\u036f])"
)  # what FTS5's unicode61 tokenizer keeps as a token
# The one search statement: `search_articles` runs it and metadata.yml carries it as the
# "search" canned query (a test keeps the two identical). Empty filters mean "any".
# Speed (docs/search.md): matches are ranked inside the index alone; filters become one set of
# rowids read from the covering index articles_source_published, and only when a filter is
# given; `articles` (whose source and published lie past the long text) is read for the
# `limit` rows shown only.
SEARCH_SQL = """
select
  row_number() over (order by hits.exact desc, hits.rank) as rank,
  hits.id as article,
  a.title,
  a.url,
  a.source,
  s.province,
  s.province_now,
  a.published,
  vn_snippet(a.text, :q) as snippet,
  cast(round(100.0 * hits.rank / nullif(min(hits.rank) over (), 0)) as integer) as relevance,
  hits.exact
from (
  select
    rowid as id,
    bm25(articles_fts, 10.0, 1.0) as rank,
    rowid in (
      select rowid from articles_fts_marked where articles_fts_marked match vn_fts_query(:q, 1)
    ) as exact
  from articles_fts
  where articles_fts match vn_fts_query(:q, 0)
    and (
      coalesce(:source, '') || coalesce(:province, '') || coalesce(:since, '')
        || coalesce(:until, '') = ''
      or +rowid in (
        select f.id from articles f
        where (coalesce(:source, '') = '' or f.source = :source)
          and (coalesce(:province, '') = '' or f.source in (
            select slug from sources
            where vn_fold(province) = vn_fold(:province)
              or vn_fold(province_now) = vn_fold(:province)
          ))
          and (coalesce(:since, '') = '' or f.published >= :since)
          and (coalesce(:until, '') = '' or substr(f.published, 1, 10) <= :until)
      )
    )
  order by exact desc, rank
  limit min(coalesce(cast(nullif(:limit, '') as integer), 100), 1000)
) as hits
join articles a on a.id = hits.id
left join sources s on s.slug = a.source
order by hits.exact desc, hits.rank
""".strip()


@dataclass(frozen=True)
class QueryItem:
    """One unit of a query: a word, a quoted phrase, or a `word*` prefix."""

    marked: tuple[str, ...]  # NFC, classic tone placement, lower-case
    folded: tuple[str, ...]
    prefix: bool = False

    @property
    def has_marks(self) -> bool:
        return self.marked != self.folded


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _item(text: str, prefix: bool) -> QueryItem | None:
    marked = _words(canonical_tones(normalize_text(text)).lower())
    if not marked:
        return None
    return QueryItem(marked, _words(fold_vietnamese(" ".join(marked))), prefix)


def parse_query(query: str) -> list[QueryItem]:
    """Split user input into items; anything that is not a word is dropped, never interpreted."""
    items = []
    for chunk in _CHUNK.finditer(normalize_text(query)):
        if chunk["phrase"] is not None:
            item = _item(chunk["phrase"], prefix=False)
        else:
            item = _item(chunk["bare"], prefix=chunk["bare"].endswith("*"))
        if item is not None:
            items.append(item)
    return items


def _phrase(words: tuple[str, ...], prefix: bool) -> str:
    return '"' + " ".join(words) + '"' + (" *" if prefix else "")


def tone_variants(word: str) -> tuple[str, ...]:
    """A marked word in the classic tone placement and, for an open oa/oe/uy syllable, the
    modern one too: the marked index holds the portal's own placement ("hoà" or "hòa")."""
    classic = canonical_tones(word)
    modern = unicodedata.normalize(
        "NFC", _CLASSIC_TONED.sub(_modern_tone, unicodedata.normalize("NFD", classic))
    )
    return (classic,) if modern == classic else (classic, modern)


def _modern_tone(match: re.Match) -> str:
    pair = (match["v1"] + match["v2"]).lower()
    if pair not in ("oa", "oe", "uy") or match["head"].lower().endswith("q"):
        return match[0]
    return match["head"] + match["v1"] + match["v2"] + match["tone"]


def _marked_phrases(item: QueryItem) -> str:
    """One item's marked phrase, or its tone-placement variants ORed (a few at most)."""
    combos = list(itertools.islice(itertools.product(*map(tone_variants, item.marked)), 8))
    phrases = [_phrase(combo, item.prefix) for combo in combos]
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def fts_query(query: str, marked: bool = False) -> str:
    """The FTS5 expression for user input: folded columns, or (marked) only its marked items.

    Every item is ANDed. The marked expression decides which hits are exact-mark matches; when
    the query has no marks it matches nothing.
    """
    items = parse_query(query)
    if marked:
        parts = [f"{MARKED_COLUMNS} : {_marked_phrases(i)}" for i in items if i.has_marks]
    else:
        parts = [f"{FOLDED_COLUMNS} : {_phrase(i.folded, i.prefix)}" for i in items]
    return " AND ".join(parts) or MATCH_NOTHING


def _fold_aligned(text: str) -> str:
    """`fold_vietnamese(text)` with one character per character of `text`, for highlighting."""
    folded = fold_vietnamese(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold_vietnamese(ch) + " ")[0] for ch in text)


@lru_cache(maxsize=64)  # one search asks for a snippet per row with the same query
def _hit_pattern(query: str) -> re.Pattern | None:
    items = parse_query(query)
    # A bare "covid-19*" is two words; only the last is a prefix.
    words = {
        (w, i.prefix and n == len(i.folded) - 1) for i in items for n, w in enumerate(i.folded)
    }
    if not words:
        return None
    alternatives = sorted(
        (re.escape(w) + (r"\w*" if prefix else r"(?!\w)") for w, prefix in words), key=len
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(reversed(alternatives)) + ")")


def snippet(text: str, query: str) -> str:
    """A short passage of `text` around the first hit, hits wrapped in ** **, marks kept."""
    text = text or ""
    pattern = _hit_pattern(query or "")
    folded = _fold_aligned(text)
    first = pattern.search(folded) if pattern else None
    start = max(0, first.start() - SNIPPET_BEFORE) if first else 0
    end = min(len(text), start + SNIPPET_BEFORE + SNIPPET_AFTER)
    if start:
        start = text.find(" ", start) + 1 or start  # begin on a word
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    pieces, last = [], start
    for hit in pattern.finditer(folded, start, end) if pattern else ():
        pieces += [text[last : hit.start()], HIT_OPEN, text[hit.start() : hit.end()], HIT_CLOSE]
        last = hit.end()
    pieces.append(text[last:end])
    body = " ".join("".join(pieces).split())
    return ("… " if start else "") + body + (" …" if end < len(text) else "")


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the search index and queries need; every connection must have them.

    `vn_fold` and `vn_normalize` feed the index triggers, so a writing connection without them
    cannot insert an article (SQLite says "no such function") rather than silently skip it.
    """
    conn.create_function(
        "vn_fold", 1, _null_safe(lambda t: fold_vietnamese(normalize_text(t))), deterministic=True
    )
    # the marked column compares tone placements as equal ("hoà" finds "hòa"), like the query
    conn.create_function(
        "vn_normalize",
        1,
        _null_safe(lambda t: canonical_tones(normalize_text(t))),
        deterministic=True,
    )
    conn.create_function(
        "vn_fts_query", 2, lambda q, m: fts_query(q or "", bool(m)), deterministic=True
    )
    conn.create_function("vn_snippet", 2, snippet, deterministic=True)


def _null_safe(function):
    return lambda value: None if value is None else function(str(value))


def _read_only(db_path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    register_functions(conn)
    return conn


def search_articles(
    db_path_or_conn: str | Path | sqlite3.Connection,
    query: str,
    *,
    source: str | None = None,
    province: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> list[dict]:
    """Articles matching `query`, best first: exact-mark matches, then bm25 (title ×10).

    Returns dicts with rank (1 = best), id, title, url, source, province, published, snippet and
    relevance (bm25 as a percentage of the best hit's). `since`/`until` are inclusive ISO dates
    on `published`; `province` matches the province then or now (2025 mergers).
    """
    if not parse_query(query):
        return []
    own = not isinstance(db_path_or_conn, sqlite3.Connection)
    conn = _read_only(db_path_or_conn) if own else db_path_or_conn
    if not own:
        register_functions(conn)
    params = {
        "q": query,
        "source": source or "",
        "province": province or "",
        "since": since or "",
        "until": until or "",
        "limit": str(max(1, min(limit, MAX_LIMIT))),
    }
    try:
        cursor = conn.execute(SEARCH_SQL, params)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
    finally:
        if own:
            conn.close()
    return [_result(row) for row in rows]


def _result(row: dict) -> dict:
    keys = ("rank", "title", "url", "source", "province", "published", "snippet", "relevance")
    return {"id": row["article"]} | {key: row[key] for key in keys}


def format_results(rows: list[dict]) -> str:
    """Plain-text listing for a terminal: one block per hit, crawled text made inert."""
    if not rows:
        return "No articles found."
    blocks = []
    for n, row in enumerate(rows, 1):
        head = f"{n}. {row['title']}"
        meta = " · ".join(
            str(row[key]) for key in ("published", "source", "province") if row.get(key)
        )
        lines = [head, f"   {meta}  (relevance {row['relevance']}%)", f"   {row['url']}"]
        if row.get("snippet"):
            lines.append(f"   {row['snippet']}")
        blocks.append("\n".join(safe_for_terminal(line, keep_newlines=False) for line in lines))
    return "\n\n".join(blocks)
