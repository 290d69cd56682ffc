"""Extract one news article from a fetched page: the entry point that runs the steps.

A pure function of (bytes, url, options). trafilatura does the generic work; around it we
add what Vietnamese provincial portals need: decoding legacy charsets, dropping their
boilerplate vocabulary, Vietnamese date forms, headline and sapo detection, signature lines
("HOÀNG LIÊN - MINH THƯ", "Theo TTXVN") moved out of the body, captions kept apart, and a
decision, from the page itself, that it is an article at all. Each concern has its module:
metadata, headline, dates, byline, lead (and captions), body, rejection.
"""

from copy import copy
from dataclasses import replace

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Extractor

from crawler.extract.body import _drop_header_lines, _paragraphs
from crawler.extract.boilerplate import strip_boilerplate
from crawler.extract.byline import (
    _is_person,
    _read_byline,
    _split_signature,
    _trailing_credits,
    drop_byline_box,
)
from crawler.extract.dates import _read_dates, on_url_day, url_day
from crawler.extract.decoding import NotAnArticle, UndecodablePage
from crawler.extract.document import Document, read_document, unwrap_page_forms
from crawler.extract.elements import in_document, marked, text_of
from crawler.extract.embedded import embedded_paragraphs, framework_data
from crawler.extract.headline import _read_headline
from crawler.extract.lead import _bold_first_paragraph, _find_lead, _lead_first, _pull_captions
from crawler.extract.metadata import (
    _TAG_CLASS,
    _absolute,
    _breadcrumbs,
    _canonical_href,
    _has_article_markup,
    _json_ld,
    _labelled_links,
    _meta_values,
    _page_language,
    _unique,
)
from crawler.extract.model import (
    VIETNAM_OFFSET,
    Extracted,
    ExtractOptions,
    _clean_or_none,
    _Page,
    clean,
)
from crawler.extract.rejection import MIN_ARTICLE_CHARS, _read_shape, _reject_non_article
from crawler.extract.templates import drop_template_blocks
from crawler.extract.vietnamese import fold_vietnamese

__all__ = [
    "ExtractOptions",
    "Extracted",
    "NotAnArticle",
    "UndecodablePage",
    "extract_article",
    "extract_document",
]


DEFAULT_OPTIONS = ExtractOptions()


def extract_article(body: bytes, url: str, options: ExtractOptions = DEFAULT_OPTIONS) -> Extracted:
    """Extract the article in `body`, or raise NotAnArticle (UndecodablePage) saying why."""
    return extract_document(read_document(body, options.declared_encoding), url, options)


def extract_document(
    document: Document, url: str, options: ExtractOptions = DEFAULT_OPTIONS
) -> Extracted:
    """`extract_article` of a page decoded and parsed already (whose links may have been read
    from the same tree); the document's tree is taken apart on the way."""
    tree = document.tree
    framework = framework_data(tree)
    linked_data = _take_scripts(tree)
    unwrap_page_forms(tree)
    _prune(tree, options.prune_xpath)
    page = _read_page(tree, url, linked_data)
    meta = _fallback_metadata(tree, url, page, linked_data)
    captions = _pull_captions(tree, page.marked)
    drop_byline_box(page)
    _drop_chrome(tree)
    drop_template_blocks(tree, options.template_blocks)
    strip_boilerplate(tree)
    _drop_head(tree)
    # the slower fallbacks are worth it only for a page that is likely an article
    thorough = options.expected_article or page.published is not None
    paragraphs = _paragraphs(_main_text(tree, url, thorough))
    if sum(map(len, paragraphs)) < MIN_ARTICLE_CHARS:  # a shell a script fills: read its data
        embedded = embedded_paragraphs(framework, _json_ld(linked_data))
        paragraphs = embedded if sum(map(len, embedded)) > sum(map(len, paragraphs)) else paragraphs
    if paragraphs:
        paragraphs += _trailing_credits(tree, paragraphs[-1], page.right_aligned)
    paragraphs, signature = _split_signature(paragraphs, page)
    paragraphs = _drop_header_lines(paragraphs, page.headline)
    lead = (
        page.lead or _bold_first_paragraph(tree, paragraphs) or _opening(paragraphs, captions, page)
    )
    paragraphs = _lead_first(paragraphs, lead)
    doubtful = _judge(paragraphs, page, options.expected_article)
    article = _assemble(url, page, meta, paragraphs, signature, captions, lead)
    return replace(article, doubtful=doubtful) if doubtful else article


