"""Bring public sets of real saved pages into a temporary folder for `eval_realworld.py`.

Each set is read from a local git snapshot of its public repository (never committed here) and
written as DIR/<set>/cases.json plus DIR/<set>/pages/. One case holds the page's file and URL and
whatever ground truth the set has: the article text (`text`), snippets that must or must not be
in it (`must`, `must_not`), the headline (`title`) and the publication day (`published`).

    trafilatura   adbar/trafilatura: tests/evaldata.json over tests/cache and tests/eval (snippets)
    scrapinghub   scrapinghub/article-extraction-benchmark: ground-truth.json over html/ (text)
    fundus        flairNLP/fundus: tests/resources/parser/test_data/<country>/ (text, title, date)

Run: .venv/bin/python benchmarks/realworld_sets.py SET GIT_DIR OUT_DIR
"""

import argparse
import gzip
import json
import subprocess
from pathlib import Path


def _git_show(git_dir: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def _git_files(git_dir: Path, folder: str) -> list[str]:
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "--name-only", "-z", "HEAD", folder],
        check=True,
        capture_output=True,
    ).stdout
    return [name.decode() for name in listing.split(b"\0") if name]


def trafilatura_set(git_dir: Path, pages: Path) -> list[dict]:
    entries = json.loads(_git_show(git_dir, "tests/evaldata.json"))
    available = set(_git_files(git_dir, "tests/cache")) | set(_git_files(git_dir, "tests/eval"))
    cases = []
    for url, entry in entries.items():
        found = (f"tests/{d}/{entry['file']}" for d in ("cache", "eval"))
        source = next((path for path in found if path in available), None)
        if source is None:
            continue
        name = f"{len(cases):04d}.html"
        (pages / name).write_bytes(_git_show(git_dir, source))
        cases.append(
            {
                "file": name,
                "url": url,
                "must": entry.get("with", []),
                "must_not": entry.get("without", []),
                "title": entry.get("title") or None,
                "published": (entry.get("date") or "")[:10] or None,
            }
        )
    return cases


def scrapinghub_set(git_dir: Path, pages: Path) -> list[dict]:
    truth = json.loads(_git_show(git_dir, "ground-truth.json"))
    cases = []
    for key, entry in truth.items():
        name = f"{key[:16]}.html"
        (pages / name).write_bytes(gzip.decompress(_git_show(git_dir, f"html/{key}.html.gz")))
        cases.append({"file": name, "url": entry["url"], "text": entry["articleBody"]})
    return cases


_FUNDUS_DATA = "tests/resources/parser/test_data"


def fundus_set(git_dir: Path, pages: Path) -> list[dict]:
    files = set(_git_files(git_dir, _FUNDUS_DATA))
    cases = []
    for meta_path in sorted(f for f in files if f.endswith("/meta.info")):
        folder = meta_path.rsplit("/", 1)[0]
        infos = json.loads(_git_show(git_dir, meta_path))
        for publisher, page_files in _by_publisher(infos).items():
            truth_path = f"{folder}/{publisher}.json"
            if truth_path not in files:
                continue
            # one truth per saved page, in the same (date) order: V1 for the first page, …
            versions = json.loads(_git_show(git_dir, truth_path)).values()
            for page_file, truth in zip(page_files, versions, strict=False):
                case = _fundus_case(page_file, infos[page_file]["url"], truth)
                if case is not None and f"{folder}/{page_file}" in files:
                    raw = _git_show(git_dir, f"{folder}/{page_file}")
                    (pages / case["file"]).write_bytes(gzip.decompress(raw))
                    cases.append(case)
    return cases


def _by_publisher(infos: dict) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for page_file in sorted(infos):
        grouped.setdefault(page_file.split("_", 1)[0], []).append(page_file)
    return grouped


def _fundus_case(page_file: str, url: str, truth: dict) -> dict | None:
    body = truth.get("body") or {}
    texts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        texts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    if not texts:
        return None
    return {
        "file": page_file.removesuffix(".gz"),
        "url": url,
        "text": "\n\n".join(texts),
        "title": truth.get("title") or None,
        "published": (truth.get("publishing_date") or "")[:10] or None,
    }


SETS = {"trafilatura": trafilatura_set, "scrapinghub": scrapinghub_set, "fundus": fundus_set}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("git_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    pages = args.out_dir / args.set / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    cases = SETS[args.set](args.git_dir, pages)
    (args.out_dir / args.set / "cases.json").write_text(
        json.dumps(cases, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"{args.set}: {len(cases)} pages in {args.out_dir / args.set}")


if __name__ == "__main__":
    main()
