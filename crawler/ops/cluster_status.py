"""The cluster at a glance, for `archive status --redis URL`: per portal the queue and what is
in flight, the results stream's lag behind the ingest, and each live worker with its rate."""

from dataclasses import dataclass, field

import redis

from crawler.cluster import workers
from crawler.cluster.frontier import Frontier
from crawler.cluster.keys import Keys
from crawler.cluster.stream import ResultStream


@dataclass
class ClusterStatus:
    portals: dict[str, dict] = field(default_factory=dict)  # slug → queued, in_flight, run
    undelivered: int = 0  # stream entries the ingest has not read yet
    unacknowledged: int = 0  # read by the ingest, not yet committed
    workers: dict[str, dict[str, dict]] = field(default_factory=dict)


def cluster_status(client: redis.Redis, keys: Keys) -> ClusterStatus:
    frontier = Frontier(client, keys)
    status = ClusterStatus()
    for slug in sorted(_portals(client, keys)):
        queued, in_flight = frontier.busy(slug)
        run = frontier.current_run(slug)
        status.portals[slug] = {"queued": queued, "in_flight": in_flight, "run": run}
    status.undelivered, status.unacknowledged = ResultStream(client, keys).lag()
    status.workers = workers.alive(client, keys)
    return status


def _portals(client: redis.Redis, keys: Keys) -> set[str]:
    """Portals with a queue or an open run in this cluster."""
    found = set()
    for pattern in (keys.queue("*"), keys.run("*")):
        for key in client.scan_iter(match=pattern, count=1000):
            found.add(key.decode()[len(keys.prefix) + 1 :].rsplit(":", 1)[0])
    return found


def format_cluster(status: ClusterStatus) -> list[str]:
    lag = status.undelivered + status.unacknowledged
    lines = [
        f"cluster: {len(status.workers)} workers alive, stream lag {lag} "
        f"({status.undelivered} not read by the ingest, {status.unacknowledged} not committed)"
    ]
    for slug, portal in status.portals.items():
        run = portal["run"] or "no open run"
        lines.append(
            f"  {slug}: {portal['queued']} queued, {portal['in_flight']} in flight ({run})"
        )
    for worker, portals in status.workers.items():
        rate = sum(p.get("pages_per_s", 0) for p in portals.values())
        pages = sum(p.get("pages", 0) for p in portals.values())
        lines.append(f"  worker {worker}: {pages} pages, {rate:.2f} pages/s ({', '.join(portals)})")
    return lines
