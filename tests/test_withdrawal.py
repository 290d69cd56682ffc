"""Takedowns: a withdrawn article leaves search and exports, keeps its captures, and comes back."""

import gzip
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from ops_portal import Portal, crawl, query, run_archive
from test_capture import records

from crawler.serve.search import search_articles

WITHDRAWN = "Hội nghị tổng kết công tác số 2"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("withdrawal")
    with Portal(count=3) as portal:
        registry = portal.write_sources(folder / "sources.toml")
        crawl(folder / "archive.db", registry)
    return folder / "archive.db"


@pytest.fixture
def db(crawled, tmp_path) -> Path:
    """A private copy of the crawled archive and its captures, so each test edits its own."""
    shutil.copytree(crawled.parent, tmp_path / "copy")
    return tmp_path / "copy" / "archive.db"


def url_of(db: Path, title: str) -> str:
    (row,) = query(
        db,
        "SELECT fetched_url FROM article_urls u JOIN articles a"
        " ON a.id = u.article_id WHERE a.title = ?",
        title,
    )
    return row[0]


def titles(db: Path, words: str) -> list[str]:
    return [row["title"] for row in search_articles(db, words, limit=50)]


def test_withdraw_hides_from_search_and_exports_and_restore_undoes_it(db, tmp_path):
    url = url_of(db, WITHDRAWN)
    assert WITHDRAWN in titles(db, "hoi nghi tong ket")
    done = run_archive(
        "withdraw", url, "--reason", "Yêu cầu của tòa soạn", "--by", "thu", "--db", str(db)
    )
    assert done.returncode == 0, done.stderr
    assert "withdrawn: article" in done.stdout
    assert WITHDRAWN not in titles(db, "hoi nghi tong ket")
    assert len(titles(db, "hoi nghi tong ket")) == 2

    out = tmp_path / "a.jsonl"
    run_archive("export", "--db", str(db), "-o", str(out))
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    exported = [row["title"] for row in lines]
    assert {(row["province_then"], row["province_now"]) for row in lines} == {
        ("Quảng Nam", "Đà Nẵng")
    }
    assert len(exported) == 2 and WITHDRAWN not in exported

    warc = tmp_path / "a.warc.gz"
    run_archive("export", "--format", "warc", "--db", str(db), "-o", str(warc))
    uris = {h.get_header("WARC-Target-URI") for _, h, _, _ in records(warc)}
    assert url not in uris and len(uris) > 2
    everything = tmp_path / "all.warc.gz"
    run_archive(
        "export", "--format", "warc", "--include-withdrawn", "--db", str(db), "-o", str(everything)
    )
    assert url in {h.get_header("WARC-Target-URI") for _, h, _, _ in records(everything)}

    again = run_archive("withdraw", url, "--reason", "again", "--db", str(db))
    assert again.returncode != 0 and "already withdrawn" in again.stderr
    (article_id,) = query(db, "SELECT article_id FROM withdrawals")[0]
    back = run_archive("restore", str(article_id), "--reason", "đã đính chính", "--db", str(db))
    assert back.returncode == 0, back.stderr
    assert WITHDRAWN in titles(db, "hoi nghi tong ket")
    (row,) = query(
        db,
        "SELECT reason, withdrawn_by, withdrawn_at IS NOT NULL, restored_at IS NOT NULL,"
        " restore_reason FROM withdrawals",
    )
    assert row == ("Yêu cầu của tòa soạn", "thu", 1, 1, "đã đính chính")
    # the captures were never touched
    assert query(db, "SELECT count(*) FROM article_urls WHERE fetched_url = ?", url) == [(1,)]


def test_unknown_article_and_missing_reason_are_clear_errors(db):
    missing = run_archive(
        "withdraw", "https://nowhere.example/x.html", "--reason", "x", "--db", str(db)
    )
    assert missing.returncode != 0 and "no archived article" in missing.stderr
    blank = run_archive("withdraw", "1", "--reason", " ", "--db", str(db))
    assert blank.returncode != 0 and "needs a reason" in blank.stderr
    not_withdrawn = run_archive("restore", "1", "--db", str(db))
    assert not_withdrawn.returncode != 0 and "not withdrawn" in not_withdrawn.stderr


def test_wacz_export_passes_the_wacz_tools_own_validation(db, tmp_path):
    url = url_of(db, WITHDRAWN)
    run_archive("withdraw", url, "--reason", "takedown", "--db", str(db))
    package = tmp_path / "captures.wacz"
    done = run_archive("export", "--format", "wacz", "--db", str(db), "-o", str(package))
    assert done.returncode == 0, done.stderr
    assert "2 article pages" in done.stderr
    validate = subprocess.run(
        [sys.executable, "-m", "wacz", "validate", "-f", str(package)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "the passed WACZ is valid" in validate.stdout
    with zipfile.ZipFile(package) as wacz:
        names = set(wacz.namelist())
        assert {"datapackage.json", "pages/pages.jsonl", "indexes/index.cdx.gz"} <= names
        assert any(name.startswith("archive/") and name.endswith(".warc.gz") for name in names)
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
        index = gzip.decompress(wacz.read("indexes/index.cdx.gz")).decode()
    titles_listed = sorted(page.get("title", "") for page in pages[1:])
    assert titles_listed == ["Hội nghị tổng kết công tác số 1", "Hội nghị tổng kết công tác số 3"]
    assert all(page["url"].startswith("http://127.0.0.1") for page in pages[1:])
    assert url.split("/", 3)[3] not in index  # the withdrawn page is not in the CDXJ index


def test_a_public_copy_holds_no_trace_of_a_withdrawn_article(db, tmp_path):
    """Datasette's SQL editor reads a file as it is: the file to publish is a copy without them."""
    url = url_of(db, WITHDRAWN)
    run_archive("withdraw", url, "--reason", "Yêu cầu của tòa soạn", "--db", str(db))
    public = tmp_path / "public.db"
    made = run_archive("export", "--format", "sqlite", "--db", str(db), "-o", str(public))
    assert made.returncode == 0, made.stderr
    assert "2 articles copied" in made.stderr and "1 withdrawn left out" in made.stderr
    assert sorted(t for (t,) in query(public, "SELECT title FROM articles")) == sorted(
        t for (t,) in query(db, "SELECT title FROM articles") if t != WITHDRAWN
    )
    assert query(public, "SELECT count(*) FROM withdrawals") == [(0,)]
    assert query(public, "PRAGMA integrity_check") == [("ok",)]
    # not in any row, index or freed page of the file
    raw = public.read_bytes()
    assert WITHDRAWN.encode() not in raw and url.encode() not in raw
    assert len(titles(public, "hoi nghi tong ket")) == 2
    assert len(titles(db, "hoi nghi tong ket")) == 2  # the archive itself is untouched
    assert query(db, "SELECT count(*) FROM withdrawals WHERE restored_at IS NULL") == [(1,)]

    again = run_archive("export", "--format", "sqlite", "--db", str(db), "-o", str(public))
    assert again.returncode != 0 and "exists" in again.stderr
    narrowed = tmp_path / "narrowed.db"
    args = ("export", "--format", "sqlite", "--source", "x", "--db", str(db), "-o", str(narrowed))
    assert run_archive(*args).returncode != 0 and not narrowed.exists()
