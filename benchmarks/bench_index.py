"""The plain-file search index beside the one it replaced, on the same generated articles.

    python benchmarks/bench_index.py             # 50,000 articles
    python benchmarks/bench_index.py --n 5000    # a quick run

Baseline: the index before m0009b, an external-content FTS5 table over a view whose triggers
call `vn_fold` (a function only our code registers). Ours: the writer folds in Python and the
FTS5 table stores the folded and marked text (what lets stock tools read and search the file).
Both index the same articles with the same full folding (`crawler.extract.vietnamese`) through
a raw INSERT per article; the table shows indexing time, file size and search time per query.
"""

import argparse
import importlib
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_search import chunks  # noqa: E402  (the same generated archive as bench_search)

from crawler.serve.search import fts_query, register_functions  # noqa: E402
from crawler.store.migrations import apply_migrations  # noqa: E402
from crawler.store.search_index import index_article  # noqa: E402

BEFORE = ("m0001_foundation", "m0002_dedup", "m0003_search", "m0004_operations", "m0005_templates")
INSERT = (
    "INSERT INTO articles (url, source, title, text, published, content_hash, first_seen,"
    " last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
QUERIES = ["phuoc son", "dang vien", '"du lịch cộng đồng"', "nam"]


def baseline(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    for name in BEFORE:
        importlib.import_module(f"crawler.store.migrations.{name}").migrate(conn)
    return conn


def ours(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)  # only for the query below: the schema needs none
    apply_migrations(conn)
    return conn


def fill(conn: sqlite3.Connection, batches: list[list[tuple]], writer_indexes: bool) -> float:
    started = time.perf_counter()
    conn.execute("BEGIN")
    for rows in batches:
        for row in rows:
            cursor = conn.execute(INSERT, row)
            if writer_indexes:
                index_article(conn, cursor.lastrowid)
    conn.execute("COMMIT")
    return time.perf_counter() - started


def search_ms(conn: sqlite3.Connection, query: str, runs: int) -> float:
    sql = (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        " ORDER BY bm25(articles_fts, 10.0, 1.0, 0.0, 0.0) LIMIT 20"
    )
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        conn.execute(sql, (fts_query(query),)).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    batches = list(chunks(args.n, seed=7))
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, opener, writer_indexes in (
            ("baseline (vn_fold triggers)", baseline, False),
            ("ours (writer folds)", ours, True),
        ):
            path = Path(tmp) / f"{label.split()[0]}.db"
            conn = opener(path)
            seconds = fill(conn, batches, writer_indexes)
            conn.execute("VACUUM")
            size = path.stat().st_size / 2**20
            results[label] = (seconds, size, [search_ms(conn, q, args.runs) for q in QUERIES])
            conn.close()
    print(f"articles: {args.n:,}")
    header = f"{'index':<28} {'index s':>8} {'file MiB':>9} " + " ".join(
        f"{q[:12]:>13}" for q in QUERIES
    )
    print(header + "   (median ms per search)")
    for label, (seconds, size, timings) in results.items():
        cells = " ".join(f"{t:>13.1f}" for t in timings)
        print(f"{label:<28} {seconds:>8.1f} {size:>9.1f} {cells}")


if __name__ == "__main__":
    main()
