"""The article's headline: the heading that matches the page title or its article markup."""

import re
import unicodedata

from lxml.html import HtmlElement

from crawler.extract.elements import has_mark, text_of
from crawler.extract.metadata import _TITLE_CLASS
from crawler.extract.model import _Page, clean
from crawler.extract.vietnamese import fold_vietnamese


def _read_headline(tree: HtmlElement, meta: dict, page: _Page) -> None:
    titles = [meta.get("og:title"), meta.get("twitter:title"), *_title_segments(tree)]
    references = [fold_vietnamese(clean(t)) for t in titles if t]
    best: tuple[int, str, HtmlElement] | None = None  # (rank of the reference matched, text, el)
    fallback = None
    starts = {ref[:_START] for ref in references}
    firsts = {ref[:1] for ref in references}
    for el in tree.iter(*_CANDIDATE_TAGS):  # in page order, as an index would count them
        if _could_be_headline(el):
            raw = text_of(el)
        elif _is_short_leaf(el):
            raw = el.text  # a bare <span>/<td> holding the headline: its text says so
        else:
            continue
        if el.tag != "h1" and _cannot_match(raw, starts, firsts):
            continue
        text = clean(raw)
        folded = fold_vietnamese(text)
        rank = next((r for r, ref in enumerate(references) if _same_headline(folded, ref)), None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, text, el)
        if fallback is None and el.tag == "h1" and len(text.split()) >= 3:
            fallback = (text, el)
    if best is not None:
        page.headline, page.headline_index = best[1], _index_of(tree, best[2])
    elif fallback is not None:
        page.headline, page.headline_index = fallback[0], _index_of(tree, fallback[1])
    elif references:
        page.headline = clean(meta.get("og:title") or _strip_site_name(_title_element(tree)))


def _index_of(tree: HtmlElement, el: HtmlElement) -> int:
    """The element's place among all nodes of the tree in page order (what `_find_lead` and
    the date rules count from)."""
    return list(tree.iter()).index(el)


_START = 10  # a headline is at least this long, and starts as a reference starts


def _cannot_match(raw: str, starts: set[str], firsts: set[str]) -> bool:
    """Whether a text surely matches no reference, judged from its first characters only:
    cleaning and folding every short text of a page costs more than the rest of the search.
    Its first letter alone tells most texts apart, unless cleaning could drop it."""
    first = raw.lstrip()[:1]
    sure = first and first not in _CLEANED_AWAY and not unicodedata.combining(first)
    if sure and fold_vietnamese(first)[:1] not in firsts:
        return True
    start = fold_vietnamese(clean(raw[:40]))[:_START]
    return len(start) == _START and start not in starts


# what cleaning removes that str.lstrip keeps: control characters and the zero-width space
_CLEANED_AWAY = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0x200B)}


_LEAF_TAGS = {"span", "td", "div", "p", "b", "strong", "font"}
_CANDIDATE_TAGS = ("h1", "h2", "h3", *_LEAF_TAGS)  # those two tests below can pass


def _is_short_leaf(el: HtmlElement) -> bool:
    return len(el) == 0 and el.tag in _LEAF_TAGS and 10 < len((el.text or "").strip()) < 300


def _could_be_headline(el: HtmlElement) -> bool:
    if el.tag in {"h1", "h2", "h3"}:
        return True
    if el.tag in {"div", "td", "span", "p", "strong", "b", "font"}:
        return has_mark(el, _TITLE_CLASS) and 10 < len(text_of(el)) < 300
    return False


def _same_headline(folded: str, reference: str) -> bool:
    if len(folded) < 10:
        return False
    return (
        folded == reference or reference.startswith(folded) and len(folded) > 0.5 * len(reference)
    )


def _title_segments(tree: HtmlElement) -> list[str]:
    """The browser title and its parts: "BAO X - Headline" names the site first or last."""
    title = _title_element(tree)
    if not title:
        return []
    parts = sorted((p for p in _TITLE_SEPARATOR.split(title) if len(p) >= 15), key=len)
    return [title, *reversed(parts)]


_TITLE_SEPARATOR = re.compile(r"\s+[-|–—»:]{1,2}\s+")


def _title_element(tree: HtmlElement) -> str | None:
    found = tree.find(".//title")
    return text_of(found) if found is not None else None


def _strip_site_name(title: str | None) -> str | None:
    """ "Headline - Báo Quảng Nam" → "Headline": drop a short trailing site segment."""
    if not title:
        return title
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and len(parts[-1]) < 0.6 * len(" ".join(parts[:-1])):
        parts.pop()
    return " - ".join(parts)
