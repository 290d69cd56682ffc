"""Folded search: diacritics, tone placement, normalisation forms, syntax, filters, ranking."""

import sqlite3
import unicodedata

import pytest

from crawler.extract import Extracted
from crawler.extract.vietnamese import fold_vietnamese
from crawler.serve.search import (
    SEARCH_SQL,
    _fold_aligned,
    format_results,
    fts_query,
    parse_query,
    register_functions,
    search_articles,
    tone_variants,
)
from crawler.sources import Source
from crawler.store.archive import Archive

SOURCES = [
    Source("baoquangnam", "Báo Quảng Nam", "Quảng Nam", ("https://baoquangnam.vn/",)),
    Source("binhduong", "Báo Bình Dương", "Bình Dương", ("https://baobinhduong.vn/",)),
]

# (source, url, title, text, published): texts written as a portal would print them.
ARTICLES = [
    (
        "baoquangnam",
        "https://baoquangnam.vn/phuoc-son-ket-nap-dang-vien-1.html",
        "Phước Sơn kết nạp đảng viên mới",
        "Huyện Phước Sơn tổ chức lễ kết nạp 25 đảng viên.\n"
        "Công tác phát triển đảng viên ở vùng cao được chú trọng.",
        "2024-03-10",
    ),
    (
        "baoquangnam",
        "https://baoquangnam.vn/hoa-binh-2.html",
        "Xã Hoà Bình đón bằng nông thôn mới",  # new tone placement, as some portals print it
        "Người dân xã Hoà Bình vui mừng.",
        "2024-05-02",
    ),
    (
        "binhduong",
        "https://baobinhduong.vn/dang-vien-tre-3.html",
        "Đảng viên trẻ Bình Dương",
        "Đảng viên trẻ tham gia phát triển kinh tế, giữ gìn hòa bình.",  # classic placement
        "2023-11-05",
    ),
    (
        "binhduong",
        "https://baobinhduong.vn/phuoc-son-khong-dau-4.html",
        "Phuoc Son Phuoc Son Phuoc Son",  # typed without marks: many hits, but not exact
        "Phuoc Son, Phuoc Son.",
        "2024-01-01",
    ),
    (
        "binhduong",
        "javascript:alert(1)",
        "<script>alert('x')</script> Tin hoạt động",
        "<img src=x onerror=alert(1)> Nội dung \x1b[31mđỏ\x1b[0m có thẻ HTML.",
        "2024-02-02",
    ),
]


def build_archive(path) -> str:
    """An archive of the sample articles above, written through the one writer API."""
    with Archive(path) as archive:
        archive.register_sources(SOURCES)
        for source, url, title, text, published in ARTICLES:
            article = Extracted(
                url=url, title=title, text=text, published=published, categories=("Thời sự",)
            )
            archive.store_article(None, source, url, article)
    return str(path)


@pytest.fixture
def db(tmp_path) -> str:
    return build_archive(tmp_path / "archive.db")


def titles(db, query, **filters) -> list[str]:
    return [row["title"] for row in search_articles(db, query, **filters)]


def test_query_without_marks_finds_marked_text(db):
    assert titles(db, "phuoc son")[:2] == [
        "Phuoc Son Phuoc Son Phuoc Son",
        "Phước Sơn kết nạp đảng viên mới",
    ]


def test_d_folds_to_d_so_dang_vien_finds_dang_vien(db):
    found = titles(db, "dang vien")
    assert "Phước Sơn kết nạp đảng viên mới" in found
    assert "Đảng viên trẻ Bình Dương" in found


def test_query_with_marks_ranks_exact_mark_matches_first(db):
    found = titles(db, "Phước Sơn")
    assert found == ["Phước Sơn kết nạp đảng viên mới", "Phuoc Son Phuoc Son Phuoc Son"]


def test_old_and_new_tone_placement_find_the_same_articles(db):
    old, new = search_articles(db, "hoà bình"), search_articles(db, "hòa bình")
    assert old == new
    assert {row["title"] for row in old} == {
        "Xã Hoà Bình đón bằng nông thôn mới",
        "Đảng viên trẻ Bình Dương",
    }


def test_nfd_input_is_normalised_like_stored_text(db):
    nfd = unicodedata.normalize("NFD", "Phước Sơn")
    assert search_articles(db, nfd) == search_articles(db, "Phước Sơn")


def test_quoted_phrase_needs_adjacent_words(db):
    assert titles(db, '"phát triển đảng viên"') == ["Phước Sơn kết nạp đảng viên mới"]
    assert titles(db, '"phat trien kinh te"') == ["Đảng viên trẻ Bình Dương"]
    assert titles(db, '"vien dang"') == []


def test_prefix_query_matches_word_beginnings(db):
    assert "Phước Sơn kết nạp đảng viên mới" in titles(db, "phư*")
    assert titles(db, "phư*")[0] == "Phước Sơn kết nạp đảng viên mới"  # marked prefix first
    assert "Đảng viên trẻ Bình Dương" in titles(db, "đản*")


def test_title_outweighs_body_and_rank_is_readable(db):
    # "hòa bình" in one title (and body), and only in another's body: the title hit comes first.
    title_hit, body_hit = search_articles(db, "hoa binh")
    assert title_hit["title"] == "Xã Hoà Bình đón bằng nông thôn mới"
    assert (title_hit["rank"], body_hit["rank"]) == (1, 2)
    assert title_hit["relevance"] == 100 > body_hit["relevance"] > 0


