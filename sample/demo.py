"""`make demo`: serve the sample portals on 127.0.0.1, crawl them, and say what was archived.

The demo only ever replaces an archive that holds nothing but sample portals, so a real
archive at the same path is never lost to it.
"""

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sample.server import PortalServer

DEMO_SETTINGS = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False"]


def foreign_sources(db: Path, sample_slugs: list[str]) -> list[str]:
    """Sources in an existing archive that are not sample portals."""
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT DISTINCT source FROM crawls").fetchall()
    except sqlite3.Error:
        return ["(unreadable archive)"]
    finally:
        conn.close()
    return sorted({r[0] for r in rows} - set(sample_slugs))


def totals(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        urls = conn.execute("SELECT count(*) FROM article_urls").fetchone()[0]
    finally:
        conn.close()
    return {"articles": articles, "urls": urls}


def run(db: Path) -> int:
    with PortalServer() as server:
        slugs = server.slugs()
        foreign = foreign_sources(db, slugs)
        if foreign:
            print(f"{db} already holds crawls of {', '.join(foreign)}; use --db another.db")
            return 2
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        registry = server.write_sources(Path(tempfile.mkdtemp()) / "sources.toml")
        for slug in slugs:
            print(f"serving sample portal {slug} at {server.base_url(slug)}/")
        started = time.monotonic()
        command = [
            sys.executable,
            "-m",
            "crawler.cli",
            "crawl",
            *slugs,
            "--sources",
            str(registry),
            "--db",
            str(db),
            *DEMO_SETTINGS,
            "-s",
            "LOG_LEVEL=WARNING",
        ]
        result = subprocess.run(command, text=True, capture_output=True)
        print(result.stdout, end="")
        if result.returncode != 0:
            print(result.stderr[-4000:], file=sys.stderr)
            return result.returncode
        counts = totals(db)
        print(
            f"\n{db}: {counts['articles']} articles from {counts['urls']} URLs "
            f"in {time.monotonic() - started:.1f}s\n"
            f'Search it:  .venv/bin/archive search "phuoc son" --db {db}\n'
            f"Browse it:  .venv/bin/archive serve --db {db}   (http://127.0.0.1:8001/)"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("archive.db"))
    return run(parser.parse_args(argv).db)


if __name__ == "__main__":
    sys.exit(main())
