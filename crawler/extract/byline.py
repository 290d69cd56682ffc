"""Who wrote it: byline boxes, JSON-LD authors, and signature lines ("HOÀNG LIÊN - MINH THƯ", "Theo
TTXVN") moved out of the body.
"""

import re
import unicodedata
from itertools import takewhile

from lxml.html import HtmlElement

from crawler.extract.boilerplate import text_lines
from crawler.extract.elements import has_mark, marked_below, text_of
from crawler.extract.metadata import _BYLINE_CLASS
from crawler.extract.model import _Page, clean
from crawler.extract.vietnamese import fold_vietnamese

_BYLINE_PREFIX = re.compile(
    r"^(tac gia|bai va anh|bai, anh|bai anh|bai|tin va anh|tin, anh|tin anh|tin|anh|"
    r"nguoi viet|by|boi|thuc hien|nhom pv|posted by|written by|von|par|por|di)\s*:?\s+",
    re.I,
)
_SOURCE_LINE = re.compile(r"^\(?\s*(theo|nguon)\s*:?\s+(.{2,80}?)\s*\)?\.?$", re.I)
_BYLINE_TAIL = re.compile(r"\s+[·|•]\s+|\s+-\s+(?=\d)|,\s+(?=\d)")
_ACCOUNT_NAMES = {
    "admin",
    "administrator",
    "quan tri",
    "quan tri vien",
    "editor",
    "bbt",
    "root",
    "bien tap vien",
    "ban bien tap",
}
_SITE_LIKE = re.compile(r"\b(bao|cong thong tin|tap chi|dai|online|portal|\.vn|\.com)\b|://")


# Bylines are never in comment zones ("comment-form-author") nor form fields; but a whole
# ASP.NET page sits in one <form>, so forms as such are no sign.
_NOT_BYLINES = {"input", "label", "meta", "textarea"}


def _in_comments(el: HtmlElement) -> bool:
    return any(
        "comment" in a.get("class", "") or "comment" in a.get("id", "")
        for a in (el, *el.iterancestors())
    )


def _read_byline(tree: HtmlElement, linked: list[dict], meta: dict, page: _Page) -> None:
    for el in page.marked:
        if not _is_byline_box(el) or el.tag in _NOT_BYLINES or _in_comments(el):
            continue
        if any(_names_someone(d) for d in marked_below(el)):
            continue  # the innermost box: an outer one also holds the date or a job title
        text = _byline_text(el)
        if 2 < len(text) <= 80:
            _assign_credit(text, page)
            if page.byline or page.byline_source:
                page.byline_box = el
                return
    for candidate in (_ld_author(linked), meta.get("author"), meta.get("article:author")):
        text = clean(candidate)
        if _is_person(text):
            page.byline = text
            return


def drop_byline_box(page: _Page) -> None:
    """The byline box is metadata, read already: it must not run into the text ("By Erik
    SolheimScience reporter"). Only a small box goes; a body marked as by-the-author stays."""
    box = page.byline_box
    if not isinstance(box, HtmlElement) or box.getparent() is None:
        return
    if len(text_of(box)) <= 150 and box.find(".//p") is None:
        box.drop_tree()


def _names_someone(el: HtmlElement) -> bool:
    if not _is_byline_box(el):
        return False
    text = text_of(el)
    if len(" ".join(text.split())) > 80:  # longer than any "và 2 tác giả khác" alone
        return True
    return bool(_without_other_authors(clean(text)))


def _is_byline_box(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return False
    if el.get("itemprop") == "author":
        return True
    # JS frameworks name their boxes in data attributes ("byline-block")
    return has_mark(el, _BYLINE_CLASS, "data-component", "data-testid")


def _byline_text(el: HtmlElement) -> str:
    """The name in a byline box: its first text piece, after a bare "By"/"Tác giả:" piece;
    "By <a>Jane Doe</a> · <time>…</time>" or "<b>Erik</b><span>Science reporter</span>"."""
    pieces = [_without_other_authors(clean(t)) for t in el.itertext()]
    pieces = [p for p in pieces if p]
    if len(pieces) <= 1:
        return pieces[0] if pieces else ""
    first = pieces[0]
    if pieces[1].startswith("("):
        return f"{first} {pieces[1]}"  # "Hoài Nam (TTXVN/Vietnam+)"
    prefix = _BYLINE_PREFIX.match(fold_vietnamese(first) + " ")
    if prefix and not first[prefix.end() :].strip():
        return f"{first} {pieces[1]}"  # "By" alone, the name in the next piece
    return first


def _is_person(name: str) -> bool:
    folded = fold_vietnamese(name)
    return bool(name) and not _SITE_LIKE.search(folded) and folded not in _ACCOUNT_NAMES


def _ld_author(linked: list[dict]) -> str | None:
    for obj in linked:
        author = obj.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict):
            # a publisher credited as author is no person
            is_publisher = "organization" in str(author.get("@type")).lower()
            author = None if is_publisher else author.get("name")
        if isinstance(author, str) and author.strip():
            return author
    return None


# "Hoài Thu và 1 tác giả khác", "Jane Doe and 2 others": the unnamed co-authors are no name
_OTHER_AUTHORS = re.compile(
    r"(^|\s*[,;]?\s+)(va|and|\+)\s*\d+\s*(tac gia|nguoi|others?|more|authors?)( khac)?\s*$"
)


