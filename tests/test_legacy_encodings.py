"""Legacy Vietnamese text: mojibake repair and TCVN3/VNI detection and conversion."""

import random
import unicodedata

import pytest

from crawler.extract import legacy_encodings
from crawler.extract.legacy_encodings import (
    UNICODE_TO_VNI,
    convert_legacy,
    detect_legacy,
    encode_legacy,
    may_hold_mojibake,
    repair_mojibake,
    restore_vietnamese,
)

SENTENCES = [
    "Ủy ban nhân dân tỉnh Quảng Nam tổ chức hội nghị tổng kết công tác năm 2024.",
    "Người dân xã Phước Sơn được hỗ trợ giống lúa mới để khôi phục sản xuất sau lũ.",
    "Đà Nẵng đẩy mạnh chuyển đổi số, nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
    "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương hoàn thiện thể chế, pháp luật.",
    "Trường học vùng cao thiếu giáo viên tiếng Anh; kỹ thuật viên cũng chưa đủ.",
    "Ông Nguyễn Văn Ẩn, Bí thư Huyện ủy, kiểm tra tiến độ xây dựng cầu Ỷ La.",
    "Mưa lớn gây sạt lở nghiêm trọng ở huyện miền núi, nhiều tuyến đường bị chia cắt.",
]
TEXT = " ".join(SENTENCES)


def misread(text: str, codepage: str) -> str:
    """UTF-8 bytes decoded as a Western codepage, as browsers do (undefined bytes become C1)."""
    return "".join(
        bytes([b]).decode(codepage, errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_round_trip_restores_every_sentence(sentence):
    assert convert_legacy(encode_legacy(sentence, "vni"), "vni") == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_round_trip_restores_every_sentence_up_to_toned_capitals(sentence):
    # TCVN3 has no code for upper-case toned letters: ".VnTimeH" drew lower-case ones as capitals
    expected = "".join(
        ch.lower() if ch.isupper() and ch not in "ĂÂÊÔƠƯĐ" and not ch.isascii() else ch
        for ch in sentence
    )
    assert convert_legacy(encode_legacy(sentence, "tcvn3"), "tcvn3") == expected


def test_every_vietnamese_letter_has_a_distinct_vni_spelling():
    assert len(set(UNICODE_TO_VNI.values())) == len(UNICODE_TO_VNI) == 134


def test_known_spellings_from_the_published_charts():
    assert encode_legacy("Việt Nam", "tcvn3") == "ViÖt Nam"
    assert encode_legacy("Hà Nội", "tcvn3") == "Hµ Néi"
    assert encode_legacy("Đà Nẵng", "tcvn3") == "§µ N½ng"
    assert encode_legacy("người", "tcvn3") == "ng\xadêi"
    assert encode_legacy("Việt Nam", "vni") == "Vieät Nam"
    assert encode_legacy("Đà Nẵng", "vni") == "Ñaø Naüng"
    assert encode_legacy("người được", "vni") == "ngöôøi ñöôïc"
    assert encode_legacy("tỉnh ủy", "vni") == "tænh uûy"


@pytest.mark.parametrize("scheme", ["tcvn3", "vni"])
def test_detects_legacy_text(scheme):
    assert detect_legacy(encode_legacy(TEXT, scheme)) == scheme


def test_unicode_and_ascii_text_is_not_legacy():
    assert detect_legacy(TEXT) is None
    assert detect_legacy("Breaking news from the province © 2024 ®") is None
    assert detect_legacy(TEXT + " © 2024 Báo Quảng Nam ®") is None
    assert detect_legacy(unicodedata.normalize("NFD", TEXT)) is None


def test_unicode_pages_with_breadcrumbs_and_symbols_are_not_legacy():
    crumbs = "Trang chủ » Tin tức » Thời sự · Quảng Nam « Trước · Sau » © ® "
    assert detect_legacy(crumbs * 5 + SENTENCES[0]) is None
    assert detect_legacy("Giá 5½ triệu đồng, tăng ¼ so với năm ngoái; § 3 của luật mới") is None


def test_legacy_body_under_a_unicode_menu_is_still_detected():
    page = "Trang chủ · Tin tức · Liên hệ\n" + encode_legacy(TEXT, "tcvn3")
    assert detect_legacy(page) == "tcvn3"


def test_unknown_scheme_is_an_error():
    with pytest.raises(ValueError):
        convert_legacy("x", "viqr")


@pytest.mark.parametrize("misread_as", ["cp1252", "latin-1"])
def test_repairs_utf8_read_as_a_western_codepage(misread_as):
    assert repair_mojibake(misread(TEXT, misread_as)) == TEXT
    assert repair_mojibake("Viá»‡t Nam") == "Việt Nam"


def test_repairs_text_double_encoded_twice():
    twice = misread(misread(TEXT, "cp1252"), "cp1252")
    assert repair_mojibake(twice) == TEXT


def test_correct_text_is_left_alone_by_every_repair():
    assert repair_mojibake(TEXT) == TEXT
    assert restore_vietnamese(TEXT) == TEXT
    assert restore_vietnamese("Ça coûte 5 € — naïve café") == "Ça coûte 5 € — naïve café"


@pytest.mark.parametrize("scheme", ["tcvn3", "vni"])
def test_restore_converts_legacy_pages(scheme):
    restored = restore_vietnamese(encode_legacy(SENTENCES[1], scheme) * 2)
    assert restored == nfc(SENTENCES[1] * 2)


def test_restore_leaves_unicode_text_in_its_normal_form():
    decomposed = unicodedata.normalize("NFD", TEXT)
    assert restore_vietnamese(decomposed) == decomposed


def _samples(count: int = 3000) -> list[str]:
    """Short random texts over the characters the counts and patterns tell apart: Latin-1,
    Latin Extended, combining marks, IPA, Vietnamese, cp1252 symbols, surrogates, emoji."""
    rng = random.Random(12)
    pool = [chr(c) for c in (*range(0x300), *range(0x1DF0, 0x1F10), 0x20AC, 0x2019, 0x2122)]
    pool += ["\ud800", "\U0001f600", "\uffff", *TEXT, *misread(TEXT, "cp1252")]
    return ["".join(rng.choices(pool, k=rng.randrange(30))) for _ in range(count)]


def test_the_fast_character_counts_are_the_patterns_counts():
    for text in [*_samples(), TEXT, misread(TEXT, "cp1252"), encode_legacy(TEXT, "tcvn3")]:
        latin = len(legacy_encodings._LATIN1_MARKS.findall(text))
        unicode_letters = len(legacy_encodings._UNICODE_VIETNAMESE.findall(text))
        assert legacy_encodings._latin1_marks(text) == latin
        assert legacy_encodings._unicode_vietnamese(text) == unicode_letters


def test_bytes_without_a_mojibake_start_hold_no_mojibake():
    leads = [c for c, b in legacy_encodings._MISREAD_BYTE.items() if 0xC2 <= b <= 0xF4]
    trails = [c for c, b in legacy_encodings._MISREAD_BYTE.items() if 0x80 <= b <= 0xBF]
    assert all(may_hold_mojibake((lead + trail).encode()) for lead in leads for trail in trails)
    for text in [*_samples(), TEXT, misread(TEXT, "cp1252")]:
        if not may_hold_mojibake(text.encode("utf-8", "surrogatepass")):
            assert repair_mojibake(text) == text
    assert not may_hold_mojibake(TEXT.encode())
    assert may_hold_mojibake(misread(TEXT, "cp1252").encode())
