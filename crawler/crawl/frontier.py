"""The frontier on disk below its top: pending requests in memory up to a bound, the rest on disk.

With a JOBDIR, Scrapy writes every request to a disk queue and reads it back: a dict of the
request (its callback found by a walk over every member of the spider), a pickle, a file write
and a read, 7 % of the reactor's time in a benchmark crawl whose frontier never holds more than
a few thousand requests. `SpillingLifoQueue` (SCHEDULER_DISK_QUEUE) keeps the top
`ARCHIVE_FRONTIER_MEMORY` requests of each priority's stack in memory and moves the oldest to
Scrapy's own disk queue beyond that: memory stays bounded on a crawl of 200,000 pages, and a
small frontier touches no disk. The order is a stack's, as Scrapy's LIFO disk queue's is. At
close, what is still in memory goes to disk, so a kept JOBDIR resumes with all of it.
"""

from collections import deque
from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.squeues import PickleLifoDiskQueue


class SpillingLifoQueue:
    """One priority's stack of requests: the newest `limit` in memory, the older on disk."""

    def __init__(self, crawler: Crawler, key: str, limit: int) -> None:
        self.crawler = crawler
        self.key = key
        self.limit = max(limit, 0)
        self.memory: deque[Request] = deque()  # the top of the stack, newest last
        self.pinned: deque[Request] = deque()  # requests the disk queue cannot take: the bottom
        # a queue left on disk by an earlier run of this JOBDIR is read on
        self.disk = PickleLifoDiskQueue.from_crawler(crawler, key) if Path(key).exists() else None

    @classmethod
    def from_crawler(cls, crawler: Crawler, key: str, *args, **kwargs) -> "SpillingLifoQueue":
        return cls(crawler, key, crawler.settings.getint("ARCHIVE_FRONTIER_MEMORY"))

    def push(self, request: Request) -> None:
        self.memory.append(request)
        if len(self.memory) > self.limit:
            self._spill(self.memory.popleft())

    def pop(self) -> Request | None:
        if self.memory:
            return self.memory.pop()
        if self.disk is not None and len(self.disk):
            return self.disk.pop()
        return self.pinned.pop() if self.pinned else None

    def peek(self) -> Request | None:
        if self.memory:
            return self.memory[-1]
        if self.disk is not None and len(self.disk):
            return self.disk.peek()
        return self.pinned[-1] if self.pinned else None

    def __len__(self) -> int:
        return (
            len(self.memory) + (len(self.disk) if self.disk is not None else 0) + len(self.pinned)
        )

    def close(self) -> None:
        while self.memory:
            self._spill(self.memory.popleft())
        if self.disk is not None:
            self.disk.close()

    def _spill(self, request: Request) -> None:
        if self.disk is None:
            self.disk = PickleLifoDiskQueue.from_crawler(self.crawler, self.key)
        try:
            self.disk.push(request)
        except ValueError:  # not serializable (Scrapy keeps such requests in memory too)
            self.pinned.append(request)
