"""Layout families that used to lose text: the page's own words, all of them, in published order.

Each fixture is a page of our own writing imitating a family; its `body` in cases.json is the
article's text as published, and the stored paragraphs must equal it exactly.
"""

import json

import pytest
from hostile_server import to_cp1258

from crawler.extract import ExtractOptions, NotAnArticle, extract_article
from crawler.extract.evaluation import EVALDATA
from crawler.extract.vietnamese import canonical_tones, fold_vietnamese

CASES = {case["file"]: case for case in json.loads((EVALDATA / "cases.json").read_text())}


def _page(name: str) -> tuple[dict, str]:
    case = CASES[name]
    return case, (EVALDATA / "pages" / name).read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _webforms_bodies() -> dict[str, tuple[bytes, str | None]]:
    _, html = _page("webforms-dnn.html")
    cp1258 = html.replace("charset=utf-8", "charset=windows-1258")
    return {
        "utf-8": (html.encode("utf-8"), "utf-8"),
        "windows-1258": (to_cp1258(cp1258), None),
        # the server says Latin-1 while the bytes are UTF-8
        "wrong-header": (html.encode("utf-8"), "iso-8859-1"),
    }


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1258", "wrong-header"])
def test_webforms_page_inside_one_form_is_extracted_whole(encoding):
    case, _ = _page("webforms-dnn.html")
    body, declared = _webforms_bodies()[encoding]
    article = extract_article(body, case["url"], ExtractOptions(declared_encoding=declared))
    assert _paragraphs(article.text) == _paragraphs(case["body"])
    assert article.title == case["title"]
    assert article.published == case["published"]
    assert article.lead == _paragraphs(case["body"])[0]
    assert article.author == case["author"]
    assert article.captions == ("Máy đào nạo vét kênh Cả Găng, xã Tân Thành A",)
    assert article.doubtful is None


def test_words_are_stored_as_the_page_spells_them():
    case, _ = _page("webforms-dnn.html")
    body, declared = _webforms_bodies()["utf-8"]
    text = extract_article(body, case["url"], ExtractOptions(declared_encoding=declared)).text
    for word in ("hoặc", "Hoà,", "tuỳ theo", "Thuỷ,", "hoá thêm", "sức khoẻ", "Ủy ban"):
        assert word in text, word
    assert "họăc" not in text and "Hòa," not in text


def test_matching_forms_still_equate_tone_placements():
    assert canonical_tones("hoà uỷ khoẻ") == canonical_tones("hòa ủy khỏe") == "hòa ủy khỏe"
    assert canonical_tones("hoặc ngoặc") == "hoặc ngoặc"  # the breve's syllable is left alone
    assert fold_vietnamese("Uỷ ban hoà giải") == fold_vietnamese("Ủy ban hòa giải")


SHORT_NOTICE = """<html><head><title>Thông báo lịch tiếp công dân</title></head><body>
<div class="content"><div class="item"><p>Lịch tiếp công dân định kỳ tháng 4 của Chủ tịch UBND
huyện vào sáng thứ Năm hằng tuần tại trụ sở Ban Tiếp công dân huyện.</p></div></div>
</body></html>""".encode()


def test_weak_rejection_names_its_rule_and_evidence():
    with pytest.raises(NotAnArticle) as caught:
        extract_article(SHORT_NOTICE, "https://huyen.example.gov.vn/thong-bao/lich-tiep-12.html")
    assert caught.value.reason == "no-text"
    assert "characters of text" in caught.value.evidence
    assert not caught.value.strong


def test_page_reached_as_an_article_is_kept_and_flagged_doubtful():
    options = ExtractOptions(expected_article=True)
    url = "https://huyen.example.gov.vn/thong-bao/lich-tiep-12.html"
    article = extract_article(SHORT_NOTICE, url, options)
    assert article.text.startswith("Lịch tiếp công dân định kỳ tháng 4")
    assert article.doubtful is not None and article.doubtful.startswith("no-text:")


def test_empty_page_is_rejected_even_when_reached_as_an_article():
    empty = b"<html><head><title>Trang</title></head><body><div>&nbsp;</div></body></html>"
    with pytest.raises(NotAnArticle) as caught:
        extract_article(empty, "https://a.example.vn/x.html", ExtractOptions(expected_article=True))
    assert caught.value.strong


def test_div_layout_sapo_in_its_own_block_stays_lead_and_body_keeps_its_order():
    case, html = _page("div-sapo-province.html")
    article = extract_article(html.encode(), case["url"])
    assert _paragraphs(article.text) == _paragraphs(case["body"])
    assert article.lead is not None and article.lead.startswith("(BTA) - Mùa khô năm nay")
    assert article.captions == (
        "Nông dân xã Hàm Trí thu hoạch bắp trên diện tích chuyển đổi từ lúa.",
    )
    assert article.author == "NGUYỄN TIẾN"
    assert article.categories == ("Kinh tế", "Nông nghiệp")


CO_AUTHORED = """<html><head><title>Mở rộng quốc lộ 14E qua Hiệp Đức - Báo Quảng Nam</title>
<meta property="og:title" content="Mở rộng quốc lộ 14E qua Hiệp Đức"></head><body>
<div class="category"><a href="/tin-lien-quan">Tin liên quan</a></div>
<h1>Mở rộng quốc lộ 14E qua Hiệp Đức</h1><div class="date">12/03/2025 08:00</div>
<div class="author"><a href="/tac-gia/hoai-thu">Hoài Thu</a>
<span class="author-more">và 1 tác giả khác</span></div>
<div class="content"><p>Bộ Giao thông vận tải vừa phê duyệt dự án mở rộng đoạn quốc lộ 14E qua huyện
Hiệp Đức với tổng chiều dài hơn 18 km, mặt đường rộng 12 mét, tổng vốn đầu tư 650 tỷ đồng.</p>
<p>Theo kế hoạch, dự án khởi công trong quý III năm nay và hoàn thành vào cuối năm 2027, giúp
rút ngắn thời gian đi lại giữa vùng trung du và các huyện miền núi phía tây của tỉnh.</p></div>
</body></html>""".encode()


def test_unnamed_co_authors_and_box_headings_are_no_metadata():
    article = extract_article(CO_AUTHORED, "https://baoquangnam.vn/giao-thong/mo-rong-ql14e-1.html")
    assert article.author == "Hoài Thu"
    assert "Tin liên quan" not in article.categories
