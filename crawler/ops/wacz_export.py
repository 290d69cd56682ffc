"""Captures packaged as WACZ: the WARC records, their CDXJ index and a pages list of articles.

The packaging is the `wacz` library's own (py-wacz, which indexes with cdxj-indexer); we choose
the records (as `archive export --format warc` does) and name the pages: every archived
article's response record, titled with its headline, so a replay tool opens on the articles.
"""

import contextlib
import io
import json
import sqlite3
import tempfile
from pathlib import Path

from wacz.main import main as wacz_main

from crawler.crawl.capture import capture_files, copy_records
from crawler.ops.export import capture_filter
from crawler.store.search_index import WITHDRAWN_IDS

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Archived articles"}


class WaczError(RuntimeError):
    """The wacz library refused to package the captures."""


def article_titles(conn: sqlite3.Connection, include_withdrawn: bool = False) -> dict[str, str]:
    """Every fetched and keyed URL of an archived article → its headline."""
    hidden = "" if include_withdrawn else f" WHERE a.id NOT IN ({WITHDRAWN_IDS})"
    rows = conn.execute(
        "SELECT u.url, u.fetched_url, a.title FROM article_urls u"
        f" JOIN articles a ON a.id = u.article_id{hidden}"
    )
    titles: dict[str, str] = {}
    for url, fetched, title in rows:
        titles.setdefault(fetched, title)
        titles.setdefault(url, title)
    return titles


def write_wacz(
    root: Path,
    output: Path,
    conn: sqlite3.Connection,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    exclude: frozenset[str] | set[str] = frozenset(),
    include_withdrawn: bool = False,
) -> tuple[int, int]:
    """Write `output` (.wacz); returns (WARC records packaged, pages listed)."""
    titles = article_titles(conn, include_withdrawn)
    keep = capture_filter(since, until, exclude)
    pages: dict[str, dict] = {}

    def keep_and_list(record) -> bool:
        wanted = keep(record)
        url = record.rec_headers.get_header("WARC-Target-URI")
        if wanted and record.rec_type == "response" and url in titles and url not in pages:
            date = record.rec_headers.get_header("WARC-Date")
            pages[url] = {"url": url, "ts": date, "title": titles[url]}
        return wanted

    with tempfile.TemporaryDirectory(prefix="wacz-") as folder:
        warc = Path(folder) / f"{source or 'captures'}.warc.gz"
        with open(warc, "wb") as out:
            count = sum(copy_records(p, keep_and_list, out) for p in capture_files(root, source))
        args = ["create", "-o", str(output), "--title", "Vietnamese provincial news captures"]
        if pages:
            pages_file = Path(folder) / "pages.jsonl"
            lines = [PAGES_HEADER, *pages.values()]
            pages_file.write_text(
                "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8"
            )
            args += ["-p", str(pages_file)]
        else:
            args += ["--detect-pages"]
        _run_wacz([*args, str(warc)])
    return count, len(pages)


def validate_wacz(path: Path) -> tuple[bool, str]:
    """The wacz library's own validation of a package; (valid, what it printed)."""
    code, printed = _capture(["validate", "-f", str(path)])
    return code == 0 and "invalid" not in printed, printed


def _run_wacz(args: list[str]) -> None:
    code, printed = _capture(args)
    if code not in (0, None):
        raise WaczError(f"wacz {args[0]} failed: {printed.strip()[-500:]}")


def _capture(args: list[str]) -> tuple[int | None, str]:
    printed = io.StringIO()  # the library reports progress on stdout, which is ours to keep
    with contextlib.redirect_stdout(printed):
        code = wacz_main(args)
    return code, printed.getvalue()
