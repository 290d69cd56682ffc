"""Distributed crawl benchmark: pages/s with 1, 2 and 4 local workers and one ingest, beside a
local `archive crawl` of the same portal; the ingest's own ceiling; peak memory of each.

A real redis-server and a generated portal (tests/ops_portal.py) on 127.0.0.1, DOWNLOAD_DELAY=0
so the machinery, not politeness, is measured. Rates count from the first request the portal
saw to the last (process start-up and the idle wait at the end are left out); the ingest's
ceiling is measured on a stream filled beforehand.

    .venv/bin/python benchmarks/bench_distributed.py               # 400 pages, 20,000 entries
    .venv/bin/python benchmarks/bench_distributed.py --n 5000      # a quicker ingest ceiling
    .venv/bin/python benchmarks/bench_distributed.py --n 5000 --ceiling-only

The ceiling is measured twice: on results without `keys` (the ingest signs and folds every
text itself) and on results carrying the keys an extraction worker computes (`TextKeys` under
the archive's dedup settings), as a distributed crawl's workers send them. Besides entries/s
it prints the ingest process's CPU ms per entry, which a busy shared machine skews less.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cluster_helpers import TimedPortal  # noqa: E402
from ops_portal import paragraphs  # noqa: E402
from redis_server import RedisServer  # noqa: E402

from crawler.cluster.keys import Keys, connect  # noqa: E402
from crawler.cluster.stream import ResultStream  # noqa: E402
from crawler.crawl.workers import _keys  # noqa: E402
from crawler.extract import Extracted  # noqa: E402
from crawler.store.dedup import DedupSettings  # noqa: E402
from crawler.store.results import Counts, PageResult  # noqa: E402

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]
CLUSTER = ["-s", "CLUSTER_IDLE_SECONDS=2", "-s", "CLUSTER_HEARTBEAT=0.5"]


class PeakMemory:
    """Peak resident memory (VmHWM) of processes, sampled until they exit."""

    def __init__(self, processes: list[subprocess.Popen]) -> None:
        self.peaks = {p.pid: 0 for p in processes}
        self.processes = processes
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while any(p.poll() is None for p in self.processes):
            for p in self.processes:
                self.peaks[p.pid] = max(self.peaks[p.pid], _hwm_mb(p.pid))
            time.sleep(0.2)

    def of(self, process: subprocess.Popen) -> float:
        self.thread.join(timeout=5)
        return self.peaks[process.pid]


def _hwm_mb(pid: int) -> float:
    """Peak RSS of a process and its extraction children, in MB."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def archive(*args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "crawler.cli", *args]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def crawl_rate(portal: TimedPortal, since: int) -> tuple[int, float]:
    moments = [at for at, _ in portal.arrivals[since:]]
    return len(moments), len(moments) / max(1e-6, moments[-1] - moments[0])


def local_baseline(pages: int, folder: Path) -> tuple[float, float]:
    with TimedPortal(count=pages) as portal:
        registry = portal.write_sources(folder / "local.toml")
        db = folder / "local.db"
        process = archive("crawl", "baosongthu", "--db", str(db), "--sources", str(registry), *FAST)
        memory = PeakMemory([process])
        _check(process)
        return crawl_rate(portal, 0)[1], memory.of(process)


def distributed(pages: int, workers: int, folder: Path, server: RedisServer) -> dict:
    server.flush()
    with TimedPortal(count=pages) as portal:
        registry = portal.write_sources(folder / f"d{workers}.toml")
        db = folder / f"d{workers}.db"
        common = ["--sources", str(registry), *FAST, *CLUSTER]
        crawlers = [
            archive("crawl", "baosongthu", "--redis", server.url, "--until-idle", *common,
                    "-s", f"CLUSTER_WARC_DIR={folder / f'd{workers}w{n}'}")
            for n in range(workers)
        ]  # fmt: skip
        ingest = archive("ingest", "--redis", server.url, "--until-idle", "--db", str(db),
                         "--sources", str(registry))  # fmt: skip
        memory = PeakMemory([*crawlers, ingest])
        for process in [*crawlers, ingest]:
            _check(process)
        fetched, rate = crawl_rate(portal, 0)
    return {
        "rate": rate,
        "fetched": fetched,
        "worker_mb": max(memory.of(p) for p in crawlers),
        "ingest_mb": memory.of(ingest),
    }


