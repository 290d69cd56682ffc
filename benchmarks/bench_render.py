"""Time and memory of a rendered crawl beside a plain one, on the same portal.

    python benchmarks/bench_render.py             # 2,000 articles (--n 100000 / 50)
    python benchmarks/bench_render.py --n 5000    # 100 articles: a quick run

The portal is the fixture of the rendering tests (`tests/js_portal.py`) at a size: every
article is listed on the home page and in two sections, ten a page. Served built by script,
the listings come from a JSON endpoint behind a "Xem thêm" button; served built on the
server, they are plain HTML with `?trang=N` links. Four crawls, each a real `archive crawl`
process into its own archive with no politeness delay:

- plain: the server-built portal with `render = "http"` (the baseline);
- browser on plain HTML: the same portal with `render = "browser"` (what a browser costs when
  it is not needed);
- browser: the script-built portal with `render = "browser"`;
- auto: the script-built portal with `render = "auto"`.

Reported per crawl: wall time, articles archived, peak memory (PSS) of the crawl's whole
process tree (Python, Playwright's driver, every Chromium process; sampled every 50 ms from
/proc) and CPU seconds of the tree.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from js_portal import JsPortal  # noqa: E402

SETTINGS = [
    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING",
    "-s", "PROGRESS_INTERVAL=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
]  # fmt: skip


def tree_memory(pid: int) -> int:
    """Proportional set size (shared pages split between their users) of a process and all
    its descendants: plain RSS would count Chromium's shared memory once per process."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss(current)
        stack += children.get(current, [])
    return total


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def measured_crawl(registry: Path, db: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "crawler.cli", "crawl", "bench"]
    command += ["--sources", str(registry), "--db", str(db), *SETTINGS]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid))
        time.sleep(0.05)
    seconds = time.monotonic() - started
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"crawl failed: {err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "peak_mib": peak / 2**20, "cpu": cpu, "articles": archived(db)}


def archived(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def run(name: str, count: int, server_rendered: bool, render: str, folder: Path) -> dict:
    with JsPortal(count=count, per_page=10, server_rendered=server_rendered) as portal:
        registry = portal.write_sources(folder / f"{name}.toml", render, slug="bench")
        result = measured_crawl(registry, folder / f"{name}.db")
    return {"name": name, "render": render} | result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="scale: articles = n / 50")
    args = parser.parse_args()
    count = max(30, args.n // 50)
    crawls = [
        ("plain", True, "http"),
        ("browser on plain HTML", True, "browser"),
        ("browser", False, "browser"),
        ("auto", False, "auto"),
    ]
    print(f"portal of {count} articles, 10 a listing page; load {os.getloadavg()[0]:.1f}")
    print(
        f"{'crawl':<24}{'render':<9}{'articles':>9}{'seconds':>9}{'CPU s':>8}{'peak PSS MiB':>14}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, server_rendered, render in crawls:
            r = run(name.replace(" ", "-"), count, server_rendered, render, Path(tmp))
            print(
                f"{name:<24}{render:<9}{r['articles']:>9}{r['seconds']:>9.1f}"
                f"{r['cpu']:>8.1f}{r['peak_mib']:>14.0f}"
            )
            if r["articles"] != count:
                raise SystemExit(f"{name}: {r['articles']} of {count} articles archived")


if __name__ == "__main__":
    main()
