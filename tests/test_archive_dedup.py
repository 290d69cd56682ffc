"""Storing syndicated stories: one article per story, every URL and version kept."""

import sqlite3

import pytest
from test_dedup import FLOOD_STORY, FOOTER, ROAD_STORY, edited_copy

from crawler.extract import Extracted
from crawler.store.archive import Archive, ArchiveError
from crawler.store.dedup import DedupSettings, rebuild_dedup

PAPER_URL = "https://baoquangnam.vn/xa-hoi/giam-ngheo-ben-vung-o-phuoc-son-3141592.html"
PORTAL_URL = "https://quangnam.gov.vn/Pages/tin-tuc.aspx?ItemID=9876"
DISTRICT_URL = "https://phuocson.quangnam.gov.vn/tin-tuc/tong-ket-giam-ngheo.html"
KINDS = {"baoquangnam": "paper", "quangnam-gov": "government", "phuocson": "district"}


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.sqlite") as archive:
        yield archive


def page(url, text=ROAD_STORY, title="Phước Sơn tổng kết giảm nghèo", published="2024-12-16"):
    return Extracted(url=url, title=title, text=text, published=published)


def store(archive, crawl_id, source, url, article, **options):
    """What the pipeline does: the source's kind comes with every page."""
    return archive.store_article(
        crawl_id, source, url, article, source_kind=KINDS[source], **options
    )


def rows(archive, sql, *params):
    return [dict(row) for row in archive.db.query(sql, params)]


def test_url_variants_of_one_page_are_one_entry(archive):
    first = store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL))
    variant = "https://m.baoquangnam.vn/xa-hoi/giam-ngheo-ben-vung-o-phuoc-son-3141592.html/"
    again = store(
        archive, None, "baoquangnam", variant + "?utm_source=zalo&zarsrc=10", page(variant)
    )
    assert (first.outcome, again.outcome) == ("new", "seen")
    assert again.article_id == first.article_id
    assert [r["url"] for r in rows(archive, "SELECT url FROM article_urls")] == [PAPER_URL]


def test_redirected_old_url_is_remembered_as_url_variant(archive):
    old = "http://baoquangnam.vn/index.php?option=com_content&id=3141592"
    store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL), fetched_url=old)
    found = rows(archive, "SELECT url, relation FROM article_urls ORDER BY relation")
    assert found == [
        {"url": PAPER_URL, "relation": "original"},
        {
            "url": "http://baoquangnam.vn/index.php?id=3141592&option=com_content",
            "relation": "url-variant",
        },
    ]


def test_copy_on_second_portal_is_merged_with_provenance(archive):
    crawl = archive.start_crawl("quangnam-gov")
    first = store(archive, crawl, "baoquangnam", PAPER_URL, page(PAPER_URL))
    copy = store(archive, crawl, "quangnam-gov", PORTAL_URL, page(PORTAL_URL))
    assert (first.outcome, copy.outcome) == ("new", "exact")
    assert copy.article_id == first.article_id
    provenance = rows(
        archive,
        "SELECT url, source, relation, similarity, source_kind, first_seen, last_seen"
        " FROM article_urls WHERE article_id = ? ORDER BY source",
        first.article_id,
    )
    assert [(p["source"], p["relation"], p["similarity"]) for p in provenance] == [
        ("baoquangnam", "original", 1.0),
        ("quangnam-gov", "exact", 1.0),
    ]
    assert all(p["first_seen"] and p["last_seen"] for p in provenance)
    counters = archive.crawl(crawl)
    assert (counters["articles_new"], counters["exact_duplicates"], counters["duplicates"]) == (
        1,
        1,
        1,
    )
    assert archive.db["articles"].count == 1


def test_lightly_edited_copy_with_new_title_joins_and_keeps_its_text(archive):
    crawl = archive.start_crawl("quangnam-gov")
    first = store(archive, crawl, "baoquangnam", PAPER_URL, page(PAPER_URL))
    edited = page(PORTAL_URL, edited_copy(), "Phước Sơn: hơn 2.100 hộ còn nghèo", "2024-12-17")
    copy = store(archive, crawl, "quangnam-gov", PORTAL_URL, edited)
    assert (copy.outcome, copy.article_id) == ("near", first.article_id)
    assert 0.6 <= copy.similarity < 1.0
    assert archive.crawl(crawl)["near_duplicates"] == 1
    kept = archive.db["articles"].get(first.article_id)
    assert (kept["url"], kept["text"]) == (PAPER_URL, ROAD_STORY)
    saved = archive.db["article_copies"].get(PORTAL_URL)
    assert (saved["title"], saved["text"]) == (edited.title, edited.text)
    relation = archive.db["article_urls"].get(PORTAL_URL)
    assert (relation["relation"], relation["similarity"]) == ("near", copy.similarity)


