"""Remove Vietnamese portal boilerplate from a parsed page before text extraction.

Portals head their non-article blocks with a small vocabulary ("Tin liên quan", "Đọc nhiều",
"Ý kiến bạn đọc", "Cơ quan chủ quản" ...). Matching is done on folded text, so headings typed
without diacritics or with the old tone placement still match. Each rule is conservative: it
only drops a block whose text is the heading plus links, form controls or tool labels, so a
paragraph that merely mentions "bình luận" stays.
"""

import re
from collections import deque
from functools import lru_cache

from lxml.html import HtmlElement

from crawler.extract.elements import (
    BlockTexts,
    has_mark,
    holders_of,
    in_document,
    text_of,
    visible_chars,
)
from crawler.extract.vietnamese import fold_vietnamese
from crawler.extract.vocabulary import COMMENT_HEADINGS, RELATED_HEADINGS, TOOL_LABELS

# longest first: "in bai viet" before "in bai"
_TOOL_LABEL = re.compile(
    r"\b(" + "|".join(sorted(TOOL_LABELS, key=len, reverse=True)) + r"|a|\d+)\b|\s+"
)
_LABEL_WORDS = {word for label in TOOL_LABELS for word in label.split()} | {"a"}
# Site footer lines: ownership, licence and reprint notices.
_FOOTER_OPENINGS = (
    "co quan chu quan",
    "giay phep (so|xuat ban|hoat dong|thiet lap)",
    "ghi ro nguon",
    "chiu trach nhiem (noi dung|xuat ban|chinh)",
    "ban quyen (thuoc|©)",
    "tong bien tap ?:",
    "© ?(copyright|ban quyen|\\d{4})",
    "copyright ©?",
    "dia chi ?: .{0,80}dien thoai",
    "duong day nong ?:",
)
_FOOTER_START = re.compile("^(" + "|".join(_FOOTER_OPENINGS) + ")")
_FOOTER_FIRST = {opening[0] for opening in _FOOTER_OPENINGS}  # each opens with a letter
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "div", "p", "td"}
_HEADING_TAGS |= {"th", "li", "a", "header", "legend", "label", "section", "em", "font"}
_BLOCK_TAGS = ("p", "div", "td", "li", "span", "section", "footer", "table", "ul", "aside")
_SHARE_CLASS = re.compile(
    r"(^|[\s_-])(share|sharing|social|addthis|chiase|chia-se|print|inbai|in-bai|toolbar|tools|"
    r"fb-like|zalo|bookmark|like-share|sharemxh)",
    re.I,
)
_COMMENT_CLASS = re.compile(r"comment|binhluan|binh-luan|ykien|y-kien|feedback|phanhoi", re.I)
_PUNCT = re.compile(r"[^\w\s]+")
_WORDLESS = re.compile(r"[\d\s]*")
_SPACES = re.compile(r"\s+")
_COUNT_SUFFIX = re.compile(r"( \d+)$")
MAX_HEADING_CHARS = 45
_LINK_DENSE = 0.6


def strip_boilerplate(tree: HtmlElement) -> int:
    """Drop Vietnamese boilerplate blocks from `tree` in place; return how many were dropped."""
    _mark_protected(tree)
    dropped = _drop_comment_forms(tree)
    texts = BlockTexts()  # shared by the next rules, which read many blocks
    dropped += _drop_headed_blocks(tree, texts)
    dropped += _drop_tool_bars(tree, texts)
    dropped += _drop_footer_lines(tree, texts)
    dropped += _drop_link_lists(tree, texts)
    return dropped


def heading_kind(text: str) -> str | None:
    """Say whether a short text is a boilerplate heading: "related", "comments" or None."""
    if len(text) > MAX_HEADING_CHARS * 2:
        return None
    return _short_heading_kind(text)


@lru_cache(maxsize=8192)  # a portal's pages repeat their menus' and columns' texts
def _short_heading_kind(text: str) -> str | None:
    key = folded_key(text)
    if key in RELATED_HEADINGS:
        return "related"
    if key in COMMENT_HEADINGS:
        return "comments"
    return None


