"""Behaviour of `strip_boilerplate` on fragments of Vietnamese portal pages."""

from lxml.html import document_fromstring

from crawler.extract.boilerplate import heading_kind, strip_boilerplate

ARTICLE_P = (
    "<p>UBND huyện Phước Sơn tổ chức khởi công xây dựng cầu treo qua sông Trường, tổng vốn "
    "đầu tư hơn 8 tỷ đồng, dự kiến hoàn thành trong sáu tháng tới.</p>"
)
RELATED_LINKS = (
    '<ul><li><a href="/a1">Quảng Nam đầu tư 50 cầu treo cho miền núi</a></li>'
    '<li><a href="/a2">Nam Giang khánh thành cầu treo thôn Pà Dấu</a></li></ul>'
)


def cleaned_text(html: str) -> str:
    tree = document_fromstring(f"<html><body><h1>Tiêu đề bài</h1>{html}</body></html>")
    strip_boilerplate(tree)
    return tree.text_content()


def test_related_box_is_dropped_with_its_heading():
    text = cleaned_text(f'<div class="box"><h3>Tin liên quan</h3>{RELATED_LINKS}</div>{ARTICLE_P}')
    assert "Tin liên quan" not in text and "Pà Dấu" not in text and "Phước Sơn" in text


def test_heading_without_diacritics_still_matches():
    text = cleaned_text(f'<div class="box"><h3>TIN LIEN QUAN</h3>{RELATED_LINKS}</div>')
    assert "Pà Dấu" not in text


def test_old_tone_placement_heading_still_matches():
    assert heading_kind("Ý kiến bạn đọc") == "comments"
    assert heading_kind("Các tin khác:") == "related"
    assert heading_kind("Bình luận (3)") == "comments"


def test_heading_inside_article_drops_only_the_heading_and_its_list():
    html = f"<div>{ARTICLE_P}<p><strong>Tin liên quan</strong></p>{RELATED_LINKS}{ARTICLE_P}</div>"
    text = cleaned_text(html)
    assert "Pà Dấu" not in text and text.count("Phước Sơn") == 2


def test_paragraph_that_mentions_comments_stays():
    para = "<p>Bình luận về dự án, ông Nguyễn Văn Bình cho rằng cần đẩy nhanh tiến độ.</p>"
    assert "Bình luận về dự án" in cleaned_text(para)


def test_comment_form_is_dropped():
    form = (
        '<div class="comment-box"><h4>Gửi ý kiến</h4><form><input name="ten">'
        "<textarea></textarea><button>Gửi</button></form></div>"
    )
    assert "Gửi ý kiến" not in cleaned_text(ARTICLE_P + form)


def test_share_and_print_bar_is_dropped():
    bar = '<div class="tools"><a href="#">In bài</a> | <a href="#">Chia sẻ</a> <a>Trở về</a></div>'
    text = cleaned_text(ARTICLE_P + bar)
    assert "In bài" not in text and "Trở về" not in text


def test_site_footer_lines_are_dropped():
    footer = (
        "<div><p>Cơ quan chủ quản: UBND tỉnh Kon Tum</p><p>Ghi rõ nguồn khi phát hành lại</p></div>"
    )
    text = cleaned_text(ARTICLE_P + footer)
    assert "Cơ quan chủ quản" not in text and "Ghi rõ nguồn" not in text


def test_keyword_line_with_links_is_dropped():
    tags = '<div>Từ khóa: <a href="/t/1">cầu treo</a>, <a href="/t/2">Phước Sơn</a></div>'
    assert "Từ khóa" not in cleaned_text(ARTICLE_P + tags)


def test_inline_read_also_line_is_dropped_in_several_languages():
    for label in ("Đọc thêm:", "Lire aussi :", "Lee también:", "Mehr zum Thema:"):
        text = cleaned_text(
            f'{ARTICLE_P}<p><b>{label}</b> <a href="/x">Cầu treo mới ở Nam Giang</a></p>'
        )
        assert "Nam Giang" not in text and "Phước Sơn" in text


def test_single_related_card_of_links_only_is_dropped():
    link = '<a href="/x">Học sinh đoạt bốn huy chương Olympic</a>'
    card = f'<article class="card"><h3>{link}</h3></article>'
    text = cleaned_text(f"{ARTICLE_P}{card}{ARTICLE_P}")
    assert "Olympic" not in text and "Phước Sơn" in text


def test_view_counter_and_pager_are_tool_bars():
    text = cleaned_text(
        f"{ARTICLE_P}<div>Lượt xem: 1.024</div><ul><li><a>Trước</a></li><li><a>Tiếp</a></li></ul>"
    )
    assert "Lượt xem" not in text and "Trước" not in text


def test_hotline_line_is_a_footer_line():
    text = cleaned_text(f"{ARTICLE_P}<div><p>Đường dây nóng: 069.2196.246</p></div>")
    assert "Đường dây nóng" not in text
