"""Archive writer benchmark: CPU ms per stored article through `ArchiveWriter.apply`.

The results are what a crawl's extraction workers send (`TextKeys` under the archive's dedup
settings, search forms, a capture, how the URL was found): distinct stories, with a near
copy every 10th, an exact copy every 17th and a re-fetch with a changed text every 23rd.
Groups of 100 (the writer thread's and the ingest's shape) beside one result per
transaction (how the writer stored before group commit). CPU time of this process, not a
rate: the machine's cores are shared.

    .venv/bin/python benchmarks/bench_writer.py --n 2000
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from ops_portal import paragraphs  # noqa: E402

from crawler.crawl.workers import _keys  # noqa: E402
from crawler.extract import Extracted  # noqa: E402
from crawler.store.archive import Archive  # noqa: E402
from crawler.store.dedup import DedupSettings  # noqa: E402
from crawler.store.results import Capture, Counts, PageResult  # noqa: E402
from crawler.store.writer import ArchiveWriter  # noqa: E402

ADDED = "Theo TTXVN"


def page(n: int, crawl_id: int, dedup: DedupSettings) -> PageResult:
    story = n - 5 if n % 17 == 16 else n  # an exact copy of an earlier story
    texts = paragraphs(story + 1000)
    if n % 10 == 9:  # a near copy: a byline and a sentence added
        texts = [*texts[:3], ADDED, texts[3] + " Hội nghị kết thúc cùng ngày."]
    url = f"http://127.0.0.1/tin-tuc/hoi-nghi-{n - 7 if n % 23 == 22 else n}.html"
    article = Extracted(url, f"Hội nghị tổng kết công tác số {story}", "\n\n".join(texts))
    capture = Capture("w.warc.gz", n * 1000, 900, f"sha1:P{n}", "2026-01-01T00:00:00Z")
    return PageResult(
        "baosongthu", crawl_id, url, requested_url=url + "?utm_source=rss", article=article,
        keys=_keys(article, dedup), capture=capture, discovered="listing",
        fetched="2026-01-01T00:00:00+00:00",
    )  # fmt: skip


def results(n: int, crawl_id: int, dedup: DedupSettings) -> list:
    out = []
    for number in range(n):
        out.append(page(number, crawl_id, dedup))
        if number % 25 == 24:
            out.append(Counts(crawl_id, {"pages": 25}))
    return out


def cpu_ms_per_article(n: int, folder: Path, group: int) -> float:
    with Archive(folder / f"group{group}.db") as archive:
        crawl_id = archive.start_crawl("baosongthu")
        batch = results(n, crawl_id, archive.dedup)
        writer = ArchiveWriter(archive)
        started = time.process_time()
        for start in range(0, len(batch), group):
            writer.apply(batch[start : start + group])
        return 1000 * (time.process_time() - started) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to store")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared machine)")
    with tempfile.TemporaryDirectory() as tmp:
        grouped = cpu_ms_per_article(args.n, Path(tmp), 100)
        single = cpu_ms_per_article(args.n, Path(tmp), 1)
    print(f"writer, groups of 100: {grouped:.3f} ms CPU/article over {args.n} articles")
    print(f"writer, one result per transaction (baseline): {single:.3f} ms CPU/article")


if __name__ == "__main__":
    main()