@lru_cache(maxsize=4096)  # nested wrappers and repeated sidebars give the same short texts
def folded_key(text: str) -> str:
    """Folded text without punctuation or trailing counts: "Bình luận (3):" → "binh luan"."""
    key = _SPACES.sub(" ", _PUNCT.sub(" ", fold_vietnamese(text))).strip()
    return _COUNT_SUFFIX.sub("", key)


def link_density(el: HtmlElement, minus: str = "", texts: BlockTexts | None = None) -> float:
    """Share of the element's text (less `minus`, e.g. its heading) that sits inside links."""
    count = texts.visible if texts is not None else _visible
    total = count(el) - visible_chars(minus)
    if total <= 0:
        return 1.0
    linked = sum(map(count, el.iter("a")))
    return min(linked / total, 1.0)


def _visible(el: HtmlElement) -> int:
    return visible_chars(text_of(el))


def _drop(el: HtmlElement, keep_tail: bool = True, texts: BlockTexts | None = None) -> int:
    if el.getparent() is None:
        return 0
    if texts is not None:
        texts.forget_above(el)
    if not keep_tail:
        el.tail = None
    el.drop_tree()
    return 1


_KEEP = "data-article-headline"


def _mark_protected(tree: HtmlElement) -> None:
    """The headline marks the article; any block holding it is never boilerplate. Marked once,
    so that no rule has to search a block for an <h1>."""
    for h1 in tree.iter("h1"):
        for el in (h1, *h1.iterancestors()):
            el.set(_KEEP, "")


def _is_protected(el: HtmlElement) -> bool:
    return el.tag in {"body", "html"} or el.get(_KEEP) is not None


def _has_form_controls(el: HtmlElement) -> bool:
    return any(True for _ in el.iter("textarea", "input", "button", "form", "select"))


def _drop_comment_forms(tree: HtmlElement) -> int:
    dropped = 0
    forms = in_document(tree, "form")  # //form[.//textarea]
    for form in [form for form in forms if any(True for _ in form.iterdescendants("textarea"))]:
        dropped += _drop(form, keep_tail=False)
    for el in in_document(tree, "div", "section", "ul", "ol", "aside"):
        if has_mark(el, _COMMENT_CLASS) and not _is_protected(el) and _is_thin(el):
            dropped += _drop(el, keep_tail=False)
    return dropped


def _is_thin(el: HtmlElement) -> bool:
    """No long paragraph of plain text: a form, a list of comments' names, a counter."""
    text = text_of(el)
    return len(text) < 1500 and not any(
        len(text_of(p)) > 400 and link_density(p) < 0.2 for p in el.iter("p")
    )


def _holds_prose(el: HtmlElement) -> bool:
    """Two paragraphs of plain text: an article's body (with a comments heading below it),
    which no comment rule may take along."""
    prose = (p for p in el.iter("p") if len(text_of(p)) >= 120 and link_density(p) < 0.3)
    return next(prose, None) is not None and next(prose, None) is not None


def _drop_headed_blocks(tree: HtmlElement, texts: BlockTexts) -> int:
    dropped = 0
    candidates = list(tree.iter(*_HEADING_TAGS))
    short = texts.short(candidates, _PREFIXED_BLOCK_CHARS)  # longer: neither heading nor block
    for el in candidates:
        text = short.get(el)
        if text is None or el.getparent() is None:
            continue
        kind = heading_kind(text)
        if kind is None and not _prefixed_link_block(el, text, texts):
            continue
        if _in_document(el, tree):  # asked last: it climbs to the root
            dropped += _drop_headed(el, text, kind, texts) if kind else _drop(el, False, texts)
    return dropped


def _in_document(el: HtmlElement, tree: HtmlElement) -> bool:
    """Still in the page, not inside a block dropped earlier (a removed element keeps its
    document, so its top ancestor is what tells)."""
    top = deque(el.iterancestors(), maxlen=1)
    return (top[0] if top else el) is tree


_PREFIXED_BLOCK_CHARS = 600


