"""What extraction returns and what it reads from a page: the options, the Extracted article, the
intact page's findings (_Page), and the one text-cleaning rule.
"""

from dataclasses import asdict, dataclass, field

from crawler.extract.vietnamese import collapse_whitespace, normalize_text

VIETNAM_OFFSET = "+07:00"


@dataclass(frozen=True)
class ExtractOptions:
    prune_xpath: tuple[str, ...] = ()
    template_blocks: frozenset[str] = frozenset()
    declared_encoding: str | None = None
    # reached from a sitemap <url> or feed item, or matching the source's article_pattern:
    # a weak rejection then keeps the page, flagged `doubtful`, instead of dropping it
    expected_article: bool = False


@dataclass(frozen=True)
class Extracted:
    url: str
    title: str
    text: str
    lead: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    source_line: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    language: str | None = None
    description: str | None = None
    captions: tuple[str, ...] = ()
    canonical_url: str | None = None
    doubtful: str | None = None  # the rejection overruled by ExtractOptions.expected_article

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Page:
    """What we read from the intact page before anything is removed from it."""

    headline: str | None = None
    headline_index: int = -1
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    byline_source: str | None = None
    byline_box: object | None = None  # the element the byline was read from
    lead: str | None = None
    lead_guess: str | None = None  # no evidence of an article, unlike `lead`
    og_type: str | None = None
    article_markup: bool = False
    canonical_url: str | None = None
    image: str | None = None
    description: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    anchors: set[str] = field(default_factory=set)
    headline_links: set[str] = field(default_factory=set)
    content_images: int = 0
    right_aligned: set[str] = field(default_factory=set)
    embeds: int = 0
    form_inputs: int = 0
    # elements with a class, id, itemprop or data mark, in page order: what the byline, date
    # and caption rules search, found once
    marked: list = field(default_factory=list)


def clean(text: str | None) -> str:
    """The stored form of a text field: normalised Vietnamese, whitespace collapsed to one line."""
    if not text:
        return ""
    return collapse_whitespace(normalize_text(text)).replace("\n", " ")


def _clean_or_none(text: str | None) -> str | None:
    return clean(text) or None