def test_filters_by_source_province_and_dates(db):
    assert titles(db, "dang vien", source="binhduong") == ["Đảng viên trẻ Bình Dương"]
    assert titles(db, "dang vien", province="quang nam") == ["Phước Sơn kết nạp đảng viên mới"]
    assert titles(db, "dang vien", province="Quảng Nam") == ["Phước Sơn kết nạp đảng viên mới"]
    assert titles(db, "dang vien", since="2024-01-01") == ["Phước Sơn kết nạp đảng viên mới"]
    assert titles(db, "dang vien", until="2023-11-05") == ["Đảng viên trẻ Bình Dương"]
    assert titles(db, "dang vien", since="2024-03-11") == []


def test_result_rows_carry_the_documented_keys(db):
    (row,) = search_articles(db, '"ket nap"', limit=5)
    assert set(row) == {
        "rank",
        "id",
        "title",
        "url",
        "source",
        "province",
        "published",
        "snippet",
        "relevance",
    }
    assert row["province"] == "Quảng Nam"
    assert "**kết** **nạp**" in row["snippet"]


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        "-",
        "AND",
        "OR NOT",
        "NEAR(",
        "*",
        '"unbalanced phrase',
        ")(",
        "{title}:x",
        "^a",
        "a:b",
        "'; drop table articles; --",
        "",
        "   ",
        "\x00",
        "đảng AND OR",
    ],
)
def test_hostile_input_never_raises(db, hostile):
    search_articles(db, hostile)
    assert titles(db, "dang vien")  # archive untouched


def test_marked_query_looks_for_both_tone_placements_the_portals_print():
    assert tone_variants("hòa") == ("hòa", "hoà")
    assert tone_variants("thuỷ") == ("thủy", "thuỷ")
    assert tone_variants("hoàn") == ("hoàn",) and tone_variants("quý") == ("quý",)
    assert tone_variants("hoặc") == ("hoặc",)
    assert fts_query("Hoà", marked=True) == '{title text} : ("hòa" OR "hoà")'


def test_exact_mark_match_finds_text_stored_in_either_tone_placement(db):
    # "Xã Hoà Bình…" is stored as printed (modern placement), "hòa bình" in classic placement
    for typed in ("hòa bình", "hoà bình"):
        found = search_articles(db, typed)
        assert [row["title"] for row in found][:1] == ["Xã Hoà Bình đón bằng nông thôn mới"]
    conn = sqlite3.connect(db)
    register_functions(conn)
    params = dict.fromkeys(("source", "province", "since", "until", "limit"), "")
    exact = conn.execute(SEARCH_SQL, params | {"q": "hòa bình"}).fetchall()
    assert [row[-1] for row in exact] == [1, 1]  # both articles match with marks


def test_syntax_words_are_only_words():
    assert fts_query("AND") == '{title body} : "and"'
    assert fts_query('- " ') == '""'
    assert [item.folded for item in parse_query('"Phát triển" đảng* -x')] == [
        ("phat", "trien"),
        ("dang",),
        ("x",),
    ]


def test_writer_keeps_index_in_step_and_reindex_repairs_hand_edits(db):
    # Hand edits on a connection without our functions, as in the sqlite3 shell.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET title = 'Tiêu đề mới' WHERE title LIKE 'Xã Hoà%'")
    doomed = "SELECT id FROM articles WHERE url LIKE '%dang-vien-tre%'"
    for table in ("article_urls", "article_copies", "article_signatures", "article_bands"):
        conn.execute(f"DELETE FROM {table} WHERE article_id IN ({doomed})")
    conn.execute("DELETE FROM articles WHERE url LIKE '%dang-vien-tre%'")
    conn.commit()
    conn.close()
    assert "Đảng viên trẻ Bình Dương" not in titles(db, "dang vien")  # a delete is immediate
    assert titles(db, "tieu de moi") == []  # an edit waits for reindex; the old entry stays
    assert titles(db, "nong thon") == ["Tiêu đề mới"]  # found by its old words
    with Archive(db) as archive:
        assert archive.stale_search_entries() == 1
        assert archive.reindex() == 1
        assert archive.stale_search_entries() == 0
        archive.conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
        )
    assert titles(db, "tieu de moi") == ["Tiêu đề mới"]
    assert titles(db, "nong thon") == []


def test_format_results_strips_terminal_escapes(db):
    text = format_results(search_articles(db, "noi dung"))
    assert "\x1b" not in text
    assert "đỏ" in text
    assert format_results([]) == "No articles found."


def test_snippet_folding_table_agrees_with_fold_vietnamese():
    latin = "".join(map(chr, [*range(0x20, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]))
    for text in (latin, "Đảng viên xã Hòa Bình, THỦY NGUYÊN\n“Phước Sơn” – 2024"):
        assert _fold_aligned(text) == fold_vietnamese(text)
    assert _fold_aligned("Hòa Σ μ q\u0323") == "hoa σ μ q "  # other scripts: the general path


def test_filters_keep_ranking_and_drop_articles_of_unknown_portals(db):
    with Archive(db) as archive:
        url = "https://unknown.example/dang-vien-6.html"
        article = Extracted(url=url, title="Đảng viên", text="Đảng viên.", published="2024-04-04")
        archive.store_article(None, "unknown", url, article)
    everything = titles(db, "Đảng viên")
    assert "Đảng viên" in everything
    assert titles(db, "Đảng viên", province="Quảng Nam") == ["Phước Sơn kết nạp đảng viên mới"]
    dated = [title for title in everything if title != "Đảng viên trẻ Bình Dương"]
    assert titles(db, "Đảng viên", since="2024-01-01") == dated
    assert titles(db, "Đảng viên", since="2024-01-01", limit=1) == dated[:1]
