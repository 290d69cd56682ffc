"""Helpers for the distributed-crawl tests: a portal that logs when each request came, and
`archive` workers and ingests run as subprocesses, as on real machines."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ops_portal import Portal

ROOT = Path(__file__).resolve().parent.parent


class TimedPortal(Portal):
    """The operations portal, logging (arrival time, path) of every request."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.arrivals: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def page(self, path: str):
        with self.lock:
            self.arrivals.append((time.monotonic(), path))
        return super().page(path)

    def arrived_after(self, moment: float) -> list[str]:
        return [path for at, path in self.arrivals if at > moment]


def archive_process(folder: Path, name: str, *args: str) -> subprocess.Popen:
    """`archive ARGS…` in the background, its output in folder/name.out and .err."""
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=ROOT,
        stdout=open(folder / f"{name}.out", "w"),  # noqa: SIM115 - closed with the process
        stderr=open(folder / f"{name}.err", "w"),  # noqa: SIM115
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )


def worker(folder: Path, name: str, redis_url: str, registry: Path, *settings: str):
    args = ["crawl", "baosongthu", "--redis", redis_url, "--until-idle", "--sources", str(registry)]
    extra = [f"CLUSTER_WARC_DIR={folder / name}", "LOG_LEVEL=INFO", "AUTOTHROTTLE_ENABLED=False"]
    for setting in [*extra, *settings]:
        args += ["-s", setting]
    return archive_process(folder, name, *args)


def ingest(folder: Path, name: str, redis_url: str, db: Path, registry: Path, *extra: str):
    args = ["ingest", "--redis", redis_url, "--db", str(db), "--sources", str(registry), *extra]
    return archive_process(folder, name, *args)


def output(folder: Path, name: str) -> str:
    return (folder / f"{name}.out").read_text() + (folder / f"{name}.err").read_text()[-3000:]


def wait_for(condition, timeout: float = 60, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False
