"""Exports of the archive: articles as JSON Lines or CSV, captures as one WARC file.

Dates filter articles by `published` (else `first_seen`) and captures by `WARC-Date`, both by
calendar day, inclusive. Withdrawn articles are never exported; their captures only when the
caller passes an empty `exclude` (`--include-withdrawn`). WACZ packaging is in `wacz_export`.
"""

import csv
import json
import sqlite3
from collections.abc import Iterator, Set
from pathlib import Path
from typing import IO

from crawler.crawl.capture import capture_files, copy_records
from crawler.store.search_index import WITHDRAWN_IDS

ARTICLE_COLUMNS = (
    "id",
    "url",
    "source",
    "province_then",
    "province_now",
    "title",
    "lead",
    "text",
    "published",
    "updated",
    "author",
    "first_seen",
    "last_seen",
    "content_hash",
    "warc_file",
    "warc_offset",
)


# columns of the joined tables: capture pointers (article_urls), provinces (sources)
_JOINED = {"warc_file": "u", "warc_offset": "u", "province_then": "s", "province_now": "s"}


def article_rows(
    conn: sqlite3.Connection,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[dict]:
    day = "substr(COALESCE(a.published, a.first_seen), 1, 10)"
    where, params = [f"a.id NOT IN ({WITHDRAWN_IDS})"], []
    for clause, value in (("a.source = ?", source), (f"{day} >= ?", since), (f"{day} <= ?", until)):
        if value:
            where.append(clause)
            params.append(value)
    columns = ", ".join(f"{_JOINED.get(c, 'a')}.{c}" for c in ARTICLE_COLUMNS)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        f"SELECT {columns} FROM articles a LEFT JOIN article_urls u ON u.url = a.url"
        " LEFT JOIN sources s ON s.slug = a.source"
        f" WHERE {' AND '.join(where)} ORDER BY a.id",
        params,
    )
    for row in rows:
        yield dict(row)


def write_jsonl(rows: Iterator[dict], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterator[dict], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ARTICLE_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def capture_filter(since: str | None, until: str | None, exclude: Set[str] = frozenset()):
    """Which records an export keeps: dated within the range, not warcinfo, not excluded URLs."""

    def keep(record) -> bool:
        day = (record.rec_headers.get_header("WARC-Date") or "")[:10]
        return (
            record.rec_type != "warcinfo"
            and (not since or day >= since)
            and (not until or day <= until)
            and record.rec_headers.get_header("WARC-Target-URI") not in exclude
        )

    return keep


def write_warc(
    root: Path,
    out: IO[bytes],
    source: str | None,
    since: str | None,
    until: str | None,
    exclude: Set[str] = frozenset(),
) -> int:
    """Copy capture records dated within the range, verbatim, into one file.

    `exclude` holds the URLs of withdrawn articles: their request, response and metadata
    records stay out.
    """
    keep = capture_filter(since, until, exclude)
    return sum(copy_records(path, keep, out) for path in capture_files(root, source))
