"""Vietnamese text that reached us mangled: double-encoded UTF-8 and pre-Unicode font encodings.

Old provincial sites typeset Vietnamese in TCVN3 (ABC, fonts ".VnTime…") or VNI (fonts
"VNI-Times…"): the bytes are Latin-1 letters and symbols that only the font drew as Vietnamese,
so once decoded the text reads "ViÖt Nam" (TCVN3) or "Vieät Nam" (VNI). The tables below follow
the TCVN 5712:1993 VN3 chart and the VNI Windows chart. Pure functions, no I/O.
"""

import re
import unicodedata

# TCVN3 (VN3): one byte per letter. Upper-case toned letters have no code of their own:
# headlines used the ".VnTimeH" font, which draws the lower-case codes as capitals.
_TCVN3_GROUPS = (
    ("¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ"),
    ("¨©ª«¬\xad®", "ăâêôơưđ"),
    ("µ¶·¸¹", "àảãáạ"),
    ("»¼½¾Æ", "ằẳẵắặ"),
    ("ÇÈÉÊË", "ầẩẫấậ"),
    ("ÌÎÏÐÑ", "èẻẽéẹ"),
    ("ÒÓÔÕÖ", "ềểễếệ"),
    ("×ØÜÝÞ", "ìỉĩíị"),
    ("ßáâãä", "òỏõóọ"),
    ("åæçèé", "ồổỗốộ"),
    ("êëìíî", "ờởỡớợ"),
    ("ïñòóô", "ùủũúụ"),
    ("õö÷øù", "ừửữứự"),
    ("úûüýþ", "ỳỷỹýỵ"),
)
TCVN3_TO_UNICODE = {
    code: letter
    for codes, letters in _TCVN3_GROUPS
    for code, letter in zip(codes, letters, strict=True)
}
# Symbols 0xA1–0xBE: TCVN3 uses them for the commonest letters (à, á, ư, ă, ê …), while
# Unicode Vietnamese and VNI hardly ever contain them. « » · © ® are left out: Unicode pages
# use them in breadcrumbs and footers.
_TCVN3_MARKS = re.compile(
    "[" + "".join(c for c in TCVN3_TO_UNICODE if c <= "¾" and c not in "«»·©®") + "]"
)
# Letters only Unicode spells (ă, đ, ơ, ư and every toned vowel but the Latin-1 ones): a
# page full of them is Unicode, whatever symbols it also has. Counted by `_unicode_vietnamese`
# (this pattern is its definition, which the tests hold it to).
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u024f\u1e00-\u1eff]")

# VNI: a base letter followed by a mark character; ơ, ư, đ and the toned i (and ỵ) are one
# character each.
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_VNI_TONE = dict(zip(_TONES, "ùøûõï", strict=True))
_VNI_HAT_TONE = dict(zip(_TONES, "áàåãä", strict=True))  # on â, ê, ô
_VNI_BREVE_TONE = dict(zip(_TONES, "éèúüë", strict=True))  # on ă
_VNI_I = dict(zip(_TONES, "íìæóò", strict=True))
_HAT, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
# VNI spellings impossible in Unicode Vietnamese and in TCVN3: "aâ", "eä", "aê", "öø", "aø" …
# (a letter, then a mark; no mark is also a letter that opens one)
_VNI_PAIRS = (
    ("aeoAEO", "âÂäåÄÅ"),
    ("aA", "êÊéèúüëÉÈÚÜË"),
    ("ôöÔÖ", "ùøûõïÙØÛÕÏ"),
    ("aeouyAEOUY", "øïØÏ"),
)
_VNI_MARK = re.compile("[" + "".join(marks for _, marks in _VNI_PAIRS) + "]")


