"""Cheap answers to questions every rule asks of many elements: which class marks an element
carries (a page repeats a few class names on hundreds of elements, and several rules ask each
element about their own pattern, so the answers are memoised by the attribute values), what
text a block holds (read once for several rules), which blocks hold a given tag.
"""

import re

from lxml import etree
from lxml.html import HtmlElement

# the attributes that single an element out: class, id, itemprop or a data mark
_MARK_NAMES = frozenset({"class", "id", "itemprop", "data-component", "data-testid"})

_MARKS: dict[tuple[int, str], bool] = {}


def has_mark(el: HtmlElement, pattern: re.Pattern, *extra: str) -> bool:
    """Whether `pattern` is found in the element's class or id (or `extra` attributes)."""
    classes, ident = el.get("class"), el.get("id")
    if classes and _marked(pattern, classes) or ident and _marked(pattern, ident):
        return True
    for name in extra:
        value = el.get(name)
        if value and _marked(pattern, value):
            return True
    return False


def _marked(pattern: re.Pattern, value: str) -> bool:
    """Memoised by value: class names repeat on many elements of a page and across its
    pages. (Keyed by the pattern's id: hashing a compiled pattern hashes its program.)
    Values are asked one by one, which the patterns allow: none matches across the space
    between a class and an id."""
    key = (id(pattern), value)
    found = _MARKS.get(key)
    if found is None:
        if len(_MARKS) > 200_000:
            _MARKS.clear()
        cased, lower = _case_free(pattern)
        found = (cased.search(value.lower()) if lower else cased.search(value)) is not None
        _MARKS[key] = found
    return found


_CASE_FREE: dict[int, tuple[re.Pattern, bool]] = {}


def _case_free(pattern: re.Pattern) -> tuple[re.Pattern, bool]:
    """A lower-case pattern compiled without IGNORECASE, to search lower-cased values: three
    to five times faster, as the engine can skip ahead on the first letters again."""
    found = _CASE_FREE.get(id(pattern))
    if found is None:
        lower = bool(pattern.flags & re.IGNORECASE) and pattern.pattern == pattern.pattern.lower()
        flags = pattern.flags & ~re.IGNORECASE if lower else pattern.flags
        found = _CASE_FREE[id(pattern)] = (re.compile(pattern.pattern, flags), lower)
    return found


def in_document(tree: HtmlElement, *tags: str) -> list[HtmlElement]:
    """`tree.xpath("//t1|//t2|…")`: the elements of the tree's document with those tags, in
    document order. lxml's iteration finds them at a tenth of the XPath evaluation's cost."""
    return [el for top in _top_level(tree) for el in top.iter(*tags)]


def marked(tree: HtmlElement) -> list[HtmlElement]:
    """The elements of the tree's document that carry a mark (`_MARK_NAMES`), in order."""
    found = (el for top in _top_level(tree) for el in top.iter(etree.Element))
    return [el for el in found if not _MARK_NAMES.isdisjoint(el.keys())]


def _top_level(tree: HtmlElement) -> list[HtmlElement]:
    """The document's top-level nodes: its root, and the second <html> some broken pages give."""
    root = tree.getroottree().getroot()
    return [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]


def marked_below(el: HtmlElement) -> list[HtmlElement]:
    """The elements inside `el` that carry a mark, in document order."""
    below = el.iterdescendants(etree.Element)
    return [found for found in below if not _MARK_NAMES.isdisjoint(found.keys())]


_tostring = etree.tostring


def text_of(el: HtmlElement) -> str:
    """`el.text_content()`, the same string at about half the cost: a leaf's text is its own,
    and lxml's text serialiser walks a subtree without the XPath set-up of `string()`."""
    if len(el) == 0:
        return el.text or ""
    return _tostring(el, method="text", encoding=str, with_tail=False)


def visible_chars(text: str) -> int:
    """Characters but whitespace (str.split and the regex \\s agree on what that is)."""
    return sum(map(len, text.split()))


def holders_of(tree: HtmlElement, tag: str) -> set[HtmlElement]:
    """The elements that hold a `tag` element, found from those elements up."""
    holders: set[HtmlElement] = set()
    for found in tree.iter(tag):
        for holder in found.iterancestors():
            if holder in holders:
                break
            holders.add(holder)
    return holders


class BlockTexts:
    """The texts of a page's blocks, each read once for every rule that asks. A rule that
    drops a block says so (`forget_above`): only the texts of its ancestors change."""

    def __init__(self) -> None:
        self._known: dict[HtmlElement, str] = {}
        self._visible: dict[HtmlElement, int] = {}

    def of(self, el: HtmlElement) -> str:
        text = self._known.get(el)
        if text is None:
            text = self._known[el] = text_of(el)
        return text

    def visible(self, el: HtmlElement) -> int:
        """`visible_chars` of the element's text, counted once too."""
        count = self._visible.get(el)
        if count is None:
            count = self._visible[el] = visible_chars(self.of(el))
        return count

    def forget_above(self, el: HtmlElement) -> None:
        for ancestor in el.iterancestors():
            self._known.pop(ancestor, None)
            self._visible.pop(ancestor, None)

    def short(self, elements: list[HtmlElement], chars: int) -> dict[HtmlElement, str]:
        """The texts of those elements (a list in document order) no longer than `chars`,
        read from the innermost out: an element holding a long one is long too and is left
        out unread. A rule walking the list in order may use them after it drops blocks: a
        drop shortens only the dropped block's ancestors, which come earlier in the list."""
        long: set[HtmlElement] = set()
        texts: dict[HtmlElement, str] = {}
        for el in reversed(elements):
            if el in long:
                continue
            text = self.of(el)
            if len(text) <= chars:
                texts[el] = text
                continue
            for holder in (el, *el.iterancestors()):
                if holder in long:
                    break
                long.add(holder)
        return texts
