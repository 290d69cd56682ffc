"""Every Redis key a distributed crawl uses, under one prefix (setting CLUSTER_PREFIX).

Per portal: `{p}:{slug}:queue` (sorted set of request ids by priority, then arrival),
`{p}:{slug}:requests` (hash id → serialized request), `{p}:{slug}:seq` (id counter),
`{p}:{slug}:run` (the batch in progress). Per worker: `{p}:worker:{id}` (heartbeat hash,
expiring), `{p}:lease:{id}` (hash "slug|request id" → queue score). Shared: `{p}:workers`,
`{p}:seen:{generation}`, `{p}:host:{host}`, `{p}:robots:{origin}`, `{p}:template:{slug}`
(the archive's learned template, a set), `{p}:results` (stream).
"""

from dataclasses import dataclass

import redis

RESULTS_GROUP = "ingest"


def connect(url: str) -> redis.Redis:
    """A client for a `redis://` URL; bytes in and out (payloads are UTF-8 JSON)."""
    return redis.Redis.from_url(url, socket_timeout=30, health_check_interval=30)


@dataclass(frozen=True)
class Keys:
    prefix: str = "archive"

    def queue(self, slug: str) -> str:
        return f"{self.prefix}:{slug}:queue"

    def requests(self, slug: str) -> str:
        return f"{self.prefix}:{slug}:requests"

    def seq(self, slug: str) -> str:
        return f"{self.prefix}:{slug}:seq"

    def run(self, slug: str) -> str:
        return f"{self.prefix}:{slug}:run"

    def worker(self, worker: str) -> str:
        return f"{self.prefix}:worker:{worker}"

    def lease(self, worker: str) -> str:
        return f"{self.prefix}:lease:{worker}"

    @property
    def workers(self) -> str:
        return f"{self.prefix}:workers"

    def seen(self, generation: int) -> str:
        return f"{self.prefix}:seen:{generation}"

    def host(self, host: str) -> str:
        return f"{self.prefix}:host:{host}"

    def robots(self, origin: str) -> str:
        return f"{self.prefix}:robots:{origin}"

    def template(self, slug: str) -> str:
        return f"{self.prefix}:template:{slug}"

    @property
    def results(self) -> str:
        return f"{self.prefix}:results"