@pytest.mark.parametrize(
    "other",
    [
        FLOOD_STORY + "\n" + FOOTER,
        # the same opening formula and the same figures phrasing, another story
        "Sáng nay, UBND huyện Phước Sơn tổ chức hội nghị tổng kết công tác năm 2024 và triển khai "
        "nhiệm vụ năm 2025.\nNăm qua, tổng thu ngân sách trên địa bàn đạt 312 tỷ đồng, vượt 18% dự "
        "toán; huyện hoàn thành 9 trên 11 chỉ tiêu kinh tế - xã hội chủ yếu, trong đó tỷ lệ che "
        "phủ rừng đạt 76,5%.\nTại hội nghị, các đại biểu tập trung thảo luận về tiến độ giải ngân "
        "vốn đầu tư công còn chậm và công tác bồi thường giải phóng mặt bằng các công trình thủy "
        "điện.\n" + FOOTER,
    ],
)
def test_distinct_stories_sharing_formula_and_footer_are_never_merged(archive, other):
    first = store(
        archive, None, "phuocson", DISTRICT_URL, page(DISTRICT_URL, ROAD_STORY + "\n" + FOOTER)
    )
    second_url = DISTRICT_URL.replace("tong-ket-giam-ngheo", "hoi-nghi-khac")
    second = store(archive, None, "phuocson", second_url, page(second_url, other))
    assert second.outcome == "new"
    assert second.article_id != first.article_id


def test_better_copy_arriving_later_takes_over_and_old_text_is_kept(archive):
    district = store(
        archive,
        None,
        "phuocson",
        DISTRICT_URL,
        page(DISTRICT_URL, edited_copy(), "Tổng kết giảm nghèo"),
    )
    paper = store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL))
    assert (paper.outcome, paper.article_id) == ("near", district.article_id)
    kept = archive.db["articles"].get(district.article_id)
    assert (kept["url"], kept["source"], kept["text"]) == (PAPER_URL, "baoquangnam", ROAD_STORY)
    old = archive.db["article_copies"].get(DISTRICT_URL)
    assert (old["text"], old["title"], old["source"]) == (
        edited_copy(),
        "Tổng kết giảm nghèo",
        "phuocson",
    )
    relations = {r["url"]: r["relation"] for r in rows(archive, "SELECT * FROM article_urls")}
    assert relations == {PAPER_URL: "original", DISTRICT_URL: "near"}


def test_earlier_publication_beats_the_paper(archive):
    store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL, published="2024-12-17"))
    store(
        archive,
        None,
        "phuocson",
        DISTRICT_URL,
        page(DISTRICT_URL, edited_copy(), published="2024-12-16"),
    )
    assert archive.db["articles"].get(1)["url"] == DISTRICT_URL
    assert archive.db["article_copies"].get(PAPER_URL)["text"] == ROAD_STORY


def test_index_persists_across_reopen(tmp_path):
    path = tmp_path / "archive.sqlite"
    with Archive(path) as archive:
        first = store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL))
    with Archive(path) as archive:
        copy = store(archive, None, "quangnam-gov", PORTAL_URL, page(PORTAL_URL, edited_copy()))
    assert (copy.outcome, copy.article_id) == ("near", first.article_id)


def test_index_settings_change_needs_a_rebuild(tmp_path):
    path = tmp_path / "archive.sqlite"
    with Archive(path) as archive:
        store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL))
    with Archive(path, dedup=DedupSettings(shingle=4)) as archive:
        with pytest.raises(ArchiveError, match="rebuild"):
            store(archive, None, "quangnam-gov", PORTAL_URL, page(PORTAL_URL))
        report = rebuild_dedup(archive, DedupSettings(shingle=4))
        assert report["articles"] == 1
        assert store(archive, None, "quangnam-gov", PORTAL_URL, page(PORTAL_URL)).outcome == "exact"


