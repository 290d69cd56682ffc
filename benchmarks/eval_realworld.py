"""Compare our extractor with plain trafilatura on public sets of real saved pages kept outside
the repository (real pages are never committed; `realworld_sets.py` brings them into /tmp).

DIR holds one folder per set, each with `cases.json` and `pages/`; DIR may also be one such
folder. Reported per set and extractor:

    word_f1     word-level F1 of the text against the set's article text (per page, averaged
                as the Scrapinghub benchmark does), where the set has one
    snippets    share of "must contain" found and "must not contain" absent, where the set has them
    empty       real articles for which the extractor returned nothing
    title, date headline and publication day accuracy, over pages whose truth gives them
    pages/s     both extractors timed on the same page one after the other, in one process
    cpu ms/page the CPU time of this process per page (less sensitive to a shared machine's load)

Run: .venv/bin/python benchmarks/eval_realworld.py DIR [--details] [--limit N]
"""

import argparse
import json
import re
import statistics
import time
import unicodedata
from collections import Counter
from pathlib import Path

import trafilatura

from crawler.extract import ExtractOptions, NotAnArticle, extract_article

_WORD = re.compile(r"\w+")
# the pages of these sets are reached as articles, as sitemap and feed URLs are in a crawl
_OPTIONS = ExtractOptions(expected_article=True)


def ours(body: bytes, url: str) -> dict | None:
    try:
        article = extract_article(body, url, _OPTIONS)
    except NotAnArticle:
        return None
    return {"text": article.text, "title": article.title, "date": article.published}


def plain(body: bytes, url: str) -> dict | None:
    document = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    if document is None:
        return None
    return {"text": document.text, "title": document.title, "date": document.date}


EXTRACTORS = (ours, plain)


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _words(text: str | None) -> Counter:
    return Counter(_WORD.findall(_norm(text).lower()))


def word_counts(truth: str, found: str | None) -> tuple[float, float, float]:
    """Share of true positive, false positive and false negative words on one page."""
    want, got = _words(truth), _words(found)
    tp = sum((want & got).values())
    fp, fn = sum(got.values()) - tp, sum(want.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def word_f1(counts: list[tuple[float, float, float]]) -> float:
    precision = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fp) if tp + fp else 0.0 for tp, fp, fn in counts
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else tp / (tp + fn) if tp + fn else 0.0 for tp, fp, fn in counts
    )
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class Tally:
    """One extractor's results over one set."""

    def __init__(self) -> None:
        self.counts: list[tuple[float, float, float]] = []
        self.snippets_right = self.snippets = self.empty = 0
        self.titles_right = self.titles = self.dates_right = self.dates = 0
        self.seconds = self.cpu_seconds = 0.0
        self.pages = 0
        self.faults: list[str] = []

    def add(self, case: dict, result: dict | None, seconds: float, cpu_seconds: float) -> None:
        self.pages += 1
        self.seconds += seconds
        self.cpu_seconds += cpu_seconds
        text = _norm(result["text"]) if result else ""
        if not text:
            self.empty += 1
            self.faults.append(f"{case['file']}: empty")
        if case.get("text"):
            self.counts.append(word_counts(case["text"], text))
        missing = [s for s in case.get("must", []) if _norm(s) not in text]
        leaked = [s for s in case.get("must_not", []) if _norm(s) in text]
        self.snippets += len(case.get("must", [])) + len(case.get("must_not", []))
        self.snippets_right += self.snippets_total(case) - len(missing) - len(leaked)
        if missing or leaked:
            self.faults.append(f"{case['file']}: missing={missing} leaked={leaked}")
        self._metadata(case, result or {})

    @staticmethod
    def snippets_total(case: dict) -> int:
        return len(case.get("must", [])) + len(case.get("must_not", []))

    def _metadata(self, case: dict, result: dict) -> None:
        if case.get("title"):
            self.titles += 1
            right = _norm(result.get("title")).lower() == _norm(case["title"]).lower()
            self.titles_right += right
            if not right:
                self.faults.append(f"{case['file']}: title {result.get('title')!r}")
        if case.get("published"):
            self.dates += 1
            right = (result.get("date") or "")[:10] == case["published"]
            self.dates_right += right
            if not right:
                self.faults.append(f"{case['file']}: date {result.get('date')!r}")

    def summary(self) -> dict[str, float]:
        scores: dict[str, float] = {}
        if self.counts:
            scores["word_f1"] = word_f1(self.counts)
        if self.snippets:
            scores["snippets"] = self.snippets_right / self.snippets
        scores["empty"] = self.empty
        if self.titles:
            scores["title"] = self.titles_right / self.titles
        if self.dates:
            scores["date"] = self.dates_right / self.dates
        scores["pages/s"] = self.pages / self.seconds if self.seconds else 0.0
        scores["cpu ms/page"] = 1000 * self.cpu_seconds / self.pages if self.pages else 0.0
        return scores


def evaluate_set(folder: Path, limit: int | None) -> dict[str, Tally]:
    cases = json.loads((folder / "cases.json").read_text(encoding="utf-8"))[:limit]
    pages = folder / "pages"
    tallies = {extractor.__name__: Tally() for extractor in EXTRACTORS}
    first = (pages / cases[0]["file"]).read_bytes()
    for extractor in EXTRACTORS:  # one-time library warm-up, untimed
        extractor(first, cases[0]["url"])
    for number, case in enumerate(cases):
        body = (pages / case["file"]).read_bytes()
        # the order alternates: the libraries both share (htmldate, dateparser, regex) build
        # their per-language caches lazily, and the first caller of a page would pay for both
        order = EXTRACTORS if number % 2 == 0 else EXTRACTORS[::-1]
        for extractor in order:
            start, cpu = time.perf_counter(), time.process_time()
            result = extractor(body, case["url"])
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            tallies[extractor.__name__].add(case, result, seconds, cpu)
    return tallies


def _format(scores: dict[str, float]) -> str:
    return "  ".join(
        f"{key} {value:d}" if isinstance(value, int) else f"{key} {value:.3f}"
        for key, value in scores.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--details", action="store_true", help="list each page's faults")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    args = parser.parse_args()
    folders = (
        [args.directory]
        if (args.directory / "cases.json").exists()
        else sorted(p.parent for p in args.directory.glob("*/cases.json"))
    )
    for folder in folders:
        tallies = evaluate_set(folder, args.limit)
        print(f"== {folder.name} ({tallies['ours'].pages} pages)")
        for name, tally in tallies.items():
            print(f"{name:6} {_format(tally.summary())}")
            if args.details:
                print("\n".join(f"    {fault}" for fault in tally.faults))


if __name__ == "__main__":
    main()
