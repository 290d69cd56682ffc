"""Politeness across workers: one clock per host, one robots.txt per origin, kept in Redis.

`HostClock.reserve` hands out the moments a host may be asked: each call takes the next free
one, at least `delay` after the one before, whichever worker asks; the caller waits until then.
Redis' own clock is the reference, so the machines' clocks need not agree. `RobotsCache` keeps
each origin's robots.txt body, fetched by one worker (the one that claims it) for all.
"""

import redis

from crawler.cluster.keys import Keys

_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, free)
local after = start + tonumber(ARGV[1])
local ttl = string.format('%.0f', after - now + 60000)
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', ttl)
return start - now
"""

ROBOTS_CLAIM_SECONDS = 60


class HostClock:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.keys = keys
        self._reserve = client.register_script(_RESERVE)

    def reserve(self, host: str, delay: float) -> float:
        """Seconds to wait before asking `host`; the slot after it is `delay` later."""
        waited = self._reserve(keys=[self.keys.host(host)], args=[round(delay * 1000)])
        return int(waited) / 1000


class RobotsCache:
    def __init__(self, client: redis.Redis, keys: Keys, ttl: float) -> None:
        self.client = client
        self.keys = keys
        self.ttl = max(1, round(ttl))

    def get(self, origin: str) -> bytes | None:
        return self.client.get(self.keys.robots(origin))

    def put(self, origin: str, body: bytes) -> None:
        self.client.set(self.keys.robots(origin), body, ex=self.ttl)

    def claim(self, origin: str) -> bool:
        """True for the one worker that should fetch this origin's robots.txt now."""
        lock = self.keys.robots(origin) + ":fetching"
        return bool(self.client.set(lock, b"1", nx=True, ex=ROBOTS_CLAIM_SECONDS))