def _without_other_authors(text: str) -> str:
    folded = fold_vietnamese(text)
    match = _OTHER_AUTHORS.search(folded)
    if match is None or len(folded) != len(text):
        return text
    return text[: match.start()].strip()


def _assign_credit(text: str, page: _Page) -> None:
    text = _without_other_authors(text)
    source = _SOURCE_LINE.match(text)
    if source:
        page.byline_source = source[2].strip(" .")
        return
    folded = fold_vietnamese(text)
    prefix = _BYLINE_PREFIX.match(folded)
    name = text[prefix.end() :].strip() if prefix else text
    name = _BYLINE_TAIL.split(name)[0].strip()
    if name and len(name.split()) <= 12 and fold_vietnamese(name) not in _ACCOUNT_NAMES:
        page.byline = name


_UPPER_NAME = re.compile(r"^[^\W\d_][^\d]{1,70}$")
_TITLE_NAME = re.compile(
    r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴ][\w'’.]*\s?){2,6}"
    r"(?:\s?[-–,]\s?(?:[A-ZĐ][\w'’.]*\s?){2,6})*(?:\s*\([^()]{2,80}\))?$"
)


def _trailing_credits(tree: HtmlElement, last_paragraph: str, signed: set[str]) -> list[str]:
    """Short lines right after the article's last paragraph, which trafilatura drops as too
    short: that is where portals sign ("HOÀNG LIÊN - MINH THƯ", "Theo TTXVN")."""
    key = _cheap_key(last_paragraph)[:40]
    if len(key) < 20:
        return []
    probe = key.split()[0]  # in the lower-cased text of any node holding the key, if NFC
    for text in tree.xpath("//text()"):
        if len(text) < len(key) or probe not in text.lower() and _is_nfc(text):
            continue
        if key in _cheap_key(text):
            lines = [] if text.is_tail else _credits_after(text.getparent())
            return list(takewhile(lambda line: _is_credit(line, signed), lines))
    return []


def _is_credit(line: str, signed: set[str]) -> bool:
    return bool(_SOURCE_LINE.match(line) or _signature_name(line) or _signed_line(line, signed))


def _credits_after(el: HtmlElement, levels: int = 4) -> list[str]:
    """Short lines following the last paragraph, climbing out of wrappers: table CMSs put
    the signature in the next row (`<tr><td align="right"><b>NAME</b>`), not the next <p>."""
    for _ in range(levels):
        lines = _short_lines_after(el)
        if lines or el.getparent() is None or _has_text_after(el):
            return lines
        el = el.getparent()
    return []


def _has_text_after(el: HtmlElement) -> bool:
    return any(isinstance(s.tag, str) and text_of(s).strip() for s in el.itersiblings())


def _is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def _cheap_key(text: str) -> str:
    """A quick comparison form for matching extracted text back to the page."""
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


def _short_lines_after(el: HtmlElement) -> list[str]:
    lines: list[str] = []
    for nxt in el.itersiblings():
        if not isinstance(nxt.tag, str) or nxt.tag == "br":
            continue
        for text in _broken_lines(nxt):
            if len(text) > 90 or len(lines) >= 3:
                return lines
            lines.append(text)
    return lines


def _broken_lines(el: HtmlElement) -> list[str]:
    """An element's non-empty lines, split at <br> and at line ends, cleaned."""
    pieces = (piece for line in text_lines(el) for piece in line.split("\n"))
    return [line for line in map(clean, pieces) if line]


def _split_signature(paragraphs: list[str], page: _Page) -> tuple[list[str], dict[str, str]]:
    """Move credit lines (author signature, "Theo …") from the body into fields."""
    found: dict[str, str] = {}
    if page.byline_source:
        found["source_line"] = page.byline_source
    if page.byline:
        found["author"] = page.byline
    byline_key = fold_vietnamese(page.byline or "")
    body = [p for p in paragraphs if not byline_key or fold_vietnamese(p) != byline_key]
    while len(body) > 1 and _take_credit(body[-1], found, page.right_aligned):
        body.pop()
    return body, found


def _take_credit(line: str, found: dict[str, str], signed: set[str] = frozenset()) -> bool:
    source = _SOURCE_LINE.match(line)
    if source:
        found.setdefault("source_line", source[2].strip(" .()"))
        return True
    name = _signature_name(line) or _signed_line(line, signed)
    if name:
        found.setdefault("author", name)
        return True
    return False


def _signed_line(line: str, signed: set[str]) -> str | None:
    """A right-aligned closing line that is not a sentence: a signature of any shape."""
    folded = fold_vietnamese(line)
    words = [w for w in line.split() if w not in {"-", "–"}]
    if folded not in signed or line.endswith((".", "?", "!", ":")) or len(words) > 14:
        return None
    prefix = _BYLINE_PREFIX.match(folded)
    return line[prefix.end() :].strip() if prefix else line


def _signature_name(line: str) -> str | None:
    """An author signature: upper-case names, or "Nguyễn Văn A (Trung tâm VHTTTT huyện)"."""
    text = line.strip()
    prefix = _BYLINE_PREFIX.match(fold_vietnamese(text))
    if prefix:
        text = text[prefix.end() :].strip()
    if not text or len(text) > 90 or text.endswith((".", "?", "!", ":")):
        return None
    letters = [ch for ch in re.sub(r"\([^)]*\)", "", text) if ch.isalpha()]
    if len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters):
        return text if _UPPER_NAME.match(text) and len(text.split()) <= 12 else None
    return text if prefix or _TITLE_NAME.match(text) else None