def ingest_ceiling(
    entries: int, folder: Path, server: RedisServer, keyed: bool
) -> tuple[float, float, float]:
    """Entries/s one ingest commits from a stream filled beforehand with distinct articles,
    its CPU ms per entry and its peak MB; `keyed`: the results carry a worker's `TextKeys`."""
    server.flush()
    stream = ResultStream(connect(server.url), Keys())
    dedup = DedupSettings() if keyed else None  # the archive's: `archive ingest`'s defaults
    pipe = stream.client.pipeline(transaction=False)
    for n in range(entries):
        url = f"http://127.0.0.1/tin-tuc/hoi-nghi-{n}.html"
        text = "\n\n".join(paragraphs(n + 1000))  # distinct stories, as the portal's
        article = Extracted(url, f"Hội nghị tổng kết công tác số {n}", text, author="PV")
        result = PageResult("baosongthu", None, url, article=article, keys=_keys(article, dedup))
        pipe.xadd(stream.key, {"run": "baosongthu@bench", "slug": "baosongthu",
                               "result": result.to_bytes()})  # fmt: skip
        if n % 25 == 24:
            counts = Counts(0, {"pages": 25}).to_bytes()
            pipe.xadd(
                stream.key, {"run": "baosongthu@bench", "slug": "baosongthu", "result": counts}
            )
        if n % 500 == 499:
            pipe.execute()
    pipe.execute()
    total = stream.length()
    db = folder / f"ceiling-{'keyed' if keyed else 'keyless'}.db"
    cpu_before = _children_cpu()
    started = time.monotonic()
    process = archive("ingest", "--redis", server.url, "--until-idle", "--grace", "0",
                      "--db", str(db), "--sources", str(folder / "none.toml"))  # fmt: skip
    memory = PeakMemory([process])
    _check(process)
    elapsed = time.monotonic() - started
    cpu_ms = 1000 * (_children_cpu() - cpu_before) / total
    return total / elapsed, cpu_ms, memory.of(process)


def _children_cpu() -> float:
    """CPU seconds (user + system) of the children waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ceilings(entries: int, folder: Path, server: RedisServer) -> float:
    """Both ceilings printed; returns the keyed one (what a distributed crawl sends)."""
    for keyed in (False, True):
        rate, cpu_ms, mb = ingest_ceiling(entries, folder, server, keyed)
        print(
            f"ingest ceiling, results {'with' if keyed else 'without'} worker keys: "
            f"{rate:.0f} entries/s, {cpu_ms:.2f} ms CPU/entry over {entries} articles, "
            f"peak {mb:.0f} MB"
        )
    return rate


def _check(process: subprocess.Popen) -> None:
    if process.wait(timeout=1800) != 0:
        sys.exit(f"benchmark step failed: {process.stderr.read().decode()[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="stream entries for the ceiling")
    parser.add_argument("--pages", type=int, default=400, help="articles of the portal")
    parser.add_argument("--ceiling-only", action="store_true", help="only the ingest ceilings")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (shared machine)")
    with tempfile.TemporaryDirectory() as tmp, RedisServer() as server:
        folder = Path(tmp)
        if args.ceiling_only:
            ceilings(args.n, folder, server)
            return
        rate, mb = local_baseline(args.pages, folder)
        print(f"local archive crawl (baseline): {rate:6.1f} pages/s, peak {mb:.0f} MB")
        rates = {}
        for workers in (1, 2, 4):
            found = distributed(args.pages, workers, folder, server)
            rates[workers] = found["rate"]
            print(
                f"{workers} worker(s) + 1 ingest: {found['rate']:6.1f} pages/s "
                f"({found['fetched']} requests), peak {found['worker_mb']:.0f} MB a worker "
                f"(with its extraction process), ingest {found['ingest_mb']:.0f} MB"
            )
        ceiling = ceilings(args.n, folder, server)
    best = max(rates.values())
    machines = 10 * best
    print(
        f"prediction for 10 machines like this one: ~{machines:.0f} pages/s of fetching and "
        f"extraction (the best local setting, {best:.0f} pages/s, times 10), but one ingest "
        f"commits ~{ceiling:.0f} entries/s, so the cluster is capped near "
        f"{min(machines, ceiling):.0f} pages/s by its writer; politeness caps each portal at "
        f"1/DOWNLOAD_DELAY pages/s (250 portals at 1 s: 250 pages/s)"
    )


if __name__ == "__main__":
    main()
