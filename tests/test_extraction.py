"""Behaviour of `extract_article` on small hand-written pages."""

import pytest

from crawler.extract import (
    ExtractOptions,
    NotAnArticle,
    UndecodablePage,
    extract_article,
    parse_vietnamese_date,
)

URL = "https://baoquangnam.vn/xa-hoi/phuoc-son-khoi-cong-cau-treo-123.html"
PARAGRAPH = (
    "Cầu treo dài 120 mét, rộng 1,5 mét, được thiết kế cho người đi bộ và xe máy lưu thông. "
    "Công trình dự kiến hoàn thành sau 6 tháng thi công, phục vụ hơn 2.000 người dân."
)


def article_page(body: str, head: str = "") -> bytes:
    return f"""<html lang="vi"><head><meta charset="utf-8">
<title>Phước Sơn khởi công cầu treo mới - Báo Quảng Nam</title>{head}</head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a></div>
<div class="detail"><h1 class="detail-title">Phước Sơn khởi công cầu treo mới</h1>
<div class="detail-time">Thứ Tư, 20/04/2016 08:15</div>
<div class="sapo">Sáng 20.4, UBND huyện Phước Sơn khởi công xây dựng cầu treo qua sông
Trường tại xã Phước Hòa, tổng vốn đầu tư hơn 8 tỷ đồng.</div>
<div class="detail-content"><p>{PARAGRAPH}</p>{body}</div></div>
<div class="sidebar"><h3>Đọc nhiều</h3><ul>
<li><a href="/b1">Hội An đón hơn một triệu lượt khách quốc tế</a> 19/04/2015</li>
<li><a href="/b2">Tam Kỳ ra mắt tuyến xe buýt mới đến Chu Lai</a></li>
<li><a href="/b3">Núi Thành thu hút thêm ba dự án công nghiệp</a></li></ul></div>
<div class="footer"><p>Cơ quan chủ quản: Tỉnh ủy Quảng Nam</p></div></body></html>""".encode()


def test_headline_comes_from_the_page_not_the_browser_title():
    assert extract_article(article_page(""), URL).title == "Phước Sơn khởi công cầu treo mới"


def test_header_date_is_iso_with_vietnam_offset():
    assert extract_article(article_page(""), URL).published == "2016-04-20T08:15:00+07:00"


def test_lead_is_the_first_paragraph_of_the_text():
    result = extract_article(article_page(""), URL)
    assert result.lead is not None and result.lead.startswith("Sáng 20.4")
    assert result.text.split("\n\n")[0] == result.lead


def test_upper_case_signature_becomes_author_and_leaves_the_body():
    result = extract_article(article_page("<p>ALĂNG NGƯỚC</p>"), URL)
    assert result.author == "ALĂNG NGƯỚC"
    assert "ALĂNG" not in result.text


def test_theo_line_becomes_source_line():
    result = extract_article(article_page("<p>Theo TTXVN</p>"), URL)
    assert result.source_line == "TTXVN"
    assert "Theo TTXVN" not in result.text


def test_captions_are_kept_apart_from_the_body():
    figure = '<figure><img src="/a.jpg"><figcaption>Lễ khởi công cầu treo.</figcaption></figure>'
    result = extract_article(article_page(figure), URL)
    assert result.captions == ("Lễ khởi công cầu treo.",)
    assert "Lễ khởi công cầu treo." not in result.text


def test_sidebar_and_footer_stay_out_of_the_text():
    text = extract_article(article_page(""), URL).text
    assert "Hội An đón" not in text and "Cơ quan chủ quản" not in text


def test_text_is_stored_as_published_whatever_the_tone_placement():
    words = (
        "<p>Người dân xã Phước Hoà rất vui mừng, hoặc nói đúng hơn là mừng rỡ (trong ngoặc kép), "
        "vì Uỷ ban xã lo cho sức khoẻ bà con.</p>"
    )
    result = extract_article(article_page(words), URL)
    assert "Phước Hoà rất vui mừng, hoặc nói" in result.text
    assert "(trong ngoặc kép), vì Uỷ ban xã lo cho sức khoẻ bà con." in result.text


def test_per_source_prune_xpath_drops_its_block():
    options = ExtractOptions(prune_xpath=("//div[@class='sapo']",))
    assert "Sáng 20.4" not in extract_article(article_page(""), URL, options).text