def _prefixed_link_block(el: HtmlElement, text: str, texts: BlockTexts) -> bool:
    """ "Từ khóa: a, b, c" or "Tin liên quan: <a>…</a>" in one element, the rest being links."""
    if el.tag not in {"p", "div", "li", "td", "span"} or len(text) > _PREFIXED_BLOCK_CHARS:
        return False
    head = _heading_prefix(text)
    if head is None:
        return False
    if next(el.iter("a"), None) is None:
        return False
    return link_density(el, minus=head, texts=texts) >= _LINK_DENSE


def _heading_prefix(text: str) -> str | None:
    """The folded boilerplate heading before the text's first colon, if it opens with one."""
    return _heading_before_colon(text.split(":", 1)[0]) if ":" in text else None


@lru_cache(maxsize=8192)
def _heading_before_colon(prefix: str) -> str | None:
    head = folded_key(prefix)
    return head if heading_kind(head) is not None else None


def _drop_headed(heading: HtmlElement, text: str, kind: str, texts: BlockTexts) -> int:
    target = heading
    parent = target.getparent()
    # Climb wrappers that hold nothing but the heading: <div class="title"><h3>…</h3></div>.
    while parent is not None and not _is_protected(parent) and _same_text(parent, text, texts):
        target, parent = parent, parent.getparent()
    if parent is None:
        return 0
    if not _is_protected(parent) and _rest_is_boilerplate(parent, text, kind, texts):
        return _drop(parent, False, texts)
    dropped = 0
    for sibling in list(target.itersiblings()):
        if not _sibling_is_boilerplate(sibling, kind, texts):
            break
        dropped += _drop(sibling, False, texts)
    return dropped + _drop(target, False, texts)


def _same_text(el: HtmlElement, text: str, texts: BlockTexts) -> bool:
    return "".join(texts.of(el).split()) == "".join(text.split())


def _rest_is_boilerplate(
    container: HtmlElement, heading: str, kind: str, texts: BlockTexts
) -> bool:
    rest = texts.visible(container) - visible_chars(heading)
    if rest < 15:
        return True
    if kind == "comments" and (_has_form_controls(container) or _is_thin(container)):
        return rest < 1500 and not _holds_prose(container)
    return rest < 3000 and link_density(container, heading, texts) >= _LINK_DENSE


def _sibling_is_boilerplate(el: HtmlElement, kind: str, texts: BlockTexts) -> bool:
    if not isinstance(el.tag, str) or _is_protected(el):
        return False
    text = "".join(texts.of(el).split())
    if kind == "comments" and (_has_form_controls(el) or has_mark(el, _COMMENT_CLASS)):
        return not _holds_prose(el)
    if el.tag == "br":
        return True
    return bool(text) and link_density(el, texts=texts) >= _LINK_DENSE


_TOOL_BAR_CHARS = 200


def _drop_tool_bars(tree: HtmlElement, texts: BlockTexts) -> int:
    dropped = 0
    candidates = in_document(tree, "div", "ul", "span", "p", "li", "td", "a", "section", "nav")
    short = texts.short(candidates, _TOOL_BAR_CHARS)
    for el in candidates:
        text = short.get(el)
        if text is None or el.getparent() is None or _is_protected(el):
            continue
        if _is_tool_bar(el, text):
            top = el
            while top.getparent() is not None and not _is_protected(top.getparent()):
                if not _only_tool_labels(text_of(top.getparent())):
                    break
                top = top.getparent()
            dropped += _drop(top, False, texts)
    return dropped


def _is_tool_bar(el: HtmlElement, text: str) -> bool:
    if len(text) > _TOOL_BAR_CHARS:
        return False
    if has_mark(el, _SHARE_CLASS) and len(text.strip()) < 60:
        return True
    return _only_tool_labels(text)


@lru_cache(maxsize=8192)
def _only_tool_labels(text: str) -> bool:
    if len(text) > 200:
        return False
    key = folded_key(text)
    if not key or _WORDLESS.fullmatch(key):
        return False  # a number alone is a table's figure, not a counter beside a label
    # a word that is in no label cannot be taken away by the pattern: no need to run it
    if not all(word in _LABEL_WORDS or word.isdigit() for word in key.split()):
        return False
    return not _TOOL_LABEL.sub("", key).strip()


