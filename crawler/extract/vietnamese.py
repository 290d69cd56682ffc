"""Vietnamese text: the stored form, and the forms matching compares.

Stored text is the page's own words: NFC, control characters removed, nothing else
(`normalize_text`). Equivalences live only in the forms used for matching: `canonical_tones`
puts tones in the classic place ("hoà" and "hòa" both become "hòa") for searching with marks,
and `fold_vietnamese` removes marks and turns "đ" into "d", which SQLite's own
`remove_diacritics` never does.
"""

import re
import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONED_SECOND = re.compile(
    rf"(?<![^\W\d_])(?P<head>[^\W\d_]*?)(?P<v1>[oOuU])(?P<v2>[aAeEyY])(?P<tone>[{TONE_MARKS}])"
    # an open syllable: no letter follows, nor a second mark on the vowel ("hoặc": in NFD the
    # dot below comes before the breve, and "oă" is no oa/oe/uy pair)
    r"(?![^\W\d_]|[\u0300-\u036f])"
)
_CLASSIC_PAIRS = {"oa", "oe", "uy"}
# Runs of horizontal whitespace become one space: the runs that change are those of two or
# more, or of one that is not a space already (a line's single spaces need no replacing,
# which was most of the matching).
_WHITESPACE_CHANGED = re.compile(
    r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]"
)
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # category Cc but for \t and \n


def _classic_tone(match: re.Match) -> str:
    head, v1, v2, tone = match["head"], match["v1"], match["v2"], match["tone"]
    if (v1 + v2).lower() not in _CLASSIC_PAIRS or head.lower().endswith("q"):
        return match[0]
    return f"{head}{v1}{tone}{v2}"


def canonical_tones(text: str) -> str:
    """Move the tone of open syllables in oa/oe/uy onto the first vowel: hoà → hòa, thuỷ → thủy.
    For matching (search with marks) only, never for storage.

    Syllables with a final consonant (hoàn) and qu- syllables (quý) are left as they are: both
    conventions agree on them.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONED_SECOND.sub(_classic_tone, decomposed))


def normalize_text(text: str) -> str:
    """The stored form of a text: the page's words in NFC, without control characters."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def collapse_whitespace(text: str) -> str:
    """Collapse runs of horizontal whitespace in each line, drop empty lines' padding."""
    lines = (_WHITESPACE_CHANGED.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(lines).strip()


def fold_vietnamese(text: str) -> str:
    """Lower-case, mark-free form for matching: "Đảng viên Phước Sơn" → "dang vien phuoc son"."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_FAST_FOLD)
    if _NEEDS_UNICODE_FOLD.search(folded) is None:
        return folded.lower()
    return _fold_by_decomposition(text)


def _fold_by_decomposition(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).lower()


_FAST_RANGES = ((0x80, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070))


def _fast_fold() -> tuple[dict[int, str | None], re.Pattern]:
    """A translation table that folds Latin letters with marks (Vietnamese included) and their
    combining marks exactly as `_fold_by_decomposition` does, and a pattern finding any
    character the table does not cover (other scripts), which then takes the Unicode path.
    Characters the fold keeps map to themselves: str.translate raises and clears a KeyError
    for every character its table lacks, which made it twice as slow on Vietnamese text."""
    table: dict[int, str | None] = {code: chr(code) for code in range(0x80)}
    covered = []
    for code in (c for low, high in _FAST_RANGES for c in range(low, high)):
        ch = chr(code)
        folded = _fold_by_decomposition(ch)
        if folded == ch.lower():
            table[code] = ch
            covered.append(ch)
        elif len(folded) <= 1:
            table[code] = folded or None
            covered.append(ch)
    return table, re.compile("[^\\x00-\\x7f" + re.escape("".join(covered)) + "]")


_FAST_FOLD, _NEEDS_UNICODE_FOLD = _fast_fold()
