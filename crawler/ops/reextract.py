"""Re-extraction from the WARC captures: the archive rebuilt or updated with no network.

For each URL the latest capture of an article candidate is extracted again and stored through
the archive writer (so dedup runs as in a crawl); a changed text keeps its old version.

It runs in batches: a first pass over the WARC files notes where each URL's latest payload is
(payloads are not kept), then each batch of captures is extracted by worker processes, one per
CPU, which read their payloads themselves, and the batch is stored in one transaction.
"""

import os
import re
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from crawler.crawl.capture import Captured, Location, capture_files, iter_captures, read_payload
from crawler.extract import Extracted, ExtractOptions, NotAnArticle, extract_article
from crawler.sources import Source
from crawler.store.archive import Archive
from crawler.store.results import Capture, PageResult
from crawler.store.writer import ArchiveWriter

BATCH = 500  # captures extracted together, then stored in one transaction


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
    """The last successful capture of each article candidate URL, oldest files read first.

    Payloads are dropped: `payload_at` says where to read each one again.
    """
    latest: dict[str, Captured] = {}
    payloads: dict[str, Location] = {}
    for path in capture_files(root, source):
        for captured in iter_captures(path, root.parent, payloads):
            if captured.metadata.get("candidate") and captured.status == 200:
                latest[captured.url] = replace(captured, payload=b"")
    return latest


def reextract(
    archive: Archive,
    root: Path,
    sources: dict[str, Source],
    source: str | None = None,
    workers: int | None = None,
) -> ReextractReport:
    report = ReextractReport()
    writer = ArchiveWriter(archive, refresh=True)
    options = _Options(archive, sources)
    captures = list(_in_order(latest_captures(root, source)))
    workers = len(os.sched_getaffinity(0)) if workers is None else workers
    with _executor(workers) as pool:
        for start in range(0, len(captures), BATCH):
            batch = captures[start : start + BATCH]
            tasks = [(root.parent, c, options.of(c)) for c in batch]
            articles = list(_map(pool, tasks))
            _store_batch(archive, writer, batch, articles, sources, report)
    return report


def extract_capture(task: tuple[Path, Captured, ExtractOptions]) -> Extracted | None:
    """In a worker: read one capture's payload and extract it; None when it is no article."""
    base_dir, captured, options = task
    where = captured.payload_at or captured.location
    payload = read_payload(base_dir / where.warc_file, where.offset)
    try:
        return extract_article(payload, captured.url, options)
    except NotAnArticle:
        return None


def _store_batch(archive, writer, batch, articles, sources, report) -> None:
    known = [archive.last_fetched(c.url) is not None for c in batch]
    results = []
    for captured, article, was_known in zip(batch, articles, known, strict=True):
        if article is None:
            report.lost += was_known
            report.unchanged += not was_known
            continue
        slug = captured.metadata.get("source") or ""
        results.append(_result(captured, article, slug, sources.get(slug)))
        report.new += not was_known
        report.unchanged += was_known
    changed_before = writer.outcomes["text-changed"]
    writer.apply(results)
    changed = writer.outcomes["text-changed"] - changed_before
    report.updated += changed
    report.unchanged -= changed


def _result(captured: Captured, article: Extracted, slug: str, source: Source | None):
    location = captured.location
    return PageResult(
        slug,
        None,
        captured.url,
        discovered="reextract",
        article=article,
        capture=Capture(location.warc_file, location.offset),
        source_kind=source.kind if source else None,
        allowed_domains=source.allowed_domains if source else (),
    )


class _Options:
    """Extraction options per source, as the next crawl would extract (learned template)."""

    def __init__(self, archive: Archive, sources: dict[str, Source]) -> None:
        self.archive = archive
        self.sources = sources
        self.by_source: dict[str, ExtractOptions] = {}

    def of(self, captured: Captured) -> ExtractOptions:
        slug = captured.metadata.get("source") or ""
        if slug not in self.by_source:
            source = self.sources.get(slug)
            self.by_source[slug] = ExtractOptions(
                prune_xpath=source.prune_xpath if source else (),
                template_blocks=self.archive.load_template(slug),
            )
        return replace(
            self.by_source[slug],
            declared_encoding=declared_encoding(captured.headers),
            expected_article=self.expected(captured, self.sources.get(slug)),
        )

    def expected(self, captured: Captured, source: Source | None) -> bool:
        """As in the crawl: matching the source's article_pattern (or, without one, found in a
        sitemap or feed); or archived already: re-extraction never drops what a crawl kept."""
        declared = source.is_article_url(captured.url) if source is not None else None
        listed = captured.metadata.get("discovered") in ("sitemap", "feed")
        if declared or listed and declared is None:
            return True
        return self.archive.last_fetched(captured.url) is not None


def _executor(workers: int) -> Executor:
    if workers <= 1:
        return _Inline()
    return ProcessPoolExecutor(workers, mp_context=get_context("spawn"))


def _map(pool: Executor, tasks: list) -> Iterator[Extracted | None]:
    chunk = max(1, len(tasks) // 32)
    return pool.map(extract_capture, tasks, chunksize=chunk)


class _Inline(Executor):
    """One process: extraction on the caller's thread (tests, one-CPU machines)."""

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        return map(fn, *iterables)


def _in_order(latest: dict[str, Captured]) -> Iterator[Captured]:
    return iter(sorted(latest.values(), key=lambda c: c.date))


def declared_encoding(headers: dict[str, str]) -> str | None:
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    match = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    return match.group(1) if match else None
