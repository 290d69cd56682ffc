"""Extraction off the crawl's event loop: the pure extraction function run in worker processes.

Extraction costs tens of milliseconds of CPU a page; run on Scrapy's reactor it would stall
every download meanwhile. Its work unit is a pure function of (bytes, url, options), so it goes
to a process pool as it is, and comes back as an `Outcome` rather than an exception, so nothing
needs to pickle a traceback. The rest of a page's CPU comes along: its links (sieved, so that
the menu every page repeats is sent back once) and its article text's dedup keys (content hash,
MinHash signature), which the archive writer would otherwise compute on the crawl's process.
"""

import os
import threading
import time
from dataclasses import dataclass, replace

from crawler.crawl.links import LinkSieve, page_links
from crawler.extract import (
    Document,
    Extracted,
    ExtractOptions,
    NotAnArticle,
    UndecodablePage,
    extract_article,
    extract_document,
    read_document,
)
from crawler.extract.decoding import decode_html
from crawler.extract.templates import block_fingerprints
from crawler.extract.vietnamese import normalize_text
from crawler.store.dedup import DedupSettings, text_keys
from crawler.store.results import TextKeys
from crawler.store.search_index import indexed_forms


@dataclass(frozen=True)
class Outcome:
    article: Extracted | None = None
    failure_kind: str | None = None  # "not-article", "undecodable", "extract-error", …
    failure_detail: str = ""
    fingerprints: frozenset[str] = frozenset()
    links: tuple[str, ...] | None = None  # with `analyse_page`: the pages this one links to
    keys: TextKeys | None = None  # the article text's dedup keys, computed here
    lists_articles: bool = False  # it links to articles, sent before or not (for the depth)


@dataclass(frozen=True)
class CrawlContext:
    """What a crawl's worker processes keep from page to page: the sieve that passes each
    link on once, and the dedup settings the article texts are signed with."""

    sieve: LinkSieve | None = None
    dedup: DedupSettings | None = None


_CONTEXT = CrawlContext()  # in a worker process: its crawl's, set when the worker starts


def extract_outcome(
    body: bytes, url: str, options: ExtractOptions, sample: bool, document: Document | None = None
) -> Outcome:
    """Extract one page; with `sample`, also fingerprint its blocks for template learning.
    `document`: the body decoded and parsed already (see `analyse_page`)."""
    html = document.html if document is not None else None  # before extraction takes it apart
    try:
        if document is not None:
            article = extract_document(document, url, options)
        else:
            article = extract_article(body, url, options)
    except UndecodablePage as exc:
        return Outcome(failure_kind="undecodable", failure_detail=str(exc))
    except NotAnArticle as exc:
        return Outcome(failure_kind="not-article", failure_detail=str(exc))
    except Exception as exc:  # a page that breaks the extractor must not stop the crawl
        return Outcome(failure_kind="extract-error", failure_detail=repr(exc))
    keys = _keys(article, _CONTEXT.dedup)
    if not sample:
        return Outcome(article, keys=keys)
    if html is None:
        html = decode_html(body, options.declared_encoding)
    return Outcome(article, fingerprints=frozenset(block_fingerprints(html)), keys=keys)


def _keys(article: Extracted, dedup: DedupSettings | None) -> TextKeys | None:
    """The article's dedup keys and search-index forms, off the archive writer's thread."""
    if dedup is None:
        return None
    forms = indexed_forms(article.title, article.text)
    # the search form of a text that is in its stored form already is the text folded
    folded = forms[1] if normalize_text(article.text) == article.text else None
    return replace(text_keys(article.text, dedup, folded), search_forms=forms)


def analyse_page(
    body: bytes,
    url: str,
    options: ExtractOptions,
    candidate: bool,
    sample: bool,
    sieved: bool = False,
) -> Outcome:
    """All the CPU a fetched HTML page costs: its links, and its article when it may be one.
    `sieved`: only the links this worker has not passed on before (see `LinkSieve`).
    A candidate is decoded and parsed once, for its links and its article both."""
    document = _read(body, options) if candidate else None
    links = page_links(body, url, options.declared_encoding, document)
    sieve = _CONTEXT.sieve
    listed = sieve is not None and sieve.lists_articles(links)
    if sieved and sieve is not None:
        links = sieve.fresh(links, candidate)
    if not candidate:
        return Outcome(links=links, lists_articles=listed)
    outcome = extract_outcome(body, url, options, sample, document)
    return replace(outcome, links=links, lists_articles=listed)


def _read(body: bytes, options: ExtractOptions) -> Document | None:
    """The page decoded and parsed, or None when that fails: extraction then meets the same
    failure and reports it."""
    try:
        return read_document(body, options.declared_encoding)
    except Exception:
        return None


def start_worker(parent: int, context: CrawlContext) -> None:
    """A new worker process: it leaves with its crawl and keeps the crawl's context."""
    global _CONTEXT
    _CONTEXT = context
    exit_with_parent(parent)


def exit_with_parent(parent: int) -> None:
    """In a worker: leave when the crawl process is gone (a SIGKILL leaves no one to say so)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
