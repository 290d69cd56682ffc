"""`make demo`: the sample portals crawled into a fresh archive, and a summary that says so."""

import sqlite3
import subprocess
import sys

from conftest import EXPECTED, ROOT


def test_demo_archives_each_sample_story_once_and_says_how_to_browse(tmp_path):
    db = tmp_path / "archive.db"
    command = [sys.executable, "-m", "sample.demo", "--db", str(db)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "articles archived" in result.stdout and "archive serve" in result.stdout
    stories = {case["story"] for case in EXPECTED["articles"]}
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute(
            "SELECT count(*), count(published), count(author) FROM articles WHERE doubtful IS NULL"
        )
        total, dated, signed = articles.fetchone()
        (doubtful,) = conn.execute("SELECT count(*) FROM articles WHERE doubtful IS NOT NULL")
    finally:
        conn.close()
    assert total == len(stories)
    # the photo page the article pattern matches is kept, flagged, not dropped
    assert doubtful == (sum(c.get("kept_as") == "doubtful" for c in EXPECTED["non_articles"]),)
    assert dated == total and signed >= total - 1  # one story credits only "Theo TTXVN"


def test_demo_refuses_to_replace_an_archive_of_real_portals(tmp_path):
    db = tmp_path / "archive.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE crawls (source TEXT)")
    conn.execute("INSERT INTO crawls VALUES ('baoquangnam')")
    conn.commit()
    conn.close()
    command = [sys.executable, "-m", "sample.demo", "--db", str(db)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 2
    assert "baoquangnam" in result.stdout
    assert db.exists()