_FOOTER_CHARS = 1200


def _drop_footer_lines(tree: HtmlElement, texts: BlockTexts) -> int:
    dropped = 0
    candidates = in_document(tree, *_BLOCK_TAGS)
    short = texts.short(candidates, _FOOTER_CHARS)
    broken = holders_of(tree, "br")  # a colophon's lines are broken by <br>
    for el in candidates:
        text = short.get(el)
        if text is None or el.getparent() is None or _is_protected(el):
            continue
        text = text.strip()
        if len(text) < _FOOTER_CHARS and (_footer_start(text) or el in broken and _is_colophon(el)):
            dropped += _drop(el, False, texts)
    return dropped


def _footer_start(text: str) -> bool:
    return _footer_opening(text[:60])


@lru_cache(maxsize=8192)
def _footer_opening(text: str) -> bool:
    first = fold_vietnamese(text[:1])
    if first and first not in _FOOTER_FIRST:
        return False  # folding the first letter alone tells most lines apart
    return _FOOTER_START.match(fold_vietnamese(text[:60])) is not None


def _is_colophon(el: HtmlElement) -> bool:
    """A site's imprint block: its name, then lines such as "Cơ quan chủ quản: …", "Giấy phép
    số …", "Địa chỉ: …" separated by <br>. Needs an ownership line, which articles never hold."""
    if el.find(".//br") is None:
        return False
    lines = [fold_vietnamese(line.strip()) for line in text_lines(el) if line.strip()]
    colophon = [line for line in lines if _COLOPHON_LINE.match(line)]
    owned = any(_FOOTER_START.match(line) for line in colophon)
    return owned and len(colophon) >= 2 and 2 * len(colophon) >= len(lines)


def text_lines(el: HtmlElement) -> list[str]:
    """An element's text, in document order, split at <br>: old layouts break lines, not
    blocks ("<b>NAME</b><br><i>(Theo …)</i>" is two lines)."""
    lines = [el.text or ""]
    for child in el:
        _add_lines(child, lines)
    return lines


def _add_lines(node: HtmlElement, lines: list[str]) -> None:
    if node.tag == "br":
        lines.append("")
    elif isinstance(node.tag, str):
        lines[-1] += node.text or ""
        for child in node:
            _add_lines(child, lines)
    lines[-1] += node.tail or ""


# Folded labels that open an address, telephone or e-mail line.
CONTACT_LABELS = "dia chi|dien thoai|email|e-mail|fax|hotline|duong day nong"
_COLOPHON_LINE = re.compile(
    rf"^(co quan chu quan|chiu trach nhiem|giay phep|{CONTACT_LABELS}|"
    r"ban quyen|©|copyright|tong bien tap|pho tong bien tap|toa soan)"
)


def _drop_link_lists(tree: HtmlElement, texts: BlockTexts) -> int:
    dropped = 0
    for el in in_document(tree, "ul", "ol", "div", "table", "article", "aside", "section"):
        if el.getparent() is None or _is_protected(el):
            continue
        if _is_link_list(el, texts) or _is_link_box(el, texts):
            dropped += _drop(el, False, texts)
    return dropped


def _is_link_list(el: HtmlElement, texts: BlockTexts) -> bool:
    """Three or more items, each a link, and hardly any text outside the links."""
    items = [child for child in el if isinstance(child.tag, str)]
    if len(items) < 3 and el.tag not in {"ul", "ol"}:
        return False
    linked = [item for item in items if item.tag == "a" or next(item.iter("a"), None) is not None]
    if len(linked) < 3 or len(linked) < 0.8 * len(items):
        return False
    return link_density(el, texts=texts) >= 0.75


def _is_link_box(el: HtmlElement, texts: BlockTexts) -> bool:
    """A short box of nothing but links: a related-story card or a tag row set in the body."""
    if el.tag in {"ul", "ol"} or not 10 <= len(texts.of(el).strip()) <= 300:
        return False
    return next(el.iter("a"), None) is not None and link_density(el, texts=texts) >= 0.95
