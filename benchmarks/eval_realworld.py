"""Compare our extractor with plain trafilatura on a directory of saved pages kept outside
the repository (real pages are never committed).

The directory holds `cases.json`, a list of {"file", "url", "must", "must_not"}, and the
pages under `pages/`. Reported per extractor: snippet recall (must-contain found), snippet
precision (must-not-contain absent, over pages it accepted), pages rejected as not articles,
and milliseconds per page.

Run: .venv/bin/python benchmarks/eval_realworld.py DIRECTORY [--details]
"""

import argparse
import json
import time
import unicodedata
from pathlib import Path

import trafilatura

from crawler.extract import NotAnArticle, extract_article


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def ours(body: bytes, url: str) -> str | None:
    try:
        return extract_article(body, url).text
    except NotAnArticle:
        return None


def plain(body: bytes, url: str) -> str | None:
    document = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    return document.text if document is not None else None


def score(extractor, cases: list[dict], pages: Path, details: bool) -> dict[str, float]:
    found = wanted = clean = unwanted = rejected = 0
    seconds = 0.0
    for case in cases:
        body = (pages / case["file"]).read_bytes()
        start = time.perf_counter()
        text = extractor(body, case["url"])
        seconds += time.perf_counter() - start
        text = _norm(text) if text is not None else None
        missing = [s for s in case["must"] if _norm(s) not in (text or "")]
        leaked = [s for s in case["must_not"] if text is not None and _norm(s) in text]
        found, wanted = found + len(case["must"]) - len(missing), wanted + len(case["must"])
        if text is None:
            rejected += 1
        else:
            clean += len(case["must_not"]) - len(leaked)
            unwanted += len(case["must_not"])
        if details and (missing or leaked or text is None):
            print(
                f"  {extractor.__name__} {case['file']}: rejected={text is None} "
                f"missing={missing} leaked={leaked}"
            )
    return {
        "recall": found / max(wanted, 1),
        "precision": clean / max(unwanted, 1),
        "rejected": rejected,
        "ms_per_page": 1000 * seconds / max(len(cases), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    cases = json.loads((args.directory / "cases.json").read_text(encoding="utf-8"))
    pages = args.directory / "pages"
    first = (pages / cases[0]["file"]).read_bytes()
    ours(first, cases[0]["url"]), plain(first, cases[0]["url"])  # one-time library warm-up
    for extractor in (ours, plain):
        scores = score(extractor, cases, pages, args.details)
        print(f"{extractor.__name__:6} " + "  ".join(f"{k} {v:.3f}" for k, v in scores.items()))


if __name__ == "__main__":
    main()
