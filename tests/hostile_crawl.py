"""Crawl helpers for the hostile-server suites: a registry file and real crawl subprocesses."""

import sqlite3
import subprocess
import sys
from pathlib import Path

# Fast, impolite settings: the fixture server is ours and answers at once.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "LOG_LEVEL": "WARNING",
}


def write_registry(path: Path, entries: dict[str, dict]) -> Path:
    """A sources.toml with one [sources.<slug>] table per entry (values: str or list)."""
    lines = []
    for slug, values in entries.items():
        lines.append(f"[sources.{slug}]")
        for key, value in ({"name": slug, "province": "Quảng Nam"} | values).items():
            if isinstance(value, list):
                lines.append(f"{key} = [{', '.join(repr_toml(v) for v in value)}]")
            else:
                lines.append(f"{key} = {repr_toml(value)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def repr_toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "'" + str(value) + "'"


def crawl_command(db: Path, registry: Path, *slugs: str, **settings: object) -> list[str]:
    command = [sys.executable, "-m", "crawler.cli", "crawl", *slugs]
    command += ["--db", str(db), "--sources", str(registry)]
    for name, value in (FAST | {k: str(v) for k, v in settings.items()}).items():
        command += ["-s", f"{name}={value}"]
    return command


def run_crawl(db: Path, registry: Path, *slugs: str, timeout: float = 180, **settings: object):
    return subprocess.run(
        crawl_command(db, registry, *slugs, **settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(__file__).parent.parent,
    )


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()
