"""A plain SQLite file: stock tools read, search and edit the archive without our functions."""

import importlib
import shutil
import sqlite3
import subprocess

import pytest
from ops_portal import run_archive
from test_search import ARTICLES, SOURCES, build_archive, titles

from crawler.serve.search import register_functions
from crawler.store.archive import Archive

SQLITE_SHELL = shutil.which("sqlite3") or "/usr/bin/sqlite3"
PRE_CHANGE = (
    "m0001_foundation",
    "m0002_dedup",
    "m0003_search",
    "m0004_operations",
    "m0005_templates",
)


def stock_names(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    return [name for (name,) in rows]


def test_stock_python_sqlite_reads_every_table_and_view_and_edits_articles(tmp_path):
    db = build_archive(tmp_path / "archive.db")
    conn = sqlite3.connect(db)  # no function of ours registered
    for name in stock_names(conn):
        conn.execute(f'SELECT * FROM "{name}" LIMIT 3').fetchall()
    found = conn.execute(
        "SELECT a.title FROM articles_fts f JOIN articles a ON a.id = f.rowid"
        " WHERE articles_fts MATCH 'dang vien' ORDER BY a.id"
    ).fetchall()
    assert [t for (t,) in found] == ["Phước Sơn kết nạp đảng viên mới", "Đảng viên trẻ Bình Dương"]
    typed = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    assert conn.execute(typed, ("Phước Sơn",)).fetchone() == (2,)  # marks typed by a stock tool
    exact = "SELECT count(*) FROM articles_fts_marked WHERE articles_fts_marked MATCH 'phước'"
    assert conn.execute(exact).fetchone() == (1,)
    conn.execute("UPDATE articles SET author = 'Lê Văn A', title = 'Sửa tay' WHERE id = 1")
    conn.execute("DELETE FROM article_urls WHERE article_id = 2")
    conn.execute("DELETE FROM articles WHERE id = 2")
    conn.execute(
        "INSERT INTO articles (url, source, title, text, content_hash, first_seen, last_seen)"
        " VALUES ('https://x.vn/a', 'binhduong', 'Thêm tay', 'Bài viết thêm', 'h', 'now', 'now')"
    )
    conn.commit()
    assert conn.execute("SELECT count(*) FROM search_stale").fetchone() == (2,)
    conn.close()
    warned = run_archive("status", "--db", db)
    assert "WARNING: 2 article(s) edited by hand: run `archive reindex`" in warned.stderr
    repaired = run_archive("reindex", "--db", db)
    assert repaired.returncode == 0, repaired.stderr
    assert repaired.stdout.strip() == "2 search entries rewritten"
    assert "edited by hand" not in run_archive("status", "--db", db).stderr
    assert titles(db, "sua tay") == ["Sửa tay"]
    assert titles(db, "bai viet them") == ["Thêm tay"]
    assert (
        run_archive("reindex", "--all", "--db", db).stdout.strip() == "5 search entries rewritten"
    )
    assert titles(db, "sua tay") == ["Sửa tay"]


def test_debian_sqlite3_shell_reads_searches_and_edits(tmp_path):
    db = build_archive(tmp_path / "archive.db")
    names = stock_names(sqlite3.connect(db))
    script = "".join(f'SELECT count(*) FROM "{name}";\n' for name in names) + (
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'phuoc son' ORDER BY rowid;\n"
        "SELECT count(*) FROM article_catalogue WHERE province_now = 'Đà Nẵng';\n"
        "UPDATE articles SET title = 'Tiêu đề sửa' WHERE id = 1;\n"
        "DELETE FROM article_urls WHERE article_id = 3;\n"
        "DELETE FROM articles WHERE id = 3;\n"
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'binh duong';\n"
    )
    shell = subprocess.run(
        [SQLITE_SHELL, "-bail", db], input=script, capture_output=True, text=True, timeout=60
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stderr == ""
    lines = shell.stdout.split()
    assert lines[len(names) : len(names) + 2] == ["1", "4"]  # two articles say "Phước Sơn"
    assert lines[len(names) + 2] == "2"  # Quảng Nam's paper is in Đà Nẵng now
    assert lines[-1] == "0"  # the deleted article left the index at once


def _pre_change_archive(path) -> None:
    """An archive as the code before m0009 made it: search through vn_fold triggers."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied TEXT)")
    for name in PRE_CHANGE:
        importlib.import_module(f"crawler.store.migrations.{name}").migrate(conn)
        conn.execute("INSERT INTO _migrations VALUES (?, 'before')", (name,))
    for source in SOURCES:
        row = source.as_row()
        conn.execute(
            f"INSERT INTO sources ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    for n, (source, url, title, text, published) in enumerate(ARTICLES, 1):
        conn.execute(
            "INSERT INTO articles (url, source, title, text, published, content_hash,"
            " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, 'then', 'then')",
            (url, source, title, text, published, f"h{n}"),
        )
    conn.close()
    with pytest.raises(sqlite3.OperationalError, match="vn_fold"):
        sqlite3.connect(path).execute("SELECT * FROM articles_fts").fetchall()


def test_archive_at_the_old_schema_migrates_to_a_plain_file(tmp_path):
    db = str(tmp_path / "old.db")
    _pre_change_archive(db)
    Archive(db).close()  # applies the pending migrations
    conn = sqlite3.connect(db)
    for name in stock_names(conn):
        conn.execute(f'SELECT * FROM "{name}" LIMIT 3').fetchall()
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone() == (len(ARTICLES),)
    assert conn.execute(
        "SELECT province_then, province_now FROM sources WHERE slug = 'binhduong'"
    ).fetchone() == ("Bình Dương", "Hồ Chí Minh")
    conn.execute("DELETE FROM articles WHERE id = 1")
    conn.commit()
    conn.close()
    assert len(titles(db, "dang vien")) == 1
    assert titles(db, "hoa binh")[0] == "Xã Hoà Bình đón bằng nông thôn mới"


def test_stock_datasette_without_our_plugins_reads_every_table_and_view(tmp_path):
    import asyncio

    from datasette.app import Datasette

    db = build_archive(tmp_path / "archive.db")
    names = stock_names(sqlite3.connect(db))
    datasette = Datasette([db])  # no config directory: none of our plugins or metadata

    async def fetch_all():
        client = datasette.client
        pages = [await client.get(f"/archive/{name}.json?_size=5") for name in names]
        search = await client.get(
            "/archive.json",
            params={"sql": "select rowid from articles_fts where articles_fts match 'dang vien'"},
        )
        return pages, search

    pages, search = asyncio.run(fetch_all())
    failed = [(name, page.status_code) for name, page in zip(names, pages, strict=True)]
    assert [entry for entry in failed if entry[1] != 200] == []
    assert len(search.json()["rows"]) == 2
