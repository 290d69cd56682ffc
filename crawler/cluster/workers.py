"""Worker heartbeats: who is alive, what each holds and how fast it goes.

A worker's heartbeat is a hash `{p}:worker:{id}` (one field per portal it crawls: pages,
results, rate) that expires `timeout` seconds after the last beat; its id stays in the set
`{p}:workers` until its leases are reclaimed, so a dead worker is noticed and never forgotten
with requests in hand.
"""

import json
import os
import socket
import uuid

import redis

from crawler.cluster.keys import Keys


def worker_id() -> str:
    """host.pid.random: unique across machines and restarts, no '|' and no '-' in it."""
    host = socket.gethostname().replace("-", "_").replace("|", "_").replace(".", "_")
    return f"{host}.{os.getpid()}.{uuid.uuid4().hex[:6]}"


def beat(client: redis.Redis, keys: Keys, worker: str, slug: str, stats: dict, timeout: float):
    """Say `worker` is alive and crawling `slug`, with its current numbers."""
    pipe = client.pipeline()
    pipe.sadd(keys.workers, worker)
    pipe.hset(keys.worker(worker), slug, json.dumps(stats))
    pipe.pexpire(keys.worker(worker), int(timeout * 1000))
    pipe.execute()


def leave(client: redis.Redis, keys: Keys, worker: str, slug: str) -> None:
    """A portal's crawler in this worker stopped cleanly (its leases were released first)."""
    client.hdel(keys.worker(worker), slug)
    if not client.exists(keys.worker(worker)) and not client.hlen(keys.lease(worker)):
        client.srem(keys.workers, worker)


def alive(client: redis.Redis, keys: Keys) -> dict[str, dict[str, dict]]:
    """Live workers: id → portal → the stats of its last heartbeat."""
    found = {}
    for raw in sorted(client.smembers(keys.workers)):
        worker = raw.decode()
        fields = client.hgetall(keys.worker(worker))
        if fields:
            found[worker] = {k.decode(): json.loads(v) for k, v in fields.items()}
    return found


def any_alive(client: redis.Redis, keys: Keys) -> bool:
    return any(client.exists(keys.worker(raw.decode())) for raw in client.smembers(keys.workers))


def publish_templates(client: redis.Redis, keys: Keys, templates: dict[str, frozenset[str]]):
    """Hand the archive's learned templates to the workers (they never open the archive)."""
    pipe = client.pipeline()
    for slug, fingerprints in templates.items():
        pipe.delete(keys.template(slug))
        if fingerprints:
            pipe.sadd(keys.template(slug), *sorted(fingerprints))
    pipe.execute()


def learned_template(client: redis.Redis, keys: Keys, slug: str) -> frozenset[str]:
    return frozenset(member.decode() for member in client.smembers(keys.template(slug)))
