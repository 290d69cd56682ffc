"""What the portal spider hands to the pipelines: plain dataclasses, no Scrapy types.

A fetched page travels as bytes with the charset its server declared, so extraction stays a
pure function of (bytes, url, source settings) and can move to a worker process unchanged.
"""

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from crawler.extract import Extracted
from crawler.store.results import Capture, Rendered, TextKeys

if TYPE_CHECKING:
    from crawler.crawl.capture_stage import PendingCapture


@dataclass
class FetchedPage:
    source: str
    url: str
    body: bytes
    declared_encoding: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    requested_url: str | None = None  # before redirects, when there were any
    warc_file: str | None = None  # the capture this page came from, relative to the archive
    warc_offset: int | None = None
    # the same, with record length, payload digest and date (a local crawl's is pending: its
    # records are written on the archive writer's thread, before the page's result is stored)
    capture: "Capture | PendingCapture | None" = None
    discovered: str | None = None  # how its URL was found: sitemap, feed, listing, postback
    analysis: Any = None  # the worker's Outcome (links, article) when it was analysed already
    expected_article: bool = False  # sitemap, feed or article_pattern: keep it when unsure


@dataclass
class ArticleFound:
    source: str
    url: str
    article: Extracted
    requested_url: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    capture: "Capture | PendingCapture | None" = None
    discovered: str | None = None
    keys: TextKeys | None = None  # its text's dedup keys, when the worker computed them


@dataclass
class FetchFailed:
    """A page that gave no article: `kind` names why (http-503, timeout, not-article, …)."""

    source: str
    url: str
    kind: str
    detail: str = ""
    status: int | None = None
    discovered: str | None = None  # set when the page was an article candidate


@dataclass
class UrlAccounted:
    """An article URL a crawl found but did not extract: `outcome` is "unchanged" (archived and
    not changed since, so not fetched again) or "variant" (an AMP or print view; `detail` names
    the article's own address, which is followed instead)."""

    source: str
    url: str
    discovered: str
    outcome: str
    detail: str = ""


@dataclass
class PageRendered:
    """A page rendered in the browser: why, how its listing was extended, what it gave."""

    source: str
    url: str
    reason: str  # browser (the source renders), auto (no links without it), script-shell
    load_more: str  # what was done in the browser, in words
    endpoints: list[str] = field(default_factory=list)  # followed as plain requests
    browser_responses: int = 0
    blocked: int = 0
    article_links: int = 0
    seconds: float = 0.0
    warc_file: str | None = None
    warc_offset: int | None = None

    def result(self, crawl_id: int) -> Rendered:
        """The writer's record of this render (a local crawl's, or a worker's with crawl_id 0)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return Rendered(crawl_id, **values | {"endpoints": tuple(self.endpoints)})
