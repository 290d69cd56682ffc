"""Turn a fetched body into HTML text, or refuse it.

Order of trust: byte-order mark, the HTTP charset, the page's own `<meta charset>`, strict
UTF-8, then the legacy code pages Vietnamese portals actually used (windows-1258, then
cp1252 as the last resort that decodes anything). Binary bodies (PDF, images, archives) are
refused here so that nothing downstream has to guess.

The rejection exceptions live here because decoding is the first step that can reject a page;
`crawler.extract.article` re-exports them.
"""

import codecs
import re

from crawler.extract.legacy_encodings import may_hold_mojibake, restore_vietnamese

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_FALLBACKS = ("utf-8", "windows-1258", "cp1252")
# WHATWG: labels for Latin-1 and ASCII mean windows-1252 in browsers, and so on portals.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}
_MAX_CONTROL_SHARE = 0.01
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20)])  # the same, as UTF-8 bytes


class NotAnArticle(Exception):
    """The page is readable but is not a news article: `reason` names the rule in one word,
    `evidence` says what it saw. A `strong` rejection stands even for a page reached as an
    article (sitemap, feed, article_pattern); a weak one then only flags the page doubtful."""

    def __init__(self, reason: str, detail: str = "", strong: bool = True) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.evidence = detail
        self.strong = strong


class UndecodablePage(NotAnArticle):
    """The body is not HTML text in any encoding we know (binary, PDF, image, garbage)."""


def decode_html(body: bytes, declared_encoding: str | None) -> str:
    """Decode a fetched body into HTML text; raise UndecodablePage when it is not HTML."""
    return decode_page(body, declared_encoding)[0]


def decode_page(body: bytes, declared_encoding: str | None) -> tuple[str, bool]:
    """`decode_html`, and whether the text is the body read as UTF-8, nothing restored."""
    if not body.strip():
        raise UndecodablePage("empty")
    if body.lstrip()[:8].startswith(_BINARY_MAGIC):
        raise UndecodablePage("not-html", "binary file signature")
    text, codec = _decode(body, declared_encoding)
    utf8 = codec == "utf-8"  # then `body` is the text's UTF-8: its bytes answer faster
    _check_is_text(text, controls=not utf8 or _has_control_bytes(body))
    # mojibake is UTF-8 read as cp1252: its letter pairs are found in the bytes of a UTF-8 page
    mojibake = not utf8 or may_hold_mojibake(body)
    restored = restore_vietnamese(text, mojibake)  # mojibake, TCVN3 and VNI pages become Unicode
    return restored, utf8 and restored == text


def _decode(body: bytes, declared_encoding: str | None) -> tuple[str, str]:
    """The text and the codec that gave it ("bom" for a byte-order mark's)."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), "bom"
    for encoding in (declared_encoding, _meta_charset(body), *_FALLBACKS):
        found = _try_decode(body, encoding)
        if found is not None:
            return found
    return body.decode("cp1252", errors="replace"), "cp1252"


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _try_decode(body: bytes, encoding: str | None) -> tuple[str, str] | None:
    if not encoding:
        return None
    name = _ALIASES.get(encoding.strip().lower(), encoding.strip())
    try:
        codec = codecs.lookup(name).name
        return body.decode(codec), codec
    except (LookupError, UnicodeDecodeError):
        return None


def _has_control_bytes(body: bytes) -> bool:
    return len(body.translate(None, _CONTROL_BYTES)) < len(body)


def _check_is_text(text: str, controls: bool = True) -> None:
    """`controls`: whether the text may hold control characters (a UTF-8 body without their
    bytes holds none)."""
    sample = text[:20000]
    if controls and len(_CONTROL_CHARS.findall(sample)) > len(sample) * _MAX_CONTROL_SHARE:
        raise UndecodablePage("not-html", "binary content")
    if "<" not in sample:
        raise UndecodablePage("not-html", "no markup")
