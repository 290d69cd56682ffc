"""Maintenance throughput: `archive dedup --rebuild` and `archive reextract`, ours beside a
baseline revision of the code, measured in the same run on the same archive.

    .venv/bin/python benchmarks/bench_maintenance.py                 # 20,000 articles
    .venv/bin/python benchmarks/bench_maintenance.py --n 5000 --pages 500

The archive holds N generated stories and syndicated copies (bench_dedup's generator); the
captures folder holds `--pages` generated article pages (generated_portal's, about 40 KB of
HTML each) in one WARC file. Each measurement runs in a child process on a fresh copy of the
archive; the baseline's children import the `crawler` package of `--baseline` (extracted
with `git archive` into a temporary folder). Printed: wall seconds, articles/s, CPU seconds of
the process and of its worker processes, and our reextract's per-article breakdown.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE = "756a85a"  # main before the batched rebuild and reextract (issue 12c)
CHANGED = {"shingle": 4}  # new index parameters: every signature is computed again


def build_archive(path: Path, n: int) -> None:
    from bench_dedup import generate

    from crawler.extract import Extracted
    from crawler.store.archive import Archive

    pages = generate(n, 7)
    with Archive(path) as archive:
        for start in range(0, n, 1000):
            with archive.transaction() as conn:
                for page in pages[start : start + 1000]:
                    article = Extracted(
                        url=page.url, title=page.title, text=page.text, published=page.published
                    )
                    archive._store_article(
                        conn, None, page.source, page.url, article, source_kind=page.source_kind
                    )


def build_captures(base: Path, count: int) -> None:
    """One WARC file of `count` article pages of the generated portal, as a crawl writes it."""
    from generated_portal import article_html, article_path

    from crawler.crawl.capture import Exchange, WarcFile

    warc = WarcFile(base, "captures/baosongthu/1-20240301T000000Z.warc.gz", lambda _: None)
    metadata = {"candidate": True, "source": "baosongthu", "discovered": "sitemap"}
    headers = [("Content-Type", "text/html; charset=utf-8")]
    for number in range(count):
        body = article_html(number, count).encode("utf-8")
        url = "https://baosongthu.vn" + article_path(number)
        warc.write(Exchange(url, 200, headers, body, metadata=metadata))
    warc.close()


# -- in a child process (ours or the baseline's code) ------------------------------------------


def child(kind: str, db: Path) -> dict:
    import crawler
    from crawler.store.archive import Archive
    from crawler.store.dedup import DedupSettings

    start = time.perf_counter()
    extra: dict = {}
    with Archive(db) as archive:
        if kind.startswith("rebuild"):
            settings = DedupSettings(**CHANGED) if kind == "rebuild-changed" else DedupSettings()
            report = archive.rebuild_dedup(settings)
            articles = report["urls"]
        else:
            from crawler.ops.reextract import reextract

            if kind == "reextract-changed":
                age_texts(archive)
                start = time.perf_counter()
            report = reextract(archive, db.parent / "captures", {})
            articles = report.updated + report.unchanged + report.new + report.lost
            extra = {"line": report.line(), "timings": getattr(report, "timings", None)}
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "articles": articles,
        "cpu": own.ru_utime + own.ru_stime,
        "worker_cpu": workers.ru_utime + workers.ru_stime,
        "code": crawler.__file__,
        **extra,
    }


def age_texts(archive) -> None:
    """Every stored text made different from what extraction gives (a sentence more), as if
    an older extractor had stored them: a re-run then updates every article."""
    from crawler.store.dedup import content_hash

    with archive.transaction() as conn:
        rows = conn.execute("SELECT id, text FROM articles").fetchall()
        for article_id, text in rows:
            old = text + "\n\nBài viết cũ còn một câu thừa ở cuối."
            digest = content_hash(old)
            conn.execute(
                "UPDATE articles SET text = ?, content_hash = ? WHERE id = ?",
                (old, digest, article_id),
            )
            conn.execute(
                "UPDATE article_urls SET content_hash = ? WHERE article_id = ?"
                " AND relation = 'original'",
                (digest, article_id),
            )
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'extractions'").fetchone():
            conn.execute("DELETE FROM extractions")


# -- the parent ----------------------------------------------------------------------------------


def measure(kind: str, source: Path, work: Path, code: Path | None) -> dict:
    """Run one measurement in a child on a copy of `source`'s folder (archive and captures)."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(source, work)
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = f"{code}{os.pathsep}{HERE}"
    command = [sys.executable, __file__, "--child", kind, "--db", str(work / "archive.db")]
    done = subprocess.run(command, env=env, cwd=work, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    result = json.loads(done.stdout.splitlines()[-1])
    assert code is None or result["code"].startswith(str(code)), result["code"]
    return result


def baseline_code(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "crawler"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def line(name: str, result: dict) -> str:
    rate = result["articles"] / result["seconds"]
    return (
        f"{name:<52}{result['articles']:>8,}{result['seconds']:>9.2f}{rate:>11,.0f}"
        f"{result['cpu']:>9.1f}{result['worker_cpu']:>9.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles in the dedup archive")
    parser.add_argument("--pages", type=int, help="captured pages to reextract (default N/10)")
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db)))
        return
    args.pages = args.pages or args.n // 10
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        dedup_dir, pages_dir = tmp / "dedup", tmp / "pages"
        dedup_dir.mkdir()
        pages_dir.mkdir()
        started = time.perf_counter()
        build_archive(dedup_dir / "archive.db", args.n)
        build_captures(pages_dir, args.pages)
        (tmp / "base").mkdir()
        old = baseline_code(args.baseline, tmp / "base")
        print(f"set-up {time.perf_counter() - started:.0f} s; load {os.getloadavg()[0]:.2f}")
        print(f"{'':<52}{'articles':>8}{'seconds':>9}{'articles/s':>11}{'CPU s':>9}{'workers':>9}")
        results = {}
        for kind in ("rebuild-same", "rebuild-changed"):
            for name, code in (("ours", None), (f"baseline {args.baseline}", old)):
                result = measure(kind, dedup_dir, tmp / "work", code)
                results[(kind, name)] = result
                print(line(f"dedup --{kind} ({name})", result), flush=True)
        for name, code in (("ours", None), (f"baseline {args.baseline}", old)):
            runs = (
                ("new archive", "reextract", pages_dir, "full"),
                ("again, same extractor", "reextract", tmp / "full", "again"),
                ("every text changed", "reextract-changed", tmp / "full", "changed"),
            )
            for label, kind, source, work in runs:
                result = measure(kind, source, tmp / work, code)
                print(line(f"reextract, {label} ({name})", result), flush=True)
                if result.get("timings"):
                    parts = ", ".join(f"{k} {v:.2f}" for k, v in result["timings"].items())
                    print(f"    CPU ms per article: {parts}")
        print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
