"""The cluster settings (CLUSTER_*), read once from Scrapy settings or any mapping.

CLUSTER_REDIS_URL       the Redis every worker and the ingest share (`--redis URL`)
CLUSTER_PREFIX          prefix of every Redis key, so several clusters share a Redis (archive)
CLUSTER_WORKER_ID       this worker's name (default host.pid.random, one per process)
CLUSTER_IDLE_SECONDS    a portal's batch run ends once its frontier stayed empty this long with
                        nothing in flight; `--until-idle` workers then exit (60)
CLUSTER_WORKER_TIMEOUT  seconds without a heartbeat before a worker counts as dead and its
                        leased requests go back to the queue (15)
CLUSTER_HEARTBEAT       seconds between heartbeats (2)
CLUSTER_SEEN_CAPACITY   URLs the seen-set holds per generation (10,000,000: 34 MiB a generation)
CLUSTER_SEEN_ERROR      its false-positive rate, each a URL not fetched (0.000001)
CLUSTER_SEEN_HOURS      how long a URL stays seen: one to two generations of this length (20)
CLUSTER_ROBOTS_HOURS    how long a fetched robots.txt is shared before it is fetched again (24)
CLUSTER_STREAM_MAX      workers wait while the results stream holds more entries than this (100,000)
CLUSTER_WARC_DIR        folder of a worker's captures/<slug>/<worker>-<time>.warc.gz files (.)
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields

import redis

from crawler.cluster.frontier import Frontier
from crawler.cluster.keys import Keys, connect
from crawler.cluster.seen import SeenSet
from crawler.cluster.workers import worker_id

PROCESS_WORKER = worker_id()  # every component of a process is the same worker


@dataclass(frozen=True)
class ClusterConfig:
    redis_url: str = ""
    prefix: str = "archive"
    worker_id: str = ""
    idle_seconds: float = 60.0
    worker_timeout: float = 15.0
    heartbeat: float = 2.0
    seen_capacity: int = 10_000_000
    seen_error: float = 1e-6
    seen_hours: float = 20.0
    robots_hours: float = 24.0
    stream_max: int = 100_000
    warc_dir: str = "."

    @classmethod
    def from_settings(cls, settings: Mapping) -> "ClusterConfig":
        values = {}
        for field in fields(cls):
            name = f"CLUSTER_{field.name.upper()}"
            if settings.get(name) not in (None, ""):
                default = getattr(cls, field.name)
                values[field.name] = type(default)(settings.get(name))
        values.setdefault("worker_id", PROCESS_WORKER)
        return cls(**values)

    @property
    def keys(self) -> Keys:
        return Keys(self.prefix)

    def client(self) -> redis.Redis:
        return connect(self.redis_url)

    def frontier(self, client: redis.Redis | None = None) -> Frontier:
        return Frontier(client or self.client(), self.keys)

    def seen_set(self, client: redis.Redis | None = None) -> SeenSet:
        return SeenSet(
            client or self.client(),
            self.keys,
            self.seen_capacity,
            self.seen_error,
            self.seen_hours,
        )