def fill(archive):
    """Two stories, one found on three portals, stored in an unhelpful order."""
    flood_url = DISTRICT_URL.replace("tong-ket-giam-ngheo", "phong-chong-thien-tai")
    store(archive, None, "phuocson", DISTRICT_URL, page(DISTRICT_URL, edited_copy()))
    store(archive, None, "phuocson", flood_url, page(flood_url, FLOOD_STORY))
    store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL))
    store(archive, None, "quangnam-gov", PORTAL_URL, page(PORTAL_URL))


def snapshot(archive):
    return (
        rows(archive, "SELECT * FROM articles ORDER BY id"),
        rows(archive, "SELECT * FROM article_urls ORDER BY url"),
        rows(archive, "SELECT * FROM article_copies ORDER BY url"),
        rows(archive, "SELECT * FROM article_bands ORDER BY band, hash, article_id"),
    )


def test_rebuild_is_idempotent(archive):
    fill(archive)
    before = snapshot(archive)
    first = rebuild_dedup(archive, DedupSettings())
    assert first == {"articles": 2, "clusters": 1, "urls": 4, "merged": 0, "split": 0}
    assert snapshot(archive) == before
    assert rebuild_dedup(archive, DedupSettings()) == first
    assert snapshot(archive) == before


def test_rebuild_with_stricter_threshold_splits_then_merges_back(archive):
    fill(archive)
    strict = rebuild_dedup(archive, DedupSettings(threshold=0.95))
    assert (strict["articles"], strict["split"]) == (3, 1)
    assert rebuild_dedup(archive, DedupSettings(threshold=0.95)) == strict | {"split": 0}
    relaxed = rebuild_dedup(archive, DedupSettings())
    assert (relaxed["articles"], relaxed["merged"]) == (2, 1)
    texts = {r["url"]: r["text"] for r in rows(archive, "SELECT url, text FROM article_copies")}
    assert texts == {DISTRICT_URL: edited_copy()}


def test_rebuild_indexes_articles_stored_before_the_dedup_migration(tmp_path):
    path = tmp_path / "archive.sqlite"
    with Archive(path) as archive:
        store(archive, None, "baoquangnam", PAPER_URL, page(PAPER_URL))
    conn = sqlite3.connect(path)
    conn.executescript("DELETE FROM article_bands; DELETE FROM article_signatures;")
    conn.close()
    with Archive(path) as archive:
        assert rebuild_dedup(archive, DedupSettings())["articles"] == 1
        copy = store(archive, None, "quangnam-gov", PORTAL_URL, page(PORTAL_URL, edited_copy()))
        assert copy.outcome == "near"


# A WebForms district portal: short notices, each followed by the same template lines that a
# layout left in the text (its other news, the comment box labels, the address).
TEMPLATE_TAIL = (
    "Các tin khác\n\nXã Thông Bình ra quân làm thủy lợi mùa khô (12/03/2025)\n\n"
    "Tân Hồng ra mắt mô hình Dân vận khéo (10/03/2025)\n\n"
    "Hội nghị triển khai nhiệm vụ năm 2025 (07/03/2025)\n\n"
    "Ý kiến bạn đọc\n\nHọ và tên\n\nEmail\n\nGửi ý kiến\n\n"
    "Địa chỉ: số 1 đường Nguyễn Huệ, thị trấn Sa Rài\n\nĐiện thoại: 0277 3830 123"
)
NOTICES = (
    "UBND huyện thông báo lịch tiếp công dân định kỳ tháng 4 vào sáng thứ Năm hằng tuần.",
    "Huyện tổ chức hội thi tìm hiểu pháp luật cho đoàn viên thanh niên vào ngày 20 tháng 4.",
)


def test_short_stories_sharing_a_template_are_never_near_copies(archive):
    first_url = "https://tanhong.example.gov.vn/tin-tuc/ArticleID/4201/a"
    second_url = "https://tanhong.example.gov.vn/tin-tuc/ArticleID/4202/b"
    first = store(
        archive, None, "phuocson", first_url, page(first_url, f"{NOTICES[0]}\n\n{TEMPLATE_TAIL}")
    )
    second = store(
        archive,
        None,
        "phuocson",
        second_url,
        page(second_url, f"{NOTICES[1]}\n\n{TEMPLATE_TAIL}", title="Hội thi pháp luật"),
    )
    assert (first.outcome, second.outcome) == ("new", "new")
    assert first.article_id != second.article_id
