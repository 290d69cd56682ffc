"""Crawl throughput: our full crawl beside plain trafilatura and a plain Scrapy spider, one run.

    .venv/bin/python benchmarks/bench_crawl.py                 # 2,000 articles
    .venv/bin/python benchmarks/bench_crawl.py --n 10000

A portal of N articles is generated (benchmarks/generated_portal.py) and served on 127.0.0.1 by
a server in its own process. Then, one after the other on the same machine:
(a) plain `trafilatura.extract(with_metadata=True)` over the same saved article pages, one
    process (one core);
(b) the plain Scrapy + trafilatura + sqlite-utils spider (benchmarks/plain_spider.py);
(c) `archive crawl`: extraction in workers, dedup, WARC capture, group-committed archive writes.
Both crawlers get the same politeness-free settings. Each is measured as a process tree: wall
time, CPU seconds (user + system, workers included) and peak RSS (the sum over the tree,
sampled). Load averages are printed too: other work on the machine skews every number alike.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generated_portal import SECTIONS, article_path, generate  # noqa: E402

CRAWL_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "LOG_LEVEL": "WARNING",
}
TRAFILATURA_LOOP = """
import sys, trafilatura
from pathlib import Path
paths = Path(sys.argv[1]).read_text().split()
found = sum(bool(trafilatura.extract(Path(p).read_bytes(), with_metadata=True)) for p in paths)
print(found)
"""


@dataclass
class Measured:
    name: str
    seconds: float
    cpu: float
    peak_rss_mb: float
    pages: int  # articles extracted (a) or archived (b, c)
    note: str = ""

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        per_page = self.cpu / self.pages * 1000 if self.pages else 0.0
        return (
            f"{self.name:<34} {self.pages:>6} pages {self.seconds:>7.1f} s {self.rate:>7.1f}/s"
            f" {self.cpu:>7.1f} CPU s ({per_page:5.1f} ms/page) peak RSS {self.peak_rss_mb:6.0f}"
            f" MB {self.note}"
        )


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total / 2**20


def cpu_seconds(path: str) -> float:
    """User + system CPU seconds from a /proc stat file."""
    with open(path) as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sample_split(pid: int, split: dict[str, float]) -> None:
    """CPU so far of the main thread, the process's other threads, and its child processes."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        threads = {t: cpu_seconds(f"/proc/{pid}/task/{t}/stat") for t in tasks}
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = handle.read().split()
        workers = sum(cpu_seconds(f"/proc/{child}/stat") for child in children)
    except (OSError, ValueError):
        return  # the process is ending
    main = threads.pop(str(pid), 0.0)
    split["reactor thread"] = max(split.get("reactor thread", 0.0), main)
    split["other threads"] = max(split.get("other threads", 0.0), sum(threads.values()))
    split["workers"] = max(split.get("workers", 0.0), workers)


