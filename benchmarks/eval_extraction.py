"""Score our extractor against plain trafilatura over tests/evaldata, side by side.

Run: .venv/bin/python benchmarks/eval_extraction.py [--repeat N] [--details]
"""

import argparse
import json

import trafilatura

from crawler.evaluation import evaluate, extract_with_ours, load_cases, per_case


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus for timing")
    parser.add_argument("--details", action="store_true", help="print per-page faults of ours")
    args = parser.parse_args()
    cases = load_cases()
    ours = evaluate(extract_with_ours, cases, repeat=args.repeat).as_dict()
    plain = evaluate(extract_with_plain_trafilatura, cases, repeat=args.repeat).as_dict()
    print(f"{len(cases)} pages, {args.repeat} timing passes\n")
    print(f"{'score':<24}{'ours':>10}{'trafilatura':>14}")
    for name, value in ours.items():
        print(f"{name:<24}{value:>10}{plain[name]:>14}")
    speed = plain["pages_per_second"] / ours["pages_per_second"]
    print(f"\ntime per page, ours / plain trafilatura: {speed:.2f}x")
    if args.details:
        for row in per_case(extract_with_ours, cases):
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