def test_old_table_page_loses_its_inline_title_and_date_and_gets_its_bold_lead():
    page = """<html><head><title>BAO HAU GIANG - Vị Thuỷ: Nông dân trúng mùa</title></head>
<body><table><tr><td class="Title">Vị Thuỷ: Nông dân trúng mùa</td></tr>
<tr><td class="Normal">Vị Thuỷ: Nông dân trúng mùa<br>Cập nhật lúc 14:20, 12/08/2011<br>
<b>Vụ lúa Hè Thu năm nay, nông dân huyện Vị Thuỷ thu hoạch đạt năng suất bình quân 5,8
tấn/ha, tăng 0,4 tấn so với cùng kỳ năm ngoái.</b><br><br>
Theo Phòng Nông nghiệp huyện, toàn huyện xuống giống hơn 14.000 ha lúa Hè Thu, chi phí sản
xuất giảm đáng kể nhờ áp dụng chương trình 3 giảm 3 tăng.<br><br>
<div align="right"><b>HOÀNG LIÊN - MINH THƯ</b></div></td></tr></table></body></html>"""
    result = extract_article(page.encode(), "http://baohaugiang.vn/a.html")
    assert result.title == "Vị Thuỷ: Nông dân trúng mùa"
    assert result.published == "2011-08-12T14:20:00+07:00"
    assert result.lead is not None and result.text.startswith(result.lead)
    assert result.lead.startswith("Vụ lúa Hè Thu")
    assert result.author == "HOÀNG LIÊN - MINH THƯ" and "HOÀNG LIÊN" not in result.text


def test_gallery_with_two_captions_is_not_an_article():
    figures = "".join(f'<figure><img src="/{i}.jpg" width="900"></figure>' for i in range(5))
    page = f"""<html><head><meta property="og:type" content="article"></head><body>
<h1>Ảnh: Sắc màu lễ hội đua ghe Ngo</h1><div class="date">18/11/2023 16:00</div>
<p>Lễ hội Ok Om Bok của đồng bào Khmer diễn ra sôi nổi trên sông Long Bình.</p>
{figures}</body></html>"""
    with pytest.raises(NotAnArticle) as caught:
        extract_article(page.encode(), "https://baotravinh.vn/anh/a.html")
    assert caught.value.reason in {"gallery", "no-text"}


def test_listing_page_is_not_an_article():
    items = "".join(
        f'<div class="item"><h3><a href="/t{i}">Tin số {i} về phát triển kinh tế huyện miền núi'
        f"</a></h3><p>Tóm tắt ngắn của tin số {i}.</p></div>"
        for i in range(12)
    )
    page = f"<html><body><h1>Kinh tế</h1>{items}</body></html>".encode()
    with pytest.raises(NotAnArticle) as caught:
        extract_article(page, "https://baoquangnam.vn/kinh-te")
    assert caught.value.reason in {"listing", "no-text"}


def test_pdf_body_is_undecodable():
    with pytest.raises(UndecodablePage):
        extract_article(b"%PDF-1.4 binary", "https://example.vn/a.pdf")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Tư, 20/04/2016 08:15", "2016-04-20T08:15:00+07:00"),
        ("20/04/2016 | 08:15", "2016-04-20T08:15:00+07:00"),
        ("Cập nhật: 10:30 ngày 05/03/2024", "2024-03-05T10:30:00+07:00"),
        ("Ngày 5 tháng 3 năm 2024", "2024-03-05T00:00:00+07:00"),
        ("2024-03-05T10:30:00+07:00", "2024-03-05T10:30:00+07:00"),
        ("2024-03-05T03:30:00Z", "2024-03-05T03:30:00+00:00"),
        ("05/03/2024 2:30 PM", "2024-03-05T14:30:00+07:00"),
    ],
)
def test_vietnamese_date_forms_parse_to_iso(text, expected):
    assert parse_vietnamese_date(text) == expected


def test_unclassed_sapo_under_the_headline_leads_the_text():
    page = article_page("").replace(b'class="sapo"', b'class="ctTp"')
    assert extract_article(page, URL).text.startswith("Sáng 20.4")


