"""Article or not: the page's shape (forms, embeds, teaser links, images) and the rule that rejects
pages that are clearly not articles, saying why.
"""

import re
from functools import lru_cache

from lxml.html import HtmlElement

from crawler.extract.boilerplate import CONTACT_LABELS
from crawler.extract.byline import _broken_lines, _cheap_key
from crawler.extract.decoding import NotAnArticle
from crawler.extract.elements import in_document, text_of
from crawler.extract.metadata import _classes
from crawler.extract.model import _Page, clean
from crawler.extract.vietnamese import fold_vietnamese


def _read_shape(tree: HtmlElement, page: _Page) -> None:
    """Counts that tell articles from listings and galleries, taken before any cleaning."""
    page.anchors = set()
    for a in tree.iter("a"):
        text = text_of(a)
        if len(text.strip()) >= 20:
            key = _link_key(text)
            page.anchors.add(key)
            page.anchors.update(_teaser_texts(a, text))
            if len(text.strip()) >= 30:
                page.headline_links.add(key)
    page.content_images = sum(1 for img in tree.iter("img") if _is_content_image(img))
    page.right_aligned = _right_aligned_lines(tree)
    page.embeds = sum(map(_is_embed, in_document(tree, "video", "iframe")))
    page.form_inputs = sum(
        1
        for field in in_document(tree, "input", "textarea")
        if _is_text_field(field) and not _in_comment_form(field) and not _is_search_field(field)
    )


# link texts: a portal's pages repeat their menus and columns
_link_key = lru_cache(maxsize=8192)(_cheap_key)


def _is_embed(el: HtmlElement) -> bool:
    """A video, or a frame of one: //video|//iframe[contains(@src,'youtube') or …'video']."""
    src = el.get("src") or ""
    return el.tag == "video" or "youtube" in src or "video" in src


def _is_text_field(el: HtmlElement) -> bool:
    """//input[@type='text' or @type='email' or not(@type)]|//textarea"""
    return el.tag == "textarea" or el.get("type") in {"text", "email", None}


_COMMENT_FORM = re.compile(r"comment|kommentar|binh-?luan|y-?kien|reply|respond", re.I)


def _in_comment_form(field: HtmlElement) -> bool:
    """A reader-comment form under an article (name, e-mail, message) does not make the page
    a form: the form, a box around it or its message field says it takes comments."""
    form = next(field.iterancestors("form"), None)
    if form is None:
        return False
    boxes = [form, *list(form.iterancestors())[:3], *form.iter("textarea")]
    marks = " ".join(f"{_classes(el)} {el.get('name', '')}" for el in boxes)
    return bool(_COMMENT_FORM.search(f"{marks} {form.get('action', '')}"))


def _is_search_field(field: HtmlElement) -> bool:
    """The site search box every page of a portal carries; it says nothing about this page."""
    form = next(field.iterancestors("form"), None)
    marks = f"{field.get('name', '')} {_classes(field)} {field.get('placeholder', '')}"
    if form is not None:
        marks += f" {form.get('action', '')} {_classes(form)}"
    return bool(_SEARCH_FIELD.search(fold_vietnamese(marks)))


_SEARCH_FIELD = re.compile(r"search|tim-?kiem|timkiem|keyword|tu-?khoa|(^|[\s/])q($|\s)")


def _right_aligned_lines(tree: HtmlElement) -> set[str]:
    """Short right-aligned lines: where portals sign an article whatever the name's shape
    ("Văn phòng UBND tỉnh", "Y Thông - Văn phòng HĐND và UBND huyện")."""
    lines = (clean(text_of(el)) for el in in_document(tree, "p", "div") if _is_right_aligned(el))
    return {fold_vietnamese(line) for line in lines if 2 < len(line) <= 90}


def _is_right_aligned(el: HtmlElement) -> bool:
    """//p[contains(@style,'right') or @align='right']|//div[contains(@style,'right')]"""
    right = "right" in (el.get("style") or "")
    return right or el.tag == "p" and el.get("align") == "right"


def _teaser_texts(link: HtmlElement, link_text: str) -> list[str]:
    """Texts beside a headline link in a small item box: a listing's teaser summaries."""
    heading = link.getparent()
    if heading is None or heading.tag not in {"h2", "h3", "h4", "h5"}:
        if not _HEADLINE_LINK_CLASS.search(link.get("class", "")):
            return []
        heading = link
    item = heading.getparent()
    if item is None or len(text_of(item)) > 400 + len(link_text):
        return []
    texts = [_cheap_key(text_of(el)) for el in item if el is not heading]
    # old table listings put the summary after a <br>, as text, not in an element of its own
    return texts + [_cheap_key(line) for line in _broken_lines(item)]


_HEADLINE_LINK_CLASS = re.compile(r"title|tieu-?de|headline", re.I)


