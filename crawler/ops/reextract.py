"""Re-extraction from the WARC captures: the archive rebuilt or updated with no network.

For each URL the latest capture of an article candidate is extracted again and stored through
`Archive.store_article` (so dedup runs as in a crawl); a changed text keeps its old version.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crawler.crawl.capture import Captured, Location, capture_files, iter_captures
from crawler.extract import ExtractOptions, NotAnArticle, extract_article
from crawler.sources import Source
from crawler.store.archive import Archive


@dataclass
class ReextractReport:
    updated: int = 0  # archived URLs whose text changed
    unchanged: int = 0
    new: int = 0  # article URLs not in the archive before
    lost: int = 0  # archived URLs where extraction now finds no article (kept in the archive)

    def line(self) -> str:
        return (
            f"{self.updated} articles updated, {self.unchanged} unchanged, "
            f"{self.new} newly found, {self.lost} lost"
        )


def latest_captures(root: Path, source: str | None = None) -> dict[str, Captured]:
    """The last successful capture of each article candidate URL, oldest files read first."""
    latest: dict[str, Captured] = {}
    payloads: dict[str, Location] = {}
    for path in capture_files(root, source):
        for captured in iter_captures(path, root.parent, payloads):
            if captured.metadata.get("candidate") and captured.status == 200:
                latest[captured.url] = captured
    return latest


def reextract(
    archive: Archive, root: Path, sources: dict[str, Source], source: str | None = None
) -> ReextractReport:
    report = ReextractReport()
    for captured in _in_order(latest_captures(root, source)):
        slug = captured.metadata.get("source") or ""
        known = archive.last_fetched(captured.url) is not None
        outcome = _reextract_one(archive, captured, sources.get(slug), slug, known)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _reextract_one(
    archive: Archive, captured: Captured, source: Source | None, slug: str, known: bool
) -> str:
    options = ExtractOptions(
        prune_xpath=source.prune_xpath if source else (),
        template_blocks=archive.load_template(slug),  # as the next crawl would extract
        declared_encoding=declared_encoding(captured.headers),
        expected_article=known or _expected(captured, source),
    )
    try:
        article = extract_article(captured.payload, captured.url, options)
    except NotAnArticle:
        return "lost" if known else "unchanged"
    domains = source.allowed_domains if source else ()
    changed = archive.refresh_article(None, captured.url, article, domains)
    archive.store_article(
        None,
        slug,
        captured.url,
        article,
        source_kind=source.kind if source else None,
        allowed_domains=domains,
    )
    location = captured.location
    archive.set_capture(captured.url, article, domains, location.warc_file, location.offset)
    if not known:
        return "new"
    return "updated" if changed == "changed" else "unchanged"


def _expected(captured: Captured, source: Source | None) -> bool:
    """As in the crawl: found in a sitemap or feed, or matching the source's article_pattern.
    (An archived URL is expected too: re-extraction never drops what a crawl kept.)"""
    if captured.metadata.get("found_by") in ("sitemap", "feed"):
        return True
    return source is not None and source.is_article_url(captured.url) is True


def _in_order(latest: dict[str, Captured]) -> Iterator[Captured]:
    return iter(sorted(latest.values(), key=lambda c: c.date))


def declared_encoding(headers: dict[str, str]) -> str | None:
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    match = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    return match.group(1) if match else None
