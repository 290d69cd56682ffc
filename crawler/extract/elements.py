"""Cheap answers to questions every rule asks of many elements: which class marks an element
carries. A page repeats a few class names on hundreds of elements, and several rules ask each
element about their own pattern, so the answers are memoised by the attribute values.
"""

import re

from lxml.html import HtmlElement

_MARKS: dict[tuple, bool] = {}


def has_mark(el: HtmlElement, pattern: re.Pattern, *extra: str) -> bool:
    """Whether `pattern` is found in the element's class and id (and `extra` attributes).
    Memoised by those values: a page repeats a few classes on many elements, and the rules
    ask each element about several patterns. (Keyed by the pattern's id: hashing a compiled
    pattern hashes its whole program.)"""
    if extra:
        key = (id(pattern), el.get("class"), el.get("id"), *map(el.get, extra))
    else:
        key = (id(pattern), el.get("class"), el.get("id"))
    found = _MARKS.get(key)
    if found is None:
        if len(_MARKS) > 100_000:
            _MARKS.clear()
        marks = " ".join(value or "" for value in key[1:])
        found = _MARKS[key] = pattern.search(marks) is not None
    return found
