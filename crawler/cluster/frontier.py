"""The shared frontier: per portal a priority queue of requests, leased to the worker fetching.

A request popped by a worker is not gone: it moves to the worker's lease hash in the same
script, and leaves it only when the worker releases it, after every result of the page was
pushed to the stream. A worker that stops heart-beating (killed, its machine lost) has its
leases put back on the queues by whichever worker notices first, so another one fetches them.
The frontier stores serialized requests as opaque bytes: what is in them is the crawl's concern.

Scripts build key names from the prefix, so the frontier needs one Redis (or a primary with
replicas), not Redis Cluster.
"""

from dataclasses import dataclass

import redis

from crawler.cluster.keys import Keys

# Lua: put back the leases of hash `lease` (fields "slug|id", values the queue scores).
_REQUEUE_LOOP = """
local function requeue(prefix, lease, only)
  local fields = redis.call('HGETALL', lease)
  local n = 0
  for i = 1, #fields, 2 do
    local field, score = fields[i], fields[i + 1]
    local sep = string.find(field, '|', 1, true)
    local slug, id = string.sub(field, 1, sep - 1), string.sub(field, sep + 1)
    if only == '' or only == slug then
      redis.call('ZADD', prefix .. ':' .. slug .. ':queue', score, id)
      redis.call('HDEL', lease, field)
      n = n + 1
    end
  end
  return n
end
"""

_PUSH = """
local id = redis.call('INCR', KEYS[3])
local score = string.format('%.0f', -tonumber(ARGV[1]) * 1e12 + id)
redis.call('HSET', KEYS[2], id, ARGV[2])
redis.call('ZADD', KEYS[1], score, id)
if ARGV[3] ~= '' and redis.call('HDEL', KEYS[4], ARGV[3]) == 1 then
  redis.call('HDEL', KEYS[2], ARGV[4])
end
return id
"""

_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
local id, score = popped[1], popped[2]
local payload = redis.call('HGET', KEYS[2], id)
if not payload then return false end
redis.call('HSET', KEYS[3], ARGV[1] .. '|' .. id, score)
return {id, payload}
"""

_RELEASE = """
local n = 0
for i = 2, #ARGV do
  if redis.call('HDEL', KEYS[1], ARGV[1] .. '|' .. ARGV[i]) == 1 then
    redis.call('HDEL', KEYS[2], ARGV[i])
    n = n + 1
  end
end
return n
"""

_REQUEUE_OWN = _REQUEUE_LOOP + "return requeue(ARGV[1], KEYS[1], ARGV[2])"

_RECLAIM = (
    _REQUEUE_LOOP
    + """
local total = 0
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. ':worker:' .. worker) == 0 then
    total = total + requeue(ARGV[1], ARGV[1] .. ':lease:' .. worker, '')
    redis.call('DEL', ARGV[1] .. ':lease:' .. worker)
    redis.call('SREM', KEYS[1], worker)
  end
end
return total
"""
)

# Lua: requests of one portal leased by any registered worker, alive or not yet reclaimed.
_IN_FLIGHT = """
local function in_flight(prefix, workers, slug)
  local n = 0
  for _, worker in ipairs(redis.call('SMEMBERS', workers)) do
    for _, field in ipairs(redis.call('HKEYS', prefix .. ':lease:' .. worker)) do
      if string.sub(field, 1, #slug + 1) == slug .. '|' then n = n + 1 end
    end
  end
  return n
end
"""

_BUSY = _IN_FLIGHT + "return {redis.call('ZCARD', KEYS[1]), in_flight(ARGV[1], KEYS[2], ARGV[2])}"

_FINISH = (
    _IN_FLIGHT
    + """
if redis.call('ZCARD', KEYS[1]) > 0 or in_flight(ARGV[1], KEYS[2], ARGV[2]) > 0 then
  return false
end
local run = redis.call('GET', KEYS[3])
if not run then return false end
redis.call('DEL', KEYS[3])
redis.call('XADD', KEYS[4], '*', 'run', run, 'slug', ARGV[2], 'finish', ARGV[3])
return run
"""
)


@dataclass(frozen=True)
class Leased:
    id: str
    payload: bytes


class Frontier:
    """The queues, leases and batch runs of every portal, on one Redis."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.keys = keys
        self._push = client.register_script(_PUSH)
        self._pop = client.register_script(_POP)
        self._release = client.register_script(_RELEASE)
        self._requeue = client.register_script(_REQUEUE_OWN)
        self._reclaim = client.register_script(_RECLAIM)
        self._busy = client.register_script(_BUSY)
        self._finish = client.register_script(_FINISH)

    def push(
        self,
        slug: str,
        payload: bytes,
        priority: int = 0,
        *,
        handover: tuple[str, str] | None = None,
    ) -> str:
        """Queue a request; `handover` (worker, id) releases the lease it replaces (a redirect)."""
        worker, old = handover or ("", "")
        keys = [self.keys.queue(slug), self.keys.requests(slug), self.keys.seq(slug)]
        keys.append(self.keys.lease(worker) if worker else self.keys.lease("-"))
        field = f"{slug}|{old}" if old else ""
        return str(self._push(keys=keys, args=[priority, payload, field, old]))

    def pop(self, slug: str, worker: str) -> Leased | None:
        """The next request of a portal, leased to `worker`; None when the queue is empty."""
        keys = [self.keys.queue(slug), self.keys.requests(slug), self.keys.lease(worker)]
        popped = self._pop(keys=keys, args=[slug])
        return Leased(popped[0].decode(), popped[1]) if popped else None

    def release(self, slug: str, worker: str, ids: list[str]) -> int:
        """Done with these requests: forget them (a lease already reclaimed is left alone)."""
        if not ids:
            return 0
        keys = [self.keys.lease(worker), self.keys.requests(slug)]
        return self._release(keys=keys, args=[slug, *ids])

    def requeue(self, worker: str, slug: str = "") -> int:
        """Put a worker's own leases (of one portal, or all) back on the queues."""
        return self._requeue(keys=[self.keys.lease(worker)], args=[self.keys.prefix, slug])

    def reclaim(self) -> int:
        """Put back the leases of every registered worker whose heartbeat expired."""
        return self._reclaim(keys=[self.keys.workers], args=[self.keys.prefix])

    def busy(self, slug: str) -> tuple[int, int]:
        """(queued, in flight) requests of a portal, across all workers."""
        keys = [self.keys.queue(slug), self.keys.workers]
        queued, in_flight = self._busy(keys=keys, args=[self.keys.prefix, slug])
        return int(queued), int(in_flight)

    def depth(self, slug: str) -> int:
        return self.client.zcard(self.keys.queue(slug))

    # -- batch runs ---------------------------------------------------------------------------

    def start_run(self, slug: str, run: str) -> bool:
        """Open a batch run of a portal unless one is open; True when this call opened it."""
        return bool(self.client.set(self.keys.run(slug), run, nx=True))

    def current_run(self, slug: str) -> str | None:
        run = self.client.get(self.keys.run(slug))
        return run.decode() if run else None

    def finish_run(self, slug: str, status: str = "finished") -> str | None:
        """Close the portal's open run if nothing is queued or in flight, telling the stream.

        Atomic, so of several idle workers exactly one closes the run; returns its key."""
        keys = [
            self.keys.queue(slug),
            self.keys.workers,
            self.keys.run(slug),
            self.keys.results,
        ]
        run = self._finish(keys=keys, args=[self.keys.prefix, slug, status])
        return run.decode() if run else None
