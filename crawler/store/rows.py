"""The counters, columns and row shapes the archive writes."""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.crawl.urls import canonical_url, page_identity
from crawler.extract import Extracted

CRAWL_COUNTERS = (
    "pages",
    "articles_new",
    "articles_seen",
    "duplicates",
    "not_articles",
    "skipped",
    "errors",
    "exact_duplicates",
    "near_duplicates",
)
# Failure kinds that are no fault of the portal or the crawler: counted apart from errors.
NOT_ARTICLE_KINDS = {"not-article": "not_articles", "ignored": "skipped", "robots": "skipped"}
# `duplicates` stays the total of both kinds, as before the dedup migration
OUTCOME_COUNTERS = {
    "new": {"articles_new": 1},
    "seen": {"articles_seen": 1},
    "exact": {"duplicates": 1, "exact_duplicates": 1},
    "near": {"duplicates": 1, "near_duplicates": 1},
}
ARTICLE_COLUMNS = (
    "title",
    "lead",
    "text",
    "published",
    "updated",
    "author",
    "source_line",
    "language",
    "categories",
    "tags",
    "image",
    "description",
    "captions",
    "doubtful",
)
COPY_COLUMNS = ("url", "source", "content_hash", *ARTICLE_COLUMNS, "first_seen")


@dataclass(frozen=True)
class _Version:
    """One captured page, as `store_article` and `rebuild_dedup` cluster it."""

    url: str  # the identity key, see crawler.crawl.urls
    fetched_url: str
    source: str
    kind: str
    row: dict  # the `articles` columns of this version
    digest: str
    first_seen: str
    last_seen: str
    crawl_id: int | None
    old_article_id: int | None = None  # the story it belonged to before a rebuild
    signed: bool = False  # `sig` is the text's signature already (a rebuild signs in batches)
    sig: object = None
    search_forms: tuple[str, str] | None = None  # the search index's forms, when computed already


def _relation(url: str, digest: str | None, relation: str, kept: dict) -> str:
    """How a URL relates to the kept text: original, url-variant, exact or near."""
    if relation == "url-variant":
        return relation
    if url == kept["url"]:
        return "original"
    return "exact" if digest == kept["content_hash"] else "near"


def article_row(article: Extracted) -> dict:
    """The `articles` columns an extraction fills; lists are stored as JSON arrays."""
    as_json = lambda values: json.dumps(list(values), ensure_ascii=False)  # noqa: E731
    return {
        "title": article.title,
        "lead": article.lead,
        "text": article.text,
        "published": article.published,
        "updated": article.updated,
        "author": article.author,
        "source_line": article.source_line,
        "language": article.language,
        "categories": as_json(article.categories),
        "tags": as_json(article.tags),
        "image": article.image,
        "description": article.description,
        "captions": as_json(article.captions),
        "doubtful": article.doubtful,
    }


def _url_keys(url: str, article: Extracted, domains: Iterable[str]) -> tuple[str, str]:
    """The keys `store_article` files a page under: its page identity and canonical URL."""
    return page_identity(url, article.canonical_url, domains), canonical_url(url)
