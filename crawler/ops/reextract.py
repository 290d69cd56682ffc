"""Re-extraction from the WARC captures: the archive rebuilt or updated with no network.

For each URL the latest capture of an article candidate is extracted again and stored through
the archive writer (so dedup runs as in a crawl); a changed text, title or date keeps the old
version in `article_versions`.

A first pass over the WARC files notes where each URL's latest payload is (payloads are not
kept). Then batches of captures go to the extraction worker pool, one process per CPU, each
task a run of neighbouring records its worker reads from the file itself; while the workers
extract the next batch, this process stores the last one in one transaction. Nothing is
written for a page that comes out as it is stored, and nothing is done at all for a URL whose
capture and extractor (code and options, `extractor_version`) are those of its last
re-extraction, recorded in `extractions` (m0012) with each batch.
"""

import hashlib
import logging
import os
import re
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path

import crawler.extract
from crawler.crawl.capture import Captured, Location, capture_files, iter_captures, read_payloads
from crawler.crawl.workers import Outcome, exit_with_parent, extract_outcome
from crawler.extract import Extracted, ExtractOptions
from crawler.sources import Source
from crawler.store.archive import Archive
from crawler.store.connection import utc_now
from crawler.store.dedup import DedupSettings, band_keys, content_hash, signature
from crawler.store.extractions import (
    Extraction,
    kept_columns,
    last_extractions,
    record_extractions,
    stored_url,
)
from crawler.store.results import Capture, PageResult
from crawler.store.rows import _url_keys, article_row
from crawler.store.search_index import indexed_forms
from crawler.store.writer import ArchiveWriter

logger = logging.getLogger(__name__)

BATCH = 500  # captures extracted together, then stored in one transaction
TASK = 25  # captures one worker reads and extracts in one task


@dataclass
class ReextractReport:
    updated: int = 0  # archived URLs whose text (or title, date, author…) changed
    unchanged: int = 0
    new: int = 0  # article URLs not in the archive before
    lost: int = 0  # archived URLs where extraction now finds no article (kept in the archive)
    failed: int = 0  # pages the extractor failed on (an error, not a rejection); logged
    skipped: int = 0  # of `unchanged`/`lost`: same capture, same extractor as last time
    seconds: Counter = field(default_factory=Counter)  # scan, check, read, extract, store

    def line(self) -> str:
        line = (
            f"{self.updated} articles updated, {self.unchanged} unchanged, "
            f"{self.new} newly found, {self.lost} lost"
        )
        return line + (f", {self.failed} failed" if self.failed else "")

    @property
    def timings(self) -> dict[str, float]:
        """CPU milliseconds per capture of each stage: scan, check and store in this process,
        read and extract in the workers."""
        total = max(1, self.updated + self.unchanged + self.new + self.lost + self.failed)
        return {stage: 1000 * self.seconds[stage] / total for stage in self.seconds}


def latest_captures(root: Path, source: str | None = None) -> dict[str, Captured]:
    """The last successful capture of each article candidate URL, oldest files read first.

    Payloads are dropped (`payload_at` says where to read each one again), and every header
    but Content-Type (the declared encoding): a million captures must fit in memory.
    """
    latest: dict[str, Captured] = {}
    payloads: dict[str, Location] = {}
    for path in capture_files(root, source):
        for captured in iter_captures(path, root.parent, payloads):
            if captured.metadata.get("candidate") and captured.status == 200:
                headers = {k: v for k, v in captured.headers.items() if k.lower() == "content-type"}
                latest[captured.url] = replace(captured, payload=b"", headers=headers)
    return latest


