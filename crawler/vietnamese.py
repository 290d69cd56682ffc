"""Vietnamese text normalisation: one stored form, and a folded form for search.

Stored text is NFC with the classic tone placement ("hòa", "thủy"), so that the same word is
always the same string. Search folds further: marks removed and "đ" turned into "d", which
SQLite's own `remove_diacritics` never does.
"""

import re
import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONED_SECOND = re.compile(
    rf"(?<![^\W\d_])(?P<head>[^\W\d_]*?)(?P<v1>[oOuU])(?P<v2>[aAeEyY])(?P<tone>[{TONE_MARKS}])"
    r"(?![^\W\d_])"
)
_CLASSIC_PAIRS = {"oa", "oe", "uy"}
_WHITESPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def _classic_tone(match: re.Match) -> str:
    head, v1, v2, tone = match["head"], match["v1"], match["v2"], match["tone"]
    if (v1 + v2).lower() not in _CLASSIC_PAIRS or head.lower().endswith("q"):
        return match[0]
    return f"{head}{v1}{tone}{v2}"


def normalize_tone_placement(text: str) -> str:
    """Move the tone of open syllables in oa/oe/uy onto the first vowel: hoà → hòa, thuỷ → thủy.

    Syllables with a final consonant (hoàn) and qu- syllables (quý) are left as they are: both
    conventions agree on them.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONED_SECOND.sub(_classic_tone, decomposed))


def normalize_text(text: str) -> str:
    """The stored form of a text: NFC, classic tone placement, no control characters."""
    text = normalize_tone_placement(unicodedata.normalize("NFC", text))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def collapse_whitespace(text: str) -> str:
    """Collapse runs of horizontal whitespace in each line, drop empty lines' padding."""
    lines = (_WHITESPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(lines).strip()


def fold_vietnamese(text: str) -> str:
    """Lower-case, mark-free form for matching: "Đảng viên Phước Sơn" → "dang vien phuoc son"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).lower()
