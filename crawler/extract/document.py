"""A fetched page decoded and parsed once: the tree the extraction steps work on, and what a
reader of the same page's links needs to know to use that tree rather than parse it again;
and the one change to the tree's layout every later step relies on (`unwrap_page_forms`).
"""

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from crawler.extract.decoding import UndecodablePage, decode_page
from crawler.extract.elements import text_of, visible_chars

# trafilatura's parser settings; its element classes are looked up in C, not by lxml.html's
# Python lookup, which costs a call for every element each time a rule walks the tree.
_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)
# lxml refuses str input that still carries an XML encoding declaration.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class Document:
    """`html` is the decoded page (`decode_html`); `tree` its parse, which extraction changes
    in place. `as_decoded`: the tree was parsed from `html` as it is, less an XML declaration
    (no repair, no fallback), so its anchors are those any HTML parse of that text finds."""

    html: str
    tree: HtmlElement
    as_decoded: bool


def read_document(body: bytes, declared_encoding: str | None) -> Document:
    """Decode and parse a fetched body; raise UndecodablePage when it is not HTML."""
    html, verbatim = decode_page(body, declared_encoding)
    tree, as_decoded = parse_html(html, body if verbatim else None)
    return Document(html, tree, as_decoded)


def parse_html(html: str, utf8: bytes | None = None) -> tuple[HtmlElement, bool]:
    """The tree of decoded HTML, and whether it was parsed from that text unrepaired.
    `utf8`: the text's own UTF-8 bytes, if known; lxml reads those a third faster."""
    markup = XML_DECLARATION.sub("", html)
    repaired = repair_faulty_html(markup, markup[:50].lower())
    source = _as_bytes(repaired, html, utf8) if utf8 is not None else repaired
    try:
        tree = lxml_html.fromstring(source, parser=_PARSER)
    except (ValueError, etree.ParserError):
        tree = None
    if tree is not None and len(tree) > 0:
        return tree, _same_markup(repaired, markup)
    try:
        tree = lxml_html.fromstring(repaired.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, etree.ParserError):
        tree = None
    if tree is None or len(tree) == 0:
        raise UndecodablePage("not-html", "unparseable markup")
    return tree, False


def _as_bytes(repaired: str, html: str, utf8: bytes) -> str | bytes:
    """The markup to parse as the UTF-8 bytes it came from, when those are the same characters:
    nothing cut or repaired (but the closing line break), and the page opening with ASCII
    whitespace at most (lxml.html tells a whole page from a fragment by a pattern whose
    whitespace differs between str and bytes)."""
    if html[: len(html) - len(html.lstrip())].strip(" \t\n\r\f\v"):
        return repaired
    if repaired == html:
        return utf8
    if repaired == html + "\n" and _same_markup(repaired, html):
        return utf8 + b"\n"
    return repaired


def _same_markup(repaired: str, markup: str) -> bool:
    """Whether the repair left the markup's elements as they were: unchanged, or only given the
    line break it adds after the last tag of a page written on one line (a doctype present)."""
    if len(repaired) == len(markup) + 1 and repaired[-1] == "\n":
        return repaired.startswith(markup) and markup.rstrip().endswith(">")
    return repaired == markup


def unwrap_page_forms(tree: HtmlElement) -> int:
    """An ASP.NET WebForms page (and some portal skins) wraps the whole page in one <form>: it is
    layout, not a form, and becomes a <div> so that no form rule (ours or trafilatura's, which
    drops every <form>) takes the article with it. A form holding `__VIEWSTATE` or over half
    the page's text is such a wrapper; a comment box or a search form is neither."""
    forms = list(tree.iter("form"))
    body = tree.find("body")
    if not forms or body is None:
        return 0
    unwrapped = 0
    for form in forms:
        viewstate = form.find(".//input[@name='__VIEWSTATE']") is not None
        form_chars = visible_chars(text_of(form))
        if viewstate or 2 * form_chars > _visible_chars_up_to(body, 2 * form_chars) > 0:
            form.tag = "div"
            unwrapped += 1
    return unwrapped


def _visible_chars_up_to(el: HtmlElement, limit: int) -> int:
    """`visible_chars(text_of(el))`, or, once it reaches `limit`, as far as it was counted:
    a search box's form needs only the page's first words to be found small."""
    count = 0
    for piece in el.itertext():
        count += visible_chars(piece)
        if count >= limit:
            break
    return count