def measure(
    command: list[str], cwd: Path = ROOT, split: dict[str, float] | None = None
) -> tuple[float, float, float, str]:
    """Run a command; its wall seconds, CPU seconds of its tree, peak tree RSS, stdout.
    With `split`, the CPU of its main thread, other threads and child processes goes there."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - read back below
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.25):
            peak = max(peak, tree_rss_mb(process.pid))
            if split is not None:
                sample_split(process.pid, split)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    text = out.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} failed with {process.returncode}")
    peak = max(peak, usage.ru_maxrss / 1024)
    return seconds, usage.ru_utime + usage.ru_stime, peak, text


def write_sources(path: Path, base: str) -> None:
    path.write_text(
        "[sources.bench]\n"
        'name = "Báo Sông Thu (benchmark)"\nprovince = "Quảng Nam"\nkind = "paper"\n'
        f'start_urls = ["{base}/"]\nallowed_domains = ["127.0.0.1"]\n'
        "article_pattern = '-\\d{6}\\.html$'\n",
        encoding="utf-8",
    )


def count_rows(db: Path, sql: str) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def run_plain_trafilatura(folder: Path, n: int) -> Measured:
    listing = folder / "articles.txt"
    site = folder / "portal" / "site"
    listing.write_text("\n".join(str(site / article_path(i).lstrip("/")) for i in range(n)))
    seconds, cpu, rss, out = measure([sys.executable, "-c", TRAFILATURA_LOOP, str(listing)])
    return Measured("(a) plain trafilatura, one core", seconds, cpu, rss, int(out.split()[-1]))


def run_plain_spider(folder: Path, base: str) -> Measured:
    db = folder / "plain.db"
    command = [sys.executable, "-m", "scrapy", "runspider", str(HERE / "plain_spider.py")]
    command += ["-a", f"start={base}/", "-a", f"db={db}"]
    for name, value in CRAWL_SETTINGS.items():
        command += ["-s", f"{name}={value}"]
    seconds, cpu, rss, _ = measure(command, cwd=folder)
    pages = count_rows(db, "SELECT count(*) FROM articles")
    return Measured("(b) plain Scrapy+trafilatura spider", seconds, cpu, rss, pages)


def run_our_crawl(folder: Path, base: str, extra: list[str]) -> Measured:
    db = folder / "archive.db"
    registry = folder / "sources.toml"
    write_sources(registry, base)
    command = [sys.executable, "-m", "crawler.cli", "crawl", "bench", "--db", str(db)]
    command += ["--sources", str(registry)]
    for name, value in CRAWL_SETTINGS.items():
        command += ["-s", f"{name}={value}"]
    split: dict[str, float] = {}
    seconds, cpu, rss, _ = measure(command + extra, split=split)
    pages = count_rows(db, "SELECT count(*) FROM article_urls WHERE relation != 'url-variant'")
    requests = count_rows(db, "SELECT pages FROM crawls ORDER BY id DESC LIMIT 1")
    note = f"({requests} requests, WARC {warc_mb(folder):.0f} MB)"
    parts = ", ".join(f"{name} {value:.1f} s" for name, value in split.items())
    note += f"\n    CPU split (sampled): {parts}"
    return Measured("(c) archive crawl (ours)", seconds, cpu, rss, pages, note)


def warc_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in (folder / "captures").rglob("*.warc.gz")) / 2**20


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, str(HERE / "generated_portal.py"), "serve", str(folder / "portal")]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    port = server.stdout.readline().split()[-1]
    return server, f"http://127.0.0.1:{port}"


def server_cpu(server: subprocess.Popen, before: float) -> float:
    """CPU seconds the portal's server spent since `before`: it shares the machine's cores."""
    return cpu_seconds(f"/proc/{server.pid}/stat") - before


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles in the portal")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--only", choices=["a", "b", "c"], action="append")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="for (c)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    folder.mkdir(parents=True, exist_ok=True)
    generate(folder / "portal", args.n)
    print(f"portal: {args.n} articles in {len(SECTIONS)} sections; {machine()}")
    print(f"load average before: {os.getloadavg()}")
    server, base = start_server(folder)
    extra = [item for setting in args.settings for item in ("-s", setting)]
    only = set(args.only or "abc")
    results = []
    try:
        if "a" in only:
            results.append(run_plain_trafilatura(folder, args.n))
            print(results[-1].line(), flush=True)
        if "b" in only:
            served = cpu_seconds(f"/proc/{server.pid}/stat")
            results.append(run_plain_spider(folder, base))
            print(results[-1].line(), flush=True)
            print(f"    the server's CPU meanwhile: {server_cpu(server, served):.1f} s")
        if "c" in only:
            served = cpu_seconds(f"/proc/{server.pid}/stat")
            results.append(run_our_crawl(folder, base, extra))
            print(results[-1].line(), flush=True)
            print(f"    the server's CPU meanwhile: {server_cpu(server, served):.1f} s")
            if results[-1].pages < args.n:
                print(f"    {args.n - results[-1].pages} articles NOT archived by (c)")
    finally:
        server.terminate()
        server.wait()
    print(f"load average after: {os.getloadavg()}")
    report_ratios({m.name[:3]: m for m in results})


def report_ratios(by_name: dict[str, Measured]) -> None:
    ours = by_name.get("(c)")
    if ours is None:
        return
    for key in ("(a)", "(b)"):
        if key in by_name and by_name[key].rate:
            print(f"(c)/{key[1]} pages/s: {ours.rate / by_name[key].rate:.2f}x")
    plain = by_name.get("(b)")
    if plain and plain.pages and ours.pages:
        print(
            f"CPU s per archived article: ours {ours.cpu / ours.pages * 1000:.1f} ms,"
            f" plain spider {plain.cpu / plain.pages * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
