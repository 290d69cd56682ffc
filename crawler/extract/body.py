"""The body's paragraphs from trafilatura's XML, and header lines that old layouts put inside it."""

import re

from crawler.extract.dates import _find_date
from crawler.extract.model import clean
from crawler.extract.vietnamese import fold_vietnamese

_BLOCKS = {"p", "head", "div", "table", "row", "list", "item", "quote", "code", "body"}


def _paragraphs(body) -> list[str]:
    """Paragraphs of trafilatura's XML body: one per block, list item or table row (its cells
    joined by " | " when they hold plain text); line breaks (old CMS pages separate paragraphs
    with <br>) also split paragraphs."""
    lines: list[str] = [""]
    if body is not None:
        _collect_lines(body, lines)
    return [p for p in (_empty_cells_out(clean(line)) for line in lines) if p]


_EMPTY_CELLS = re.compile(r"(?:\s*\|\s*){2,}")


def _empty_cells_out(line: str) -> str:
    if "|" not in line:
        return line
    return _EMPTY_CELLS.sub(" | ", line).strip(" |")


def _collect_lines(el, lines: list[str]) -> None:
    if el.tag in _BLOCKS or el.tag == "lb":
        lines.append("")
    if el.tag == "cell" and lines[-1].strip():
        lines[-1] += " | "
    if el.tag != "graphic":
        lines[-1] += el.text or ""
        for child in el:
            _collect_lines(child, lines)
    if el.tag in _BLOCKS:
        lines.append("")
    lines[-1] += el.tail or ""


_BREADCRUMB = re.compile(r"^(trang chu|trang nhat|home)\s*([>|»›/-]|$)")
_HEADER_ZONE = 12  # lines above a repeated headline: menus, breadcrumb, site name, licence
_HEADER_LINE_CHARS = 150


def _drop_header_lines(paragraphs: list[str], headline: str | None) -> list[str]:
    """Table and old div layouts put the page's header inside the text block: a menu or a
    breadcrumb ("Trang chủ > Tin tức - Sự kiện"), the headline again, the date line
    ("Cập nhật lúc …"). Drop them: everything down to a repeated headline when only short
    lines come before it, then breadcrumbs and date lines."""
    title = fold_vietnamese(headline or "")
    body = list(paragraphs)
    for index, line in enumerate(body[: min(_HEADER_ZONE, len(body) - 1)]):
        if len(line) > _HEADER_LINE_CHARS and fold_vietnamese(line) != title:
            break
        if title and fold_vietnamese(line) == title:
            body = body[index + 1 :]
            break
    while len(body) > 1 and len(body[0]) <= 300:
        first = fold_vietnamese(body[0])
        dated = len(first) <= 80 and _find_date(first)
        if first != title and not dated and not _BREADCRUMB.match(first):
            break
        body.pop(0)
    return body
