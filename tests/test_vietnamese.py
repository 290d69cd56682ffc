"""The Vietnamese text forms keep their definitions however they are computed."""

import random
import re
import unicodedata

from crawler.extract.vietnamese import _fold_by_decomposition, collapse_whitespace, fold_vietnamese

SPACES = " \t\u00a0\u2003\u200b\u202f\u3000"
RUN = re.compile(f"[{SPACES}\u2000-\u200b\u205f]+")


def _texts(count: int = 3000) -> list[str]:
    rng = random.Random(7)
    pool = [*"Đà Nẵng hoà thuỷ x1.", *SPACES, "\n", "\r\n", "\u0301", "Σ", "İ", "ß", "河", "ǅ"]
    return ["".join(rng.choices(pool, k=rng.randrange(25))) for _ in range(count)]


def test_whitespace_runs_become_one_space_and_lines_are_trimmed():
    for text in _texts():
        lines = (RUN.sub(" ", line).strip() for line in text.splitlines())
        assert collapse_whitespace(text) == "\n".join(lines).strip()


def test_folding_is_the_decomposition_fold_on_any_text():
    for text in [*_texts(), unicodedata.normalize("NFD", "Đảng viên Phước Sơn")]:
        expected = text.lower() if text.isascii() else _fold_by_decomposition(text)
        assert fold_vietnamese(text) == expected
    assert fold_vietnamese("Đảng viên Phước Sơn") == "dang vien phuoc son"
