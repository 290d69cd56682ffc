"""The cluster's seen-set: a Bloom filter in Redis, bounded in size and in time.

Exact sets grow with every URL ever met; a Bloom filter of `capacity` entries at false-positive
rate `error` takes a fixed `-capacity·ln(error)/ln(2)²` bits (28.8 bits an entry at one in a
million). It rotates: a generation is `hours` long, look-ups check this one and the last, and
entries go to this one, so a URL counts as seen for `hours` to `2·hours` and the memory of two
generations is all there is. It lives in Redis, so it survives restarts of the workers (and of
Redis, when Redis persists). Its one way to lose a URL is a false positive: `error` per URL.
"""

import hashlib
import math

import redis

from crawler.cluster.keys import Keys

MAX_BITS = 2**32  # the largest Redis string is 512 MiB

_SEEN_OR_ADD = """
local t = redis.call('TIME')
local generation = math.floor(tonumber(t[1]) / tonumber(ARGV[2]))
local current = ARGV[1] .. ':seen:' .. generation
local previous = ARGV[1] .. ':seen:' .. (generation - 1)
for _, key in ipairs({current, previous}) do
  local all = true
  for i = 3, #ARGV do
    if redis.call('GETBIT', key, ARGV[i]) == 0 then all = false break end
  end
  if all then return 1 end
end
for i = 3, #ARGV do redis.call('SETBIT', current, ARGV[i], 1) end
redis.call('EXPIRE', current, 2 * tonumber(ARGV[2]) + 60)
return 0
"""


def bloom_shape(capacity: int, error: float) -> tuple[int, int]:
    """(bits, hashes) for `capacity` entries at false-positive rate `error`."""
    if capacity <= 0 or not 0 < error < 1:
        raise ValueError("the seen-set needs a positive capacity and an error rate in (0, 1)")
    bits = math.ceil(-capacity * math.log(error) / math.log(2) ** 2)
    if bits > MAX_BITS:
        raise ValueError(f"a seen-set of {capacity} at {error} needs {bits} bits, over 2^32")
    return bits, max(1, round(bits / capacity * math.log(2)))


class SeenSet:
    """`seen_or_add(fingerprint)`: True when seen before, else remembered now (atomically)."""

    def __init__(
        self, client: redis.Redis, keys: Keys, capacity: int, error: float, hours: float
    ) -> None:
        self.bits, self.hashes = bloom_shape(capacity, error)
        self.period = max(1, round(hours * 3600))
        self.prefix = keys.prefix
        self._script = client.register_script(_SEEN_OR_ADD)

    def positions(self, fingerprint: bytes) -> list[int]:
        """Double hashing over one 128-bit digest: the k bit positions of a fingerprint."""
        digest = hashlib.blake2b(fingerprint, digest_size=16).digest()
        first, second = int.from_bytes(digest[:8]), int.from_bytes(digest[8:]) | 1
        return [(first + i * second) % self.bits for i in range(self.hashes)]

    def seen_or_add(self, fingerprint: bytes) -> bool:
        args = [self.prefix, self.period, *self.positions(fingerprint)]
        return self._script(keys=[], args=args) == 1

    @property
    def megabytes(self) -> float:
        """Memory of the two live generations."""
        return 2 * self.bits / 8 / 2**20