@cache
def extractor_version() -> str:
    """A fingerprint of the extraction code (every file of crawler.extract) and its libraries:
    a change to any of them is a new extractor, so `reextract` runs every page again."""
    digest = hashlib.sha256()
    package = Path(crawler.extract.__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for library in ("trafilatura", "lxml", "justext", "htmldate"):
        digest.update(f"{library}={_installed(library)}".encode())
    return digest.hexdigest()[:16]


def _installed(library: str) -> str:
    try:
        return version(library)
    except Exception:  # not installed: part of the fingerprint all the same
        return "-"


def reextract(
    archive: Archive,
    root: Path,
    sources: dict[str, Source],
    source: str | None = None,
    workers: int | None = None,
) -> ReextractReport:
    """Extract the latest capture of every article candidate under `root` again and store it;
    `workers` extraction processes (default: one per CPU, 0 or 1: in this process)."""
    report = ReextractReport()
    started = time.process_time()
    captures = list(_in_order(latest_captures(root, source)))
    report.seconds["scan"] += time.process_time() - started
    run = _Run(archive, root.parent, sources, report)
    workers = len(os.sched_getaffinity(0)) if workers is None else workers
    archive.refresh_metadata = True
    try:
        with _pool(workers) as pool:
            waiting: deque = deque()
            for start in range(0, len(captures), BATCH):
                waiting.append(run.start(pool, captures[start : start + BATCH]))
                if len(waiting) > 1:  # workers extract the next batch while this one is stored
                    run.store(*waiting.popleft())
            while waiting:
                run.store(*waiting.popleft())
    finally:
        archive.refresh_metadata = False
    return report


@dataclass
class Done:
    """What a worker sends back for one capture: the outcome, its text's content hash and
    dedup signature (so the storing process need not compute them), the CPU it cost."""

    outcome: Outcome
    digest: str | None = None
    sig: object = None
    keys: list = field(default_factory=list)
    body: str | None = None  # the text as the search index holds it
    read: float = 0.0
    extract: float = 0.0


def extract_captures(base_dir: Path, tasks: list, dedup: DedupSettings) -> list[Done]:
    """In a worker: read neighbouring captures' payloads, extract and sign each one."""
    out = []
    clock = time.process_time()
    payloads = read_payloads(base_dir, [where for where, _, _ in tasks])
    for (_, url, options), payload in zip(tasks, payloads, strict=True):
        read = time.process_time()
        done = Done(extract_outcome(payload, url, options, sample=False), read=read - clock)
        if done.outcome.article is not None:
            text = done.outcome.article.text
            done.digest, done.sig = content_hash(text), signature(text, dedup)
            done.keys = band_keys(done.sig, dedup) if done.sig is not None else []
            done.body = indexed_forms(None, text)[1]
        clock = time.process_time()
        done.extract = clock - read
        out.append(done)
    return out


class _Run:
    """One `reextract`: what to extract in a batch, and storing what came back."""

    def __init__(self, archive, base_dir, sources, report) -> None:
        self.archive = archive
        self.base_dir = base_dir
        self.sources = sources
        self.report = report
        self.writer = ArchiveWriter(archive, refresh=True)
        self.options = _Options(archive, sources)

    def start(self, pool, batch: list[Captured]) -> tuple:
        """Skip what was extracted from the same bytes by the same extractor; send the rest."""
        clock = time.process_time()
        last = last_extractions(self.archive.conn, [c.url for c in batch])
        todo, keys = [], {}
        for captured in batch:
            options, key = self.options.of(captured)
            keys[captured.url] = key
            before = last.get(captured.url)
            if (
                before
                and captured.digest
                and (before.payload_digest, before.extractor)
                == (
                    captured.digest,
                    key,
                )
            ):
                self.report.skipped += 1
                known = self.archive.last_fetched(captured.url) is not None
                lost = before.outcome != "article" and known
                self.report.lost += lost
                self.report.unchanged += not lost
                continue
            where = captured.payload_at or captured.location
            todo.append((captured, (where, captured.url, options)))
        tasks = [task for _, task in todo]
        parts = [
            _submit(pool, self.base_dir, tasks[start : start + TASK], self.archive.dedup)
            for start in range(0, len(tasks), TASK)
        ]
        self.report.seconds["check"] += time.process_time() - clock
        return [captured for captured, _ in todo], keys, parts

    def store(self, batch: list[Captured], keys: dict, parts: list) -> None:
        outcomes = [item for part in parts for item in _result_of(part)]
        clock = time.process_time()
        report, archive = self.report, self.archive
        results, done = [], []
        for captured, finished in zip(batch, outcomes, strict=True):
            outcome = finished.outcome
            report.seconds["read"] += finished.read
            report.seconds["extract"] += finished.extract
            outcome_name = "article" if outcome.article else outcome.failure_kind or "none"
            if captured.digest:
                done.append(
                    Extraction(captured.url, captured.digest, keys[captured.url], outcome_name)
                )
            result = self._result(captured, finished)
            if result is not None:
                results.append(result)
        changed_before = self.writer.outcomes["text-changed"]
        signed = [f for f in outcomes if f.digest is not None]
        archive._known_sigs = {f.digest: f.sig for f in signed}
        archive._known_keys = {f.digest: f.keys for f in signed if f.sig is not None}
        archive._known_bodies = {f.digest: f.body for f in signed}
        try:
            with archive.transaction() as conn:
                for result in results:
                    self.writer._apply_one(conn, result)
                record_extractions(conn, done, utc_now())
        finally:
            archive._known_sigs, archive._known_keys, archive._known_bodies = {}, {}, {}
        changed = self.writer.outcomes["text-changed"] - changed_before
        report.updated += changed
        report.unchanged -= changed
        report.seconds["store"] += time.process_time() - clock

    def _result(self, captured: Captured, finished: Done) -> PageResult | None:
        """What to store of one extraction; None when it comes out as stored (no write)."""
        report, outcome = self.report, finished.outcome
        known = self.archive.last_fetched(captured.url) is not None
        if outcome.failure_kind in ("extract-error", "extract-crash"):
            logger.error("%s: %s", captured.url, outcome.failure_detail)
            report.failed += 1
            return None
        if outcome.article is None:
            report.lost += known
            report.unchanged += not known
            return None
        slug = captured.metadata.get("source") or ""
        result = _result(captured, outcome.article, slug, self.sources.get(slug))
        report.new += not known
        report.unchanged += known
        if known and self._as_stored(captured, result, finished.digest):
            return None
        return result

    def _as_stored(self, captured: Captured, result: PageResult, digest: str) -> bool:
        """Same text at the same capture, and for the kept copy the same title, date, …"""
        article = result.article
        keys = _url_keys(captured.url, article, result.allowed_domains)
        location = captured.location
        stored = stored_url(self.archive.conn, keys)
        if stored is None or stored[:3] != (digest, location.warc_file, location.offset):
            return False
        if stored[3] != "original":
            return True
        columns = kept_columns(self.archive.conn, keys)
        return columns == (digest, *article_row(article).values())


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
        self.source_keys: dict[str, str] = {}

    def of(self, captured: Captured) -> tuple[ExtractOptions, str]:
        """The options to extract a capture with, and their fingerprint (with the code's)."""
        slug = captured.metadata.get("source") or ""
        if slug not in self.by_source:
            source = self.sources.get(slug)
            self.by_source[slug] = options = ExtractOptions(
                prune_xpath=source.prune_xpath if source else (),
                template_blocks=self.archive.load_template(slug),
            )
            shared = repr((options.prune_xpath, sorted(options.template_blocks)))
            self.source_keys[slug] = hashlib.sha256(shared.encode()).hexdigest()[:16]
        options = replace(
            self.by_source[slug],
            declared_encoding=declared_encoding(captured.headers),
            expected_article=self.expected(captured, self.sources.get(slug)),
        )
        key = f"{extractor_version()}:{self.source_keys[slug]}"
        return options, f"{key}:{options.declared_encoding}:{options.expected_article}"

    def expected(self, captured: Captured, source: Source | None) -> bool:
        """As in the crawl: matching the source's article_pattern (or, without one, found in a
        sitemap or feed); or archived already: re-extraction never drops what a crawl kept."""
        declared = source.is_article_url(captured.url) if source is not None else None
        listed = captured.metadata.get("discovered") in ("sitemap", "feed")
        if declared or listed and declared is None:
            return True
        return self.archive.last_fetched(captured.url) is not None


def _pool(workers: int):
    if workers <= 1:
        return _Inline()
    return ProcessPoolExecutor(
        workers,
        mp_context=get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )


def _submit(pool, base_dir: Path, tasks: list, dedup: DedupSettings) -> Future | list:
    return pool.submit(extract_captures, base_dir, tasks, dedup)


def _result_of(part) -> list:
    return part.result() if isinstance(part, Future) else part


class _Inline:
    """One process: extraction on the caller's thread (tests, one-CPU machines)."""

    def submit(self, fn, *args):
        return fn(*args)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None


def _in_order(latest: dict[str, Captured]) -> Iterator[Captured]:
    return iter(sorted(latest.values(), key=lambda c: c.date))


def declared_encoding(headers: dict[str, str]) -> str | None:
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    match = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    return match.group(1) if match else None