_FULL_CASCADE_BELOW = 2000  # characters: a short text that is a small part of the page
_FULL_CASCADE_SHARE = 0.25  # is worth trafilatura's slower fallbacks


def _main_text(tree: HtmlElement, url: str, thorough: bool):
    """trafilatura's XML body of the article: its fast cascade first, and, if `thorough`, the
    full one (readability and jusText comparisons) when that found a short text on a long
    page."""
    page_chars = None
    body = None
    for fast in (True, False) if thorough else (True,):
        options = _trafilatura_options(url, fast)
        document = trafilatura.bare_extraction(tree, url=url, options=options)
        body = document.body if document is not None else None
        found = len("".join(body.itertext())) if body is not None else 0
        if found >= _FULL_CASCADE_BELOW:
            break
        page_chars = page_chars or len(text_of(tree))
        if found >= _FULL_CASCADE_SHARE * page_chars:
            break
    return body


# trafilatura's options for `bare_extraction(tree, url=url, with_metadata=False,
# include_comments=False, fast=fast)`, made once: making them reads its configuration each
# time, which cost as much as a tenth of its extraction. Each page gets a copy with its URL.
# The "txt" format extracts exactly as "python" does (no formatting either way) but leaves the
# body tree unrendered: the tree is all `_main_text` reads.
_TRAFILATURA_OPTIONS = {
    fast: Extractor(output_format="txt", fast=fast, comments=False, with_metadata=False)
    for fast in (True, False)
}


def _trafilatura_options(url: str, fast: bool) -> Extractor:
    options = copy(_TRAFILATURA_OPTIONS[fast])
    options.url = url
    options.source = url.encode("utf-8", "replace").decode("utf-8")  # as Extractor sets it
    return options


def _opening(paragraphs: list[str], captions: tuple[str, ...], page: _Page) -> str | None:
    """The first block of prose under the headline, as a lead: when the text opens with it, or
    when the text left it out (a sapo box trafilatura drops) and it is no photo caption. A
    guess never moves a paragraph of the text out of the published order."""
    guess = page.lead_guess
    if not guess or not paragraphs:
        return None
    key = fold_vietnamese(guess)
    if key == fold_vietnamese(paragraphs[0]):
        return paragraphs[0]
    if len(key) < 40:
        return None
    elsewhere = any(key in folded or folded in key for folded in map(fold_vietnamese, paragraphs))
    captioned = any(fold_vietnamese(c) in key for c in captions)
    return None if elsewhere or captioned else guess


def _judge(paragraphs: list[str], page: _Page, expected_article: bool) -> str | None:
    """Reject a page that is clearly not an article; for a page reached as an article, a weak
    rejection keeps it and says why it is doubtful."""
    try:
        _reject_non_article(paragraphs, page)
    except NotAnArticle as exc:
        if exc.strong or not expected_article:
            raise
        return str(exc)
    return None


def _take_scripts(tree: HtmlElement) -> list[HtmlElement]:
    """Remove scripts and styles once, so that no rule reads code as text and every later walk
    is shorter; the JSON-LD blocks are returned, read for metadata."""
    scripts = in_document(tree, "script")  # //script[@type="application/ld+json"]
    linked_data = [script for script in scripts if script.get("type") == "application/ld+json"]
    for script in linked_data:
        script.getparent().remove(script)  # their tails are whitespace inside <head> or <body>
    etree.strip_elements(tree, "script", "style", with_tail=False)
    return linked_data


# Elements trafilatura never keeps as text: once the page has been read, they go at once, so
# that our rules and trafilatura's walk a smaller tree.
_CHROME = ("nav", "aside", "menu", "svg", "noscript", "select", "iframe", "template", "canvas")