def _is_content_image(img: HtmlElement) -> bool:
    width = img.get("width", "")
    if width.isdigit() and int(width) < 200:
        return False
    return not any(a.tag == "a" for a in img.iterancestors("a"))


# --- article or not -----------------------------------------------------------------------

MIN_ARTICLE_CHARS = 300
MIN_SHORT_ARTICLE_CHARS = 150
MIN_GALLERY_TEXT_CHARS = 700


MIN_KEPT_CHARS = 50  # less than a sentence: nothing to archive, however the page was reached
_STRONG_LISTING_SHARE = 0.5


def _reject_non_article(paragraphs: list[str], page: _Page) -> None:
    """Raise NotAnArticle with the rule and its evidence when the page is not an article."""
    text_chars = sum(len(p) for p in paragraphs)
    if text_chars < MIN_KEPT_CHARS:
        raise NotAnArticle("no-text", f"{text_chars} characters of text")
    _reject_listing(paragraphs, page, text_chars)
    pictures = page.content_images >= 3 or page.embeds
    if pictures and text_chars < MIN_GALLERY_TEXT_CHARS:
        detail = f"{page.content_images} images, {text_chars} chars"
        raise NotAnArticle("gallery", detail, strong=False)
    if page.form_inputs >= 3 and text_chars < 1500 and not page.published:
        raise NotAnArticle("form", f"{page.form_inputs} form fields", strong=False)
    if text_chars < 1500:  # a contact page is short: a long text is never one
        _reject_contact_page(paragraphs, page, text_chars)
    evidence = _article_evidence(page)
    needed = MIN_SHORT_ARTICLE_CHARS if evidence >= 2 else MIN_ARTICLE_CHARS
    if evidence == 0:
        needed = 2 * MIN_ARTICLE_CHARS
    if text_chars < needed:
        detail = f"{text_chars} characters of text, {needed} needed with {evidence} signs"
        raise NotAnArticle("no-text", detail, strong=False)


def _reject_contact_page(paragraphs: list[str], page: _Page, text_chars: int) -> None:
    contacts = [len(p) for p in paragraphs if _CONTACT_LINE.search(fold_vietnamese(p))]
    share = sum(contacts) / max(1, text_chars)
    if len(contacts) >= 2 and share >= 0.4 or page.form_inputs and share >= 0.3:
        detail = f"{len(contacts)} address, telephone and e-mail lines"
        raise NotAnArticle("contact", detail, strong=False)


def _reject_listing(paragraphs: list[str], page: _Page, text_chars: int) -> None:
    by_start = _by_start(page.anchors)
    teaser_lengths = [len(p) for p in paragraphs if _is_teaser(p, page.anchors, by_start)]
    teaser_chars, teasers = sum(teaser_lengths), len(teaser_lengths)
    strong = (
        teasers >= 4
        and teaser_chars > _STRONG_LISTING_SHARE * text_chars
        and _article_evidence(page) <= 1  # an article's headline and date outweigh its links
    )
    if teasers >= 4 and teaser_chars >= 0.25 * text_chars or teaser_chars > 0.5 * text_chars:
        detail = f"{teasers} headline links in the text ({teaser_chars} of {text_chars} chars)"
        raise NotAnArticle("listing", detail, strong=strong)
    embedded = _embedded_headlines(paragraphs, page.headline_links)
    if len(embedded) >= 3 and sum(map(len, embedded)) >= 0.15 * text_chars:
        detail = f"{len(embedded)} headline links run into the text"
        raise NotAnArticle("listing", detail, strong=False)


_CONTACT_LINE = re.compile(
    rf"^({CONTACT_LABELS})\b|@[\w-]+\.[\w.]+|\b0\d{{2,3}}[ .]?\d{{3}}[ .]?\d{{3,4}}\b"
)


def _embedded_headlines(paragraphs: list[str], links: set[str]) -> list[str]:
    """Long link texts found inside the text: a listing whose items ran into one paragraph."""
    text = _cheap_key(" ".join(paragraphs))
    return [link for link in links if link in text]


def _by_start(anchors: set[str]) -> dict[str, list[str]]:
    """Anchors of 20 characters or more, by their first 20."""
    found: dict[str, list[str]] = {}
    for anchor in anchors:
        if len(anchor) >= 20:
            found.setdefault(anchor[:20], []).append(anchor)
    return found


def _is_teaser(paragraph: str, anchors: set[str], by_start: dict[str, list[str]]) -> bool:
    """A headline link's text, alone or followed by a short date ("Tiêu đề (22/04/2024)")."""
    key = _cheap_key(paragraph)
    if key in anchors:
        return True
    return any(key.startswith(a) and len(key) - len(a) <= 30 for a in by_start.get(key[:20], ()))


def _article_evidence(page: _Page) -> int:
    signs = (
        page.published is not None,
        page.headline is not None and page.headline_index >= 0,
        page.article_markup,
        page.lead is not None,
        page.byline is not None,
    )
    return sum(signs) - (page.og_type == "website" and not page.article_markup)