def test_date_line_under_the_headline_is_not_the_lead():
    page = article_page("").replace(b'class="sapo"', b'class="x"')
    page = page.replace(
        b"</h1>", "</h1><p>Cập nhật lúc: 07:15, 20/04/2016 Lượt xem: 35</p>".encode()
    )
    assert "Lượt xem" not in (extract_article(page, URL).lead or "")


def test_innermost_byline_box_gives_the_name_without_the_date():
    box = '<div class="author-meta"><b class="author-name">Văn Đức</b><span>20/04/2016</span></div>'
    page = article_page("").replace(b"</h1>", f"</h1>{box}".encode())
    assert extract_article(page, URL).author == "Văn Đức"


def test_right_aligned_closing_line_is_a_signature_whatever_its_case():
    result = extract_article(article_page('<p align="right">Văn phòng UBND tỉnh</p>'), URL)
    assert result.author == "Văn phòng UBND tỉnh"
    assert "Văn phòng UBND" not in result.text


def test_publisher_named_as_author_in_json_ld_is_no_author():
    ld = '{"@type":"NewsArticle","author":{"@type":"NewsMediaOrganization","name":"World Report"}}'
    page = article_page("", head=f'<script type="application/ld+json">{ld}</script>')
    assert extract_article(page, URL).author is None


def _undated_notice(after: str) -> bytes:
    """A short undated notice on an old site, with whatever `after` puts below it."""
    title = "Hội cựu chiến binh xã tổ chức gặp mặt đầu xuân - Xã Tam Hòa"
    return f"""<html><head><title>{title}</title></head><body>
<div id="content"><h2>Hội cựu chiến binh xã tổ chức gặp mặt đầu xuân</h2>
<p>Sáng mùng sáu Tết, hội cựu chiến binh xã tổ chức buổi gặp mặt đầu xuân tại hội trường
thôn Trung. Hơn tám mươi hội viên đã về dự, cùng ôn lại kỷ niệm những năm tháng quân ngũ và
bàn kế hoạch giúp đỡ các hội viên có hoàn cảnh khó khăn trong năm mới. Buổi gặp mặt kết thúc
bằng tiết mục văn nghệ do chi hội thôn Đông chuẩn bị, trong không khí đầm ấm.</p></div>
{after}</body></html>""".encode()


def test_comment_form_under_a_short_undated_article_does_not_make_it_a_form():
    comment_form = """<div class="titlebar">Gửi ý kiến</div><form action="/tin/12.html"
method="post"><input type="text" name="hoten"><input type="text" name="email">
<textarea name="comment"></textarea><input type="text" name="code"></form>"""
    result = extract_article(_undated_notice(comment_form), "https://xa.example.vn/tin/12.html")
    assert "Hơn tám mươi hội viên" in result.text


def test_page_built_around_a_contact_form_is_still_a_form():
    contact_form = """<form action="/lien-he" method="post"><input type="text" name="hoten">
<input type="text" name="email"><input type="text" name="dienthoai">
<textarea name="noidung"></textarea></form>"""
    with pytest.raises(NotAnArticle) as caught:
        extract_article(_undated_notice(contact_form), "https://xa.example.vn/lien-he")
    assert caught.value.reason == "form"


def test_a_short_article_ending_with_one_contact_line_is_kept():
    body = """<html lang="vi"><head><meta charset="utf-8"><title>Tuyển sinh lớp nghề</title></head>
<body><article><h1>Huyện Phước Sơn mở lớp dạy nghề đan lát cho đồng bào Bh'noong</h1>
<p>Ngày 12/3/2024, Trung tâm Giáo dục nghề nghiệp huyện Phước Sơn khai giảng lớp dạy nghề đan
lát truyền thống cho 35 học viên là đồng bào Bh'noong ở các xã Phước Kim, Phước Thành.</p>
<p>Lớp học kéo dài ba tháng, học viên được hỗ trợ tiền ăn và nguyên liệu; sản phẩm làm ra được
hợp tác xã bao tiêu để bán cho khách du lịch tại thị trấn Khâm Đức và thành phố Hội An.</p>
<p>Mọi thông tin chi tiết xin liên hệ điện thoại 0235 3881 234.</p>
</article></body></html>""".encode()
    article = extract_article(body, "https://phuocson.quangnam.gov.vn/tin-tuc/day-nghe-123.html")
    assert "đan lát truyền thống" in article.text
