"""Learn a portal's page template from several of its pages, as block fingerprints.

A block (paragraph, table cell, box) whose text recurs on most pages of one portal is its
template: menus, sidebars, footers, standing notices. Fingerprints are hashes of the folded,
whitespace-normalised text, so they survive markup and diacritic noise. Pure functions only;
storing the learned sets is the caller's business.
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from lxml.etree import ParserError
from lxml.html import HtmlElement, document_fromstring

from crawler.extract.elements import text_of
from crawler.extract.vietnamese import fold_vietnamese

BLOCK_TAGS = (
    "p",
    "div",
    "td",
    "li",
    "ul",
    "ol",
    "table",
    "section",
    "aside",
    "nav",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
)
MIN_BLOCK_CHARS = 30
_SPACES = re.compile(r"\s+")


def fingerprint(text: str) -> str | None:
    """The fingerprint of a block's text, or None when it is too short to be telling."""
    key = _SPACES.sub(" ", fold_vietnamese(text)).strip()
    if len(key) < MIN_BLOCK_CHARS:
        return None
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def iter_blocks(tree: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Block-level elements of a tree with their fingerprints (long enough ones only)."""
    for el in tree.iter(*BLOCK_TAGS):
        digest = fingerprint(text_of(el))
        if digest is not None:
            yield el, digest


def block_fingerprints(html: str) -> set[str]:
    """Fingerprints of the block-level elements of one page."""
    try:
        tree = document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except (ParserError, ValueError):
        return set()
    return {digest for _, digest in iter_blocks(tree)}


def learn_template(
    pages: Iterable[str], min_pages: int = 5, min_share: float = 0.6
) -> frozenset[str]:
    """Fingerprints found on at least `min_share` of the pages; empty below `min_pages` pages."""
    counts: Counter[str] = Counter()
    total = 0
    for html in pages:
        counts.update(block_fingerprints(html))
        total += 1
    if total < min_pages:
        return frozenset()
    return frozenset(digest for digest, seen in counts.items() if seen >= min_share * total)


def drop_template_blocks(tree: HtmlElement, template: frozenset[str]) -> int:
    """Drop blocks of `tree` whose fingerprint is in the template; return how many."""
    if not template:
        return 0
    doomed = [el for el, digest in iter_blocks(tree) if digest in template]
    dropped = 0
    for el in doomed:
        # A block holding the headline carries this page's own text; it is never template.
        if el.getparent() is not None and next(el.iter("h1"), None) is None:
            el.tail = None
            el.drop_tree()
            dropped += 1
    return dropped
