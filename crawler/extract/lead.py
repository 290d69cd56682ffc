"""The sapo (lead) and the photo captions kept apart from the body."""

import re
from itertools import islice

from lxml.html import HtmlElement

from crawler.extract.boilerplate import link_density
from crawler.extract.byline import _cheap_key
from crawler.extract.dates import _DATE_WINDOW, _find_date
from crawler.extract.elements import has_mark, text_of
from crawler.extract.metadata import _LEAD_CLASS, _unique
from crawler.extract.model import _Page, clean
from crawler.extract.vietnamese import fold_vietnamese


def _find_lead(tree: HtmlElement, page: _Page) -> None:
    """The sapo marked as such; failing that, the first block of prose under the headline
    (portals often give the sapo a class of their own, "ctTp", "desnews", "abs")."""
    first = page.headline_index + 1
    window = islice(tree.iter(), first, first + 2 * _DATE_WINDOW)
    for index, el in enumerate(window, start=first):
        text = _short_text(el, _MAX_LEAD_CHARS)
        if text is None or not _could_be_lead(el, text):
            continue
        if _repeats_headline(text, page) or _in_list_item(el):
            continue
        if _is_lead(el, text, index == first):
            page.lead = clean(text)
            return
        if page.lead_guess is None and _is_prose_block(el, text):
            page.lead_guess = clean(text)


_MAX_LEAD_CHARS = 1000


def _short_text(el: HtmlElement, chars: int) -> str | None:
    """The element's text if its stripped text is at most `chars` long. Read as the walk goes,
    which mostly stops at the second or third element: a long container's text is long
    whatever its descendants hold."""
    if not isinstance(el.tag, str):
        return None
    text = text_of(el)
    return text if len(text.strip()) <= chars else None


def _in_list_item(el: HtmlElement) -> bool:
    """A teaser of another story in a list (related, latest, right rail) is no sapo."""
    return any(a.tag in {"li", "a"} for a in el.iterancestors())


def _repeats_headline(text: str, page: _Page) -> bool:
    return fold_vietnamese(clean(text)) == fold_vietnamese(page.headline or "")


_INNER_BLOCKS = ("p", "div", "table", "ul", "ol", "h2", "h3", "h4", "section", "article")


def _could_be_lead(el: HtmlElement, text: str) -> bool:
    text = text.strip()
    if not 40 <= len(text) <= _MAX_LEAD_CHARS or el.tag in {"a", "li", "ul", "body", "html"}:
        return False
    if link_density(el) > 0.3 or el.find(".//h1") is not None:
        return False
    # a sapo is one block: a box holding several paragraphs is the article body itself
    if len(el.findall(".//p")) > 1:
        return False
    # "Cập nhật lúc: 07:15, 12/09/2024 Lượt xem: 352" is a date line, not a sapo
    return len(text) >= 120 or not _find_date(fold_vietnamese(text))


def _is_lead(el: HtmlElement, text: str, right_after_headline: bool) -> bool:
    if has_mark(el, _LEAD_CLASS):
        return True
    if el.tag in {"b", "strong"} and len(text.strip()) >= 60:
        return True  # old table CMSs set the sapo in bold in a cell of its own
    return right_after_headline and el.tag in {"h2", "p"}


def _is_prose_block(el: HtmlElement, text: str) -> bool:
    if el.tag not in {"p", "h2", "div", "span"} or len(text.strip()) < 80:
        return False
    return not any(isinstance(c.tag, str) and c.tag in _INNER_BLOCKS for c in el.iterdescendants())


_CAPTION_CLASS = re.compile(
    r"caption|chuthich|chu-thich|img-?desc|image-?desc|photo-?desc|desc-?image|expnoedit|"
    r"note-?image|imgcaption|tplcaption|photocms_caption|fig-?caption|img-?note",
    re.I,
)
_CAPTION_STYLE = re.compile(r"text-align\s*:\s*center", re.I)


def _pull_captions(tree: HtmlElement, marked: list[HtmlElement]) -> tuple[str, ...]:
    """Remove photo captions from the tree and return their texts, in page order."""
    found = [el for el in tree.iter("figcaption")]
    found += [el for el in marked if has_mark(el, _CAPTION_CLASS) and el.find(".//img") is None]
    found += [el for img in tree.iter("img") for el in _caption_after_image(img)]
    found += [cell for table in tree.iter("table") for cell in _image_table_captions(table)]
    captions: list[str] = []
    for el in found:
        text = clean(text_of(el))
        if el.getparent() is not None and 0 < len(text) <= 500:
            captions.append(text)
            el.tail = None if not (el.tail or "").strip() else el.tail
            el.drop_tree()
    return _unique(captions)


def _image_table_captions(table: HtmlElement) -> list[HtmlElement]:
    """Old CMS image boxes: a small table holding one picture and its caption cell."""
    if len(table.xpath(".//img")) != 1 or table.find(".//table") is not None:
        return []
    if not 5 <= len(text_of(table).strip()) <= 300:
        return []
    return [cell for cell in table.iter("td") if text_of(cell).strip()]


# the line right after a picture, in the picture's own box: "<img><div><em>…</em></div>"
_CAPTION_TAGS = {"em", "i", "span", "small", "div", "p"}


def _caption_after_image(img: HtmlElement) -> list[HtmlElement]:
    """Old CMS captions: an italic or centred short line right after an image."""
    if any(a.tag == "a" for a in img.iterancestors("a")):
        return []
    nxt = img.getnext()
    while nxt is not None and nxt.tag == "br" and not (nxt.tail or "").strip():
        nxt = nxt.getnext()
    holder = img.getparent()
    if nxt is not None and nxt.tag in _CAPTION_TAGS and _is_caption_text(nxt, holder):
        return [nxt]
    if holder is None or holder.tag not in {"p", "div", "center", "td"}:
        return []
    if len(text_of(holder).strip()) > 0:
        return []
    after = holder.getnext()
    if after is not None and after.tag in {"p", "div"} and _is_caption_text(after):
        return [after]
    return []


_IMAGE_BOX = re.compile(r"image|img|photo|picture|figure|media|hinh-?anh|anh-?tin", re.I)


def _is_caption_text(el: HtmlElement, box: HtmlElement | None = None) -> bool:
    """A caption's look: italic or centred; or any short line in a box marked as a picture's."""
    text = text_of(el).strip()
    if box is not None and has_mark(box, _IMAGE_BOX) and 5 <= len(text) <= 500:
        return el.find(".//a") is None or link_density(el) < 0.5
    if not 5 <= len(text) <= 300:
        return False
    italic = "".join(text_of(i) for i in el.iter("em", "i")).strip()
    centred = bool(_CAPTION_STYLE.search(el.get("style", "") + el.get("align", "") + " "))
    return (
        el.tag in {"em", "i"}
        or len(italic) >= 0.8 * len(text)
        or centred
        or (el.get("align", "").lower() == "center")
    )


# --- the text -----------------------------------------------------------------------------


def _bold_first_paragraph(tree: HtmlElement, paragraphs: list[str]) -> str | None:
    """A first paragraph set wholly in bold is the sapo on pages without a sapo element."""
    if not paragraphs or len(paragraphs[0]) < 60:
        return None
    key = _cheap_key(paragraphs[0])
    for el in tree.iter("b", "strong"):
        if _cheap_key(clean(text_of(el))) == key:
            return paragraphs[0]
    return None


def _lead_first(paragraphs: list[str], lead: str | None) -> list[str]:
    if not lead:
        return paragraphs
    key = fold_vietnamese(lead)
    rest = [p for p in paragraphs if fold_vietnamese(p) != key]
    return [lead, *rest]
