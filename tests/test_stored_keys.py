"""The keys archives already store stay exactly what they were: content hashes, dedup signatures
(the signing key names how they were computed, so a change here would need a new one) and the
folded search forms. Their values for these texts were computed once and are pinned here; a
faster implementation must give the same bytes."""

import hashlib
import unicodedata

import pytest

from crawler.crawl.workers import _keys
from crawler.extract import Extracted
from crawler.store.dedup import DedupSettings, text_keys
from crawler.store.results import TextKeys
from crawler.store.search_index import indexed_forms

PARAGRAPHS = [
    "(QNO) - Sáng 12/3/2024, UBND huyện Phước Sơn tổ chức hội nghị tổng kết công tác phòng chống "
    "thiên tai năm 2023 và triển khai nhiệm vụ năm 2024, với sự tham dự của đại diện các xã.",
    "Theo báo cáo, năm qua mưa lũ đã làm sạt lở nhiều tuyến đường giao thông, hư hỏng 12 ngôi "
    "nhà và gây thiệt hại khoảng 15 tỷ đồng; chính quyền đã kịp thời di dời 230 hộ dân đến nơi an "
    "toàn, không để xảy ra thiệt hại về người.",
    "Cập nhật lúc: 07:15, Thứ Hai, 12/03/2024 (GMT+7)",
    "Phát biểu tại hội nghị, ông Nguyễn Văn Ẩn, Phó Chủ tịch UBND huyện, đề nghị các địa phương "
    "chủ động rà soát khu dân cư có nguy cơ sạt lở, chuẩn bị sẵn lương thực, thuốc men.",
    "Hoà bình, thuỷ lợi, khoẻ mạnh: những chữ đặt dấu kiểu cũ vẫn gặp trên nhiều cổng thông tin "
    "điện tử của tỉnh, huyện và xã trong suốt hai mươi năm qua.",
    "PHAN VINH - MINH THƯ",
    "Theo TTXVN",
]
ARTICLE = "\n\n".join(PARAGRAPHS)
# the same story as other pages would give it, and texts with what folding must not lose
TEXTS = {
    "article": ARTICLE,
    "decomposed": unicodedata.normalize("NFD", ARTICLE),
    "capitals": ARTICLE.upper(),
    "crlf and controls": ARTICLE.replace("\n\n", "\r\n\t\x07") + "\u00a0\u200b",
    "foreign scripts": ARTICLE
    + "\n\nΟΔΟΣ ΣΟΦΟΣ Κύριος; Привет, мир. 河内市 ١٢/٣/٢٠٢٤ İstanbul ǅ ß",
    "combining marks": ARTICLE.replace("ộ", "o\u0323\u0302\u0301").replace("e", "e\u0483"),
    "short": "Sáng nay, UBND huyện Phước Sơn tổ chức hội nghị.",
    "empty": "",
}
TITLE = "Phước Sơn: Tổng kết công tác phòng chống thiên tai năm 2023 – “sẵn sàng” ứng phó"
PINNED = {
    "article": "9ca082342a772491f9033714ea724307b0b524781984e49feafcdfb6a466927d",
    "decomposed": "9ca082342a772491f9033714ea724307b0b524781984e49feafcdfb6a466927d",
    "capitals": "7b2fb11040aa4eb0cbae3197d75a5ca4c7e0f57f5f7aea4f05de13a076cab4d5",
    "crlf and controls": "c158106f2775d4c25f4c119e9548b18b8e9db40a916ef75cec6d5527ac1f2804",
    "foreign scripts": "2c4ed7b7ce452f76c89503ed94242602d615183d1906addfd57dd11b38ca51fe",
    "combining marks": "79b053d6b059804e56631b443cda65a3e291ebabb9f22811bdcb746e042b753c",
    "short": "420c80a58c500d1e21cdf063a0c4359a04d68a1a0a2516a2ba2a5f34b87eca14",
    "empty": "f0145f49a58c727abd26b8d4706578614d3aefa0be62e9c830974ae5716d45c8",
}


def _digest(keys: TextKeys, forms: tuple[str, str]) -> str:
    parts = (keys.content_hash, (keys.signature or b"").hex(), keys.signing_key, *forms)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_stored_keys_of_a_text_are_the_pinned_ones(name):
    text, settings = TEXTS[name], DedupSettings()
    assert _digest(text_keys(text, settings), indexed_forms(TITLE, text)) == PINNED[name]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_an_extraction_workers_keys_are_the_pinned_ones(name):
    """The worker folds the text once for the search form and the signature's shingles."""
    article = Extracted(url="http://portal.vn/a.html", title=TITLE, text=TEXTS[name])
    keys = _keys(article, DedupSettings())
    assert _digest(keys, keys.search_forms) == PINNED[name]


def test_signing_key_is_unchanged():
    assert DedupSettings().signing_key == (
        "bands=32,hashes=128,min_shingles=30,scheme=oph-blake2b-v1,seed=1,shingle=3"
    )
