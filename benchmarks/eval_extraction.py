"""Score our extractor against plain trafilatura over tests/evaldata, side by side.

Besides the gated scores it reports body-text F1 (bag of words against the `body` ground
truth that newer cases carry), split into Vietnamese and general (other-language) pages.

Run: .venv/bin/python benchmarks/eval_extraction.py [--repeat N] [--details]
"""

import argparse
import json
import re
import time
import unicodedata
from collections import Counter

import trafilatura

from crawler.extract.evaluation import EVALDATA, evaluate, extract_with_ours, load_cases, per_case

_WORD = re.compile(r"\w+")


def extract_with_plain_trafilatura(body: bytes, url: str, declared_encoding: str | None):
    """trafilatura.bare_extraction with metadata and nothing of ours."""
    document = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    if document is None:
        return None
    return {
        "title": document.title,
        "text": document.text,
        "published": document.date,
        "author": document.author,
    }


def _words(text: str | None) -> Counter:
    return Counter(_WORD.findall(unicodedata.normalize("NFC", text or "").lower()))


def body_f1(expected: str, found: str | None) -> float:
    """Bag-of-words F1 of the extracted text against the ground-truth body."""
    truth, got = _words(expected), _words(found)
    overlap = sum((truth & got).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


def f1_by_group(extractor, cases) -> dict[str, float]:
    """Mean body F1 over Vietnamese and over general pages that carry a ground-truth body."""
    entries = json.loads((EVALDATA / "cases.json").read_text(encoding="utf-8"))
    truth = {e["file"]: e for e in entries if e.get("body")}
    groups: dict[str, list[float]] = {"body_f1_vietnamese": [], "body_f1_general": []}
    for case in cases:
        entry = truth.get(case.file)
        if entry is None:
            continue
        result = extractor(case.body, case.url, case.declared_encoding)
        group = "vietnamese" if entry.get("language", "vi") == "vi" else "general"
        groups[f"body_f1_{group}"].append(body_f1(entry["body"], (result or {}).get("text")))
    return {name: round(sum(v) / len(v), 3) if v else 0.0 for name, v in groups.items()}


def interleaved_ms_per_page(cases, repeat: int) -> tuple[float, float]:
    """Mean milliseconds per page of each extractor, timed alternately on every page."""
    totals = [0.0, 0.0]
    for _ in range(repeat):
        for case in cases:
            for slot, extractor in enumerate((extract_with_ours, extract_with_plain_trafilatura)):
                started = time.perf_counter()
                extractor(case.body, case.url, case.declared_encoding)
                totals[slot] += time.perf_counter() - started
    pages = repeat * len(cases)
    return totals[0] / pages * 1000, totals[1] / pages * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus for timing")
    parser.add_argument("--details", action="store_true", help="print per-page faults of ours")
    args = parser.parse_args()
    cases = load_cases()
    ours = evaluate(extract_with_ours, cases, repeat=args.repeat).as_dict()
    plain = evaluate(extract_with_plain_trafilatura, cases, repeat=args.repeat).as_dict()
    ours.update(f1_by_group(extract_with_ours, cases))
    plain.update(f1_by_group(extract_with_plain_trafilatura, cases))
    print(f"{len(cases)} pages, {args.repeat} timing passes\n")
    print(f"{'score':<24}{'ours':>10}{'trafilatura':>14}")
    for name, value in ours.items():
        print(f"{name:<24}{value:>10}{plain[name]:>14}")
    mine, theirs = interleaved_ms_per_page(cases, args.repeat)
    print(
        f"\ntime per page, interleaved page by page so machine load hits both alike: "
        f"ours {mine:.2f} ms, plain trafilatura {theirs:.2f} ms, ratio {mine / theirs:.2f}x"
    )
    if args.details:
        for row in per_case(extract_with_ours, cases):
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
