"""The body's paragraphs from trafilatura's XML, and header lines that old layouts put inside it."""

from crawler.extract.dates import _find_date
from crawler.extract.model import clean
from crawler.extract.vietnamese import fold_vietnamese

_BLOCKS = {"p", "head", "div", "table", "row", "cell", "list", "item", "quote", "code", "body"}


def _paragraphs(body) -> list[str]:
    """Paragraphs of trafilatura's XML body: one per block, list item or table cell; line
    breaks (old CMS pages separate paragraphs with <br>) also split paragraphs."""
    lines: list[str] = [""]
    if body is not None:
        _collect_lines(body, lines)
    return [p for p in (clean(line) for line in lines) if p]


def _collect_lines(el, lines: list[str]) -> None:
    if el.tag in _BLOCKS or el.tag == "lb":
        lines.append("")
    if el.tag != "graphic":
        lines[-1] += el.text or ""
        for child in el:
            _collect_lines(child, lines)
    if el.tag in _BLOCKS:
        lines.append("")
    lines[-1] += el.tail or ""


def _drop_header_lines(paragraphs: list[str], headline: str | None) -> list[str]:
    """Old layouts put the headline and the date line inside the text block: drop them."""
    title = fold_vietnamese(headline or "")
    body = list(paragraphs)
    while len(body) > 1 and len(body[0]) <= 300:
        first = fold_vietnamese(body[0])
        if first != title and not (len(first) <= 80 and _find_date(first)):
            break
        body.pop(0)
    return body
