"""Every kind of broken page: each leaves a clear crawl_errors row of a stable kind (or, for
text encodings, a correct NFC article) and none stops the crawl.

One real crawl subprocess of the hostile portal serves the whole module.
"""

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.extract.vietnamese import normalize_text
from tests.hostile_crawl import rows, run_crawl, write_registry
from tests.hostile_server import BAD_CASES, ENCODING_CASES, TITLE, HostileHTTPServer, article_text

LIMITS = {
    "DOWNLOAD_TIMEOUT": 2,
    "DOWNLOAD_MAXSIZE": 1_000_000,
    "RETRY_TIMES": 2,
    "RETRY_BACKOFF_BASE": 0.3,
    "TRAP_URLS_PER_SHAPE": 20,
}


@dataclass
class HostileCrawl:
    server: HostileHTTPServer
    db: Path
    stdout: str
    returncode: int

    def url(self, path: str) -> str:
        return self.server.base + path

    def errors(self, path: str) -> list[str]:
        return [
            r[0]
            for r in rows(self.db, "SELECT kind FROM crawl_errors WHERE url = ?", self.url(path))
        ]

    def article(self, path: str) -> tuple[str, str] | None:
        found = rows(self.db, "SELECT title, text FROM articles WHERE url = ?", self.url(path))
        return found[0] if found else None


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> HostileCrawl:
    folder = tmp_path_factory.mktemp("hostile")
    with HostileHTTPServer(good_pages=5) as server:
        server.hang_seconds = 6
        registry = write_registry(
            folder / "sources.toml",
            {"hostile": {"start_urls": [server.base + "/"], "article_pattern": "/bai/"}},
        )
        result = run_crawl(folder / "archive.db", registry, "hostile", **LIMITS)
        yield HostileCrawl(server, folder / "archive.db", result.stdout, result.returncode)


def test_the_crawl_finishes_despite_every_bad_page(crawl):
    assert crawl.returncode == 0
    assert "hostile: finished" in crawl.stdout
    assert rows(crawl.db, "SELECT status FROM crawls") == [("finished",)]


def test_good_articles_are_all_archived(crawl):
    for n in range(1, 6):
        assert crawl.article(f"/bai/good-{n}.html") is not None


@pytest.mark.parametrize("case", ENCODING_CASES)
def test_every_encoding_is_stored_as_correct_nfc_vietnamese(crawl, case):
    stored = crawl.article(f"/bai/{case}.html")
    assert stored is not None, crawl.errors(f"/bai/{case}.html")
    title, text = stored
    assert title == normalize_text(TITLE)
    assert unicodedata.is_normalized("NFC", text)
    # TCVN3 has no toned capitals ("Ủy" comes back as "ủy"): compare its text case-blind
    fold = str.casefold if case == "tcvn3" else str
    for paragraph in article_text(case).split("\n"):
        assert fold(normalize_text(paragraph)) in fold(text)


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_every_bad_page_leaves_one_clear_error_of_a_stable_kind(crawl, case):
    path = f"/bai/{case}"
    kinds = crawl.errors(path) or crawl.errors(path.replace("-a.", "-b."))
    assert len(kinds) == 1, kinds
    expected = BAD_CASES[case]
    if expected is None:
        assert kinds[0] in ("not-article", "undecodable")
    else:
        assert kinds[0] == expected
    assert crawl.article(path) is None


def test_five_hundreds_are_retried_with_growing_back_off(crawl):
    assert crawl.server.hits["/bai/down.html"] == 1 + LIMITS["RETRY_TIMES"]
    first, second, third = crawl.server.times["/bai/flaky-1.html"]
    base = LIMITS["RETRY_BACKOFF_BASE"]
    assert second - first >= base
    assert third - second >= 2 * base
    assert crawl.article("/bai/flaky-1.html") is not None


def test_a_dripping_server_is_cut_off_by_the_total_time_limit(crawl):
    # the drip would take 30 s; each attempt ends at DOWNLOAD_TIMEOUT however many bytes came
    assert crawl.errors("/bai/drip.html") == ["timeout"]
    assert crawl.server.hits["/bai/drip.html"] == 1 + LIMITS["RETRY_TIMES"]


def test_an_endless_calendar_is_cut_off_and_recorded_once(crawl):
    days = [p for p in crawl.server.hits if p.startswith("/lich/")]
    assert len(days) == LIMITS["TRAP_URLS_PER_SHAPE"]
    traps = rows(crawl.db, "SELECT url FROM crawl_errors WHERE kind = 'url-trap'")
    assert len(traps) == 1 and "/lich/" in traps[0][0]


def test_an_overlong_url_is_never_fetched_and_is_recorded(crawl):
    assert not any(p.startswith("/bai/dai-") for p in crawl.server.hits)
    assert rows(crawl.db, "SELECT count(*) FROM crawl_errors WHERE kind = 'url-too-long'") == [(1,)]


def test_a_decompression_bomb_is_never_expanded_into_the_archive(crawl):
    assert crawl.errors("/bai/bomb.html") == ["too-large"]
    assert crawl.server.hits["/bai/bomb.html"] == 1  # not retried


def test_error_counts_match_the_rows(crawl):
    (counted,) = rows(crawl.db, "SELECT errors + not_articles + skipped FROM crawls")
    (recorded,) = rows(crawl.db, "SELECT count(*) FROM crawl_errors")
    assert counted == recorded