def _vni_hits(text: str) -> int:
    """How many VNI spellings the text holds: found from their marks, which are rare, as a
    scan for the two-letter pairs costs ten times more."""
    hits = 0
    for match in _VNI_MARK.finditer(text):
        at, mark = match.start(), match[0]
        if at and any(text[at - 1] in letters and mark in marks for letters, marks in _VNI_PAIRS):
            hits += 1
    return hits


_MIN_HITS = 3
_MIN_HITS_PER_WORD = 0.05


def _vietnamese_letters() -> list[str]:
    """Every Vietnamese letter outside ASCII, lower- and upper-case."""
    letters = ["đ", "Đ"]
    shapes = {"a": ("", _HAT, _BREVE), "e": ("", _HAT), "o": ("", _HAT, _HORN), "u": ("", _HORN)}
    for base in "aeiouy":
        for shape in shapes.get(base, ("",)):
            for tone in ("", *_TONES):
                letter = unicodedata.normalize("NFC", base + shape + tone)
                if len(letter) == 1 and letter != base:
                    letters += [letter, letter.upper()]
    return letters


def _vni_of(letter: str) -> str:
    """The VNI spelling of one Vietnamese letter."""
    if letter in "đĐ":
        return "ñ" if letter == "đ" else "Ñ"
    base, *marks = unicodedata.normalize("NFD", letter.lower())
    tone = next((m for m in marks if m in _TONES), None)
    if _HORN in marks:
        spelled = ("ô" if base == "o" else "ö") + (_VNI_TONE[tone] if tone else "")
    elif _HAT in marks:
        spelled = base + (_VNI_HAT_TONE[tone] if tone else "â")
    elif _BREVE in marks:
        spelled = base + (_VNI_BREVE_TONE[tone] if tone else "ê")
    elif base == "i":
        spelled = _VNI_I[tone]
    elif base == "y" and tone == "\u0323":
        spelled = "î"
    else:
        spelled = base + _VNI_TONE[tone]
    return spelled.upper() if letter.isupper() else spelled


UNICODE_TO_VNI = {letter: _vni_of(letter) for letter in _vietnamese_letters()}
VNI_TO_UNICODE = {spelled: letter for letter, spelled in UNICODE_TO_VNI.items()}
_VNI_SEQUENCE = re.compile(
    "|".join(re.escape(s) for s in sorted(VNI_TO_UNICODE, key=len, reverse=True))
)
UNICODE_TO_TCVN3 = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}


def _cp1252_bytes() -> dict[str, int]:
    """Byte value of each character a UTF-8 byte turns into when misread as cp1252 or Latin-1."""
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue
    return table


_MISREAD_BYTE = _cp1252_bytes()
_LEADS = "".join(re.escape(c) for c, b in _MISREAD_BYTE.items() if 0xC2 <= b <= 0xF4)
_TRAILS = "".join(re.escape(c) for c, b in _MISREAD_BYTE.items() if 0x80 <= b <= 0xBF)
_MOJIBAKE = re.compile(f"[{_LEADS}][{_TRAILS}]{{1,3}}")
# The pattern's first two characters in UTF-8: a lead (U+00C2–U+00F4) is C3 82–C3 B4, and a
# trail (U+0080–U+00BF or a cp1252 symbol such as "‚", "€", "™") opens with C2, C5, C6, CB or E2.
_MOJIBAKE_START = re.compile(b"\xc3[\x82-\xb4][\xc2\xc5\xc6\xcb\xe2]")


def may_hold_mojibake(utf8: bytes) -> bool:
    """Whether a page's UTF-8 bytes could hold mojibake: the pattern's first two characters
    encoded. A scan of the bytes for them costs a tenth of the repair's scan of the text."""
    return _MOJIBAKE_START.search(utf8) is not None


