"""Politeness across workers: one clock per host, one robots.txt per origin, kept in Redis.

`HostClock.take` lets a request go only when the host's last request, by any worker, is at
least `delay` old; otherwise it says how long to wait before asking again. The check happens
when the request is ready to leave, so a late wake-up never brings two requests closer.
Redis' own clock is the reference, so the machines' clocks need not agree. `RobotsCache` keeps
each origin's robots.txt body, fetched by one worker (the one that claims it) for all.
"""

import redis

from crawler.cluster.keys import Keys

_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '')
local delay = tonumber(ARGV[1])
if last == nil or now - last >= delay then
  redis.call('SET', KEYS[1], string.format('%.0f', now), 'PX', string.format('%.0f', delay + 60000))
  return 0
end
return delay - (now - last)
"""

ROBOTS_CLAIM_SECONDS = 60


class HostClock:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.keys = keys
        self._take = client.register_script(_TAKE)

    def take(self, host: str, delay: float) -> float:
        """0 when `host` may be asked now (and the clock starts again), else seconds to wait
        before trying again: the turn goes to whichever worker asks first after the delay."""
        waited = self._take(keys=[self.keys.host(host)], args=[round(delay * 1000)])
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