def _drop_chrome(tree: HtmlElement) -> None:
    """Unless one holds most of the page: an unclosed <noscript> or <iframe> swallows what
    follows it, and trafilatura's own rescue then still finds the article inside."""
    total = len(text_of(tree))
    for el in list(tree.iter(*_CHROME)):
        if el.getparent() is not None and 3 * len(text_of(el)) < total:
            el.drop_tree()


def _drop_head(tree: HtmlElement) -> None:
    """The <head> has been read: trafilatura need not copy and search it again."""
    head = tree.find("head")
    if head is not None:
        tree.remove(head)


def _prune(tree: HtmlElement, xpaths: tuple[str, ...]) -> None:
    for xpath in xpaths:
        for el in tree.xpath(xpath):
            if isinstance(el, HtmlElement) and el.getparent() is not None:
                el.drop_tree()


def _read_page(tree: HtmlElement, url: str, linked_data: list[HtmlElement]) -> _Page:
    page = _Page(marked=marked(tree))
    meta = _meta_values(tree)
    linked = _json_ld(linked_data)
    page.og_type = (meta.get("og:type") or "").lower() or None
    page.article_markup = _has_article_markup(tree, meta, linked)
    _read_headline(tree, meta, page)
    _read_dates(tree, meta, linked, page)
    _read_byline(tree, linked, meta, page)
    _find_lead(tree, page)
    page.canonical_url = _absolute(url, _canonical_href(tree, meta))
    page.image = _absolute(url, meta.get("og:image") or meta.get("twitter:image"))
    page.description = meta.get("description") or meta.get("og:description")
    page.language = _page_language(tree, meta)
    page.tags = _labelled_links(tree, _TAG_CLASS, meta.get("keywords"))
    page.categories = _breadcrumbs(tree, meta)
    _read_shape(tree, page)
    return page


def _fallback_metadata(
    tree: HtmlElement, url: str, page: _Page, linked_data: list[HtmlElement]
) -> dict:
    """trafilatura's own metadata search, run only when ours found no headline or date: it
    costs as much as a third of an extraction and our page reading usually makes it moot. It
    reads the tree without changing it; the JSON-LD blocks go back into <head> meanwhile."""
    if page.headline and page.published:
        return {}
    head = tree.find("head")
    if head is None:
        return extract_metadata(tree, url).as_dict()
    head.extend(linked_data)
    try:
        return extract_metadata(tree, url).as_dict()
    finally:
        for script in linked_data:
            head.remove(script)


def _assemble(
    url: str,
    page: _Page,
    meta: dict,
    paragraphs: list[str],
    credits: dict[str, str],
    captions: tuple[str, ...],
    lead: str | None,
) -> Extracted:
    published = on_url_day(page.published or _day_only(meta.get("date")), url_day(url))
    return Extracted(
        url=url,
        title=page.headline or clean(meta.get("title")),
        text="\n\n".join(paragraphs),
        lead=lead,
        published=published,
        updated=page.updated,
        author=credits.get("author") or _clean_or_none(_plain_author(meta.get("author"))),
        source_line=_clean_or_none(credits.get("source_line")),
        categories=page.categories or _unique(clean(c) for c in meta.get("categories") or []),
        tags=page.tags or _unique(clean(t) for t in meta.get("tags") or []),
        image=page.image or meta.get("image"),
        language=page.language or meta.get("language") or _guess_language(paragraphs),
        description=_clean_or_none(page.description or meta.get("description")),
        captions=captions,
        canonical_url=page.canonical_url,
    )


def _day_only(date: str | None) -> str | None:
    return f"{date[:10]}T00:00:00{VIETNAM_OFFSET}" if date and len(date) >= 10 else None


def _plain_author(author: str | None) -> str | None:
    return author if author and _is_person(author) else None


_VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def _guess_language(paragraphs: list[str]) -> str | None:
    sample = " ".join(paragraphs)[:2000].lower()
    if not sample:
        return None
    share = sum(ch in _VIETNAMESE_LETTERS for ch in sample) / len(sample)
    return "vi" if share > 0.02 else None