def _redecode(match: re.Match) -> str:
    raw = bytes(_MISREAD_BYTE[c] for c in match[0])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match[0]


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252/Latin-1 ("Viá»‡t" → "Việt"), also when it happened twice."""
    for _ in range(3):
        repaired = _MOJIBAKE.sub(_redecode, text)
        if repaired == text:
            break
        text = repaired
    return text


_SAMPLE_CHARS = 40_000  # a legacy page is legacy throughout: its body's first part tells


# Latin-1 symbols and letters, which both legacy encodings spell marks with; counted by
# `_latin1_marks` (this pattern is its definition, which the tests hold it to).
_LATIN1_MARKS = re.compile("[\u00a1-\u00ff]")
_BELOW_LATIN1_MARKS = bytes(range(0xA1))
_U0200_U024F = re.compile("[\u0200-\u024f]")


def _latin1_marks(text: str) -> int:
    """len(_LATIN1_MARKS.findall(text)), counted in C: Latin-1 keeps U+0000–U+00FF."""
    return len(text.encode("latin-1", "ignore").translate(None, _BELOW_LATIN1_MARKS))


def _unicode_vietnamese(text: str) -> int:
    """len(_UNICODE_VIETNAMESE.findall(text)), counted in C from the high bytes of its UTF-16
    code units: 01 (U+0100–U+01FF), 1E (U+1E00–U+1EFF), and 02 when below U+0250."""
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    found = high.count(b"\x01") + high.count(b"\x1e")
    if b"\x02" in high:
        found += len(_U0200_U024F.findall(text))
    return found


def detect_legacy(text: str) -> str | None:
    """ "tcvn3" or "vni" when the text is set in that font encoding, else None."""
    if text.isascii():
        return None
    start = max(0, text.find("<body"))
    text = text[start : start + _SAMPLE_CHARS]
    # both encodings spell marks with Latin-1 characters (each hit holds one): without many,
    # or with no more of them than Unicode Vietnamese letters, no hit count can win
    latin = _latin1_marks(text)
    if latin < _MIN_HITS:
        return None
    unicode_letters = _unicode_vietnamese(text)
    if latin <= unicode_letters:
        return None
    hits = {"tcvn3": len(_TCVN3_MARKS.findall(text)), "vni": _vni_hits(text)}
    scheme = max(hits, key=hits.get)
    if hits[scheme] < _MIN_HITS or hits[scheme] <= unicode_letters:
        return None  # before counting words, which costs more than the rest
    enough = max(_MIN_HITS, len(text.split()) * _MIN_HITS_PER_WORD)
    return scheme if hits[scheme] >= enough else None


def convert_legacy(text: str, scheme: str) -> str:
    """Text in TCVN3 or VNI turned into NFC Unicode."""
    if scheme == "tcvn3":
        converted = text.translate(str.maketrans(TCVN3_TO_UNICODE))
    elif scheme == "vni":
        converted = _VNI_SEQUENCE.sub(lambda m: VNI_TO_UNICODE[m[0]], text)
    else:
        raise ValueError(f"unknown legacy encoding {scheme!r}")
    return unicodedata.normalize("NFC", converted)


def encode_legacy(text: str, scheme: str) -> str:
    """Unicode Vietnamese spelled in TCVN3 or VNI, as an old page shows it decoded as Latin-1.

    TCVN3 has no upper-case toned letters: they come out lower-case, as under ".VnTimeH".
    """
    text = unicodedata.normalize("NFC", text)
    if scheme == "tcvn3":
        table = UNICODE_TO_TCVN3
        return "".join(table.get(ch, table.get(ch.lower(), ch)) for ch in text)
    if scheme == "vni":
        return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in text)
    raise ValueError(f"unknown legacy encoding {scheme!r}")


def restore_vietnamese(text: str, mojibake: bool = True) -> str:
    """Decoded page text with mojibake repaired (unless the caller knows it has none) and
    legacy font encodings converted.

    Text that needed neither keeps its normalisation form: storing composes it (NFC) anyway.
    """
    if mojibake:
        text = repair_mojibake(text)
    scheme = detect_legacy(text)
    return text if scheme is None else convert_legacy(text, scheme)
