"""`archive dedup --rebuild` at scale: signed by worker processes, same clusters as a crawl."""

import random

from crawler.extract import Extracted
from crawler.store.archive import Archive
from crawler.store.dedup import DedupSettings, rebuild_dedup
from crawler.store.search_index import indexed_forms
from crawler.store.signing import POOL_THRESHOLD

_VOCABULARY = (
    "ủy ban nhân dân huyện tỉnh xã hội nghị tổ chức triển khai công tác kế hoạch chương trình"
    " phát triển kinh tế người dân đồng chí lãnh đạo chủ tịch bí thư đảng ủy mặt trận đoàn"
    " thanh niên phụ nữ nông dân cơ quan đơn vị địa phương thực hiện nhiệm vụ giải pháp đầu tư"
    " xây dựng công trình đường giao thông trường học trạm y tế nước sạch điện lưới nông thôn"
    " giảm nghèo bền vững hỗ trợ sinh kế vốn vay ngân sách tiến độ hoàn thành chỉ tiêu"
)
WORDS = _VOCABULARY.split()


def stories(count: int, seed: int = 3) -> list[tuple[str, str, str]]:
    """(source, url, text): stories, a third of them copied by a second portal with a prefix
    and a sentence added, the copy arriving a few stories later."""
    draw = random.Random(seed)
    sentence = lambda: " ".join(draw.choices(WORDS, k=14)).capitalize() + "."  # noqa: E731
    pages, later = [], []
    for number in range(count):
        text = [sentence() for _ in range(8)]
        pages.append(("paper", f"https://baosongthu.vn/tin/{number}.html", "\n".join(text)))
        if number % 3 == 0:
            copy = ["(STO) - " + text[0], *text[1:5], sentence(), *text[5:]]
            later.append((number + 4, ("portal", f"https://songthu.gov.vn/{number}", copy)))
        while later and later[0][0] <= number:
            source, url, copy = later.pop(0)[1]
            pages.append((source, url, "\n".join(copy)))
    return pages


def build(path, settings: DedupSettings, pages) -> Archive:
    archive = Archive(path, dedup=settings)
    with archive.transaction() as conn:
        for source, url, text in pages:
            article = Extracted(url=url, title=text[:40], text=text, published="2025-03-01")
            archive._store_article(conn, None, source, url, article, source_kind="paper")
    return archive


def clusters(archive: Archive) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for url, article_id in archive.conn.execute("SELECT url, article_id FROM article_urls"):
        groups.setdefault(article_id, set()).add(url)
    return {frozenset(urls) for urls in groups.values()}


def test_rebuild_with_new_index_settings_clusters_as_a_crawl_with_them_would(tmp_path):
    pages = stories(240)
    assert len(pages) > POOL_THRESHOLD  # signed by the worker processes
    new = DedupSettings(shingle=4, bands=16)
    with build(tmp_path / "direct.db", new, pages) as direct:
        expected = clusters(direct)
    with build(tmp_path / "archive.db", DedupSettings(), pages) as archive:
        report = rebuild_dedup(archive, new)
        assert clusters(archive) == expected
        assert report["articles"] == len(expected) < len(pages)
        bands = archive.conn.execute("SELECT count(DISTINCT band) FROM article_bands").fetchone()
        assert bands == (16,)


def search_index_is_true(archive: Archive) -> bool:
    """Both indexes hold exactly what `articles` holds (FTS5 checks the marked one itself)."""
    archive.conn.execute(
        "INSERT INTO articles_fts_marked (articles_fts_marked, rank) VALUES ('integrity-check', 1)"
    )
    stored = archive.conn.execute("SELECT id, title, text FROM articles ORDER BY id").fetchall()
    folded = archive.conn.execute("SELECT rowid, title, body FROM articles_fts ORDER BY rowid")
    expected = [(i, *indexed_forms(title, text)) for i, title, text in stored]
    return folded.fetchall() == expected and archive.stale_search_entries() == 0


def test_rebuilds_that_split_and_merge_stories_leave_both_search_indexes_true(tmp_path):
    pages = stories(240)
    with build(tmp_path / "archive.db", DedupSettings(), pages) as archive:
        assert search_index_is_true(archive)
        for settings in (DedupSettings(shingle=4), DedupSettings(threshold=0.95), DedupSettings()):
            report = rebuild_dedup(archive, settings)
            assert search_index_is_true(archive), settings
        assert report["merged"] > 0  # the last one merged back what the strict one split
        triggers = archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        assert "articles_search_update" in {name for (name,) in triggers}
