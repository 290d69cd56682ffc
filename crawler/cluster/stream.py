"""The results stream: workers append, the one `archive ingest` reads in a consumer group.

An entry is `run` (the batch run key), `slug`, and either `result` (a `PageResult` or
`Counts` as bytes, crawler.store.results) or `finish` (the run's final status). The ingest
acknowledges an entry, and deletes it, only after the archive transaction holding it committed;
entries delivered but not acknowledged (the ingest was killed) are read again on restart.
"""

import redis

from crawler.cluster.keys import RESULTS_GROUP, Keys

Entry = tuple[str, dict[bytes, bytes]]


class ResultStream:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.key = keys.results

    def push(self, run: str, slug: str, result: bytes) -> str:
        entry = {"run": run, "slug": slug, "result": result}
        return self.client.xadd(self.key, entry).decode()

    def length(self) -> int:
        return self.client.xlen(self.key)

    def ensure_group(self) -> None:
        """The ingest's consumer group, reading from the stream's first entry."""
        try:
            self.client.xgroup_create(self.key, RESULTS_GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def read(self, consumer: str, count: int, block_ms: int, *, again: bool) -> list[Entry]:
        """New entries, or with `again` the ones delivered to `consumer` and not yet acked."""
        start = "0" if again else ">"
        answer = self.client.xreadgroup(
            RESULTS_GROUP,
            consumer,
            {self.key: start},
            count=count,
            block=None if again else block_ms,
        )
        if not answer:
            return []
        # an entry deleted after delivery comes back empty: it is acked like the others
        return [(raw_id.decode(), fields or {}) for raw_id, fields in answer[0][1]]

    def ack(self, ids: list[str]) -> None:
        """Acknowledge and delete: committed entries need not stay in Redis' memory."""
        if ids:
            pipe = self.client.pipeline(transaction=True)
            pipe.xack(self.key, RESULTS_GROUP, *ids)
            pipe.xdel(self.key, *ids)
            pipe.execute()

    def lag(self) -> tuple[int, int]:
        """(entries not yet delivered to the ingest, delivered but not acknowledged)."""
        if not self.client.exists(self.key):
            return 0, 0
        groups = {g["name"].decode(): g for g in self.client.xinfo_groups(self.key)}
        group = groups.get(RESULTS_GROUP)
        if group is None:
            return self.length(), 0
        lag = group.get("lag")
        undelivered = int(lag) if lag is not None else self.length() - int(group["pending"])
        return undelivered, int(group["pending"])
