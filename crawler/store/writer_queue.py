"""The archive writer thread's queue: bounded, and waking the writer only when it has work.

A `queue.Queue` wakes its consumer on every `put`. The archive writer commits in groups, so
waking it for each result of a group costs two thread switches (and the producer is a crawl's
reactor) for nothing: it asks for as many items as its group still wants, and a producer
wakes it when that many wait or an urgent item comes.
"""

import queue
import threading
import time
from collections import deque
from collections.abc import Callable


class WriterQueue:
    """The writer's bounded queue. `put` wakes the writer only when it has something to do:
    as many items as it asked for (`wanted`: one when idle, the rest of a group while one is
    being gathered), or an urgent item (a flush, the stop, a task someone waits for)."""

    def __init__(self, size: int, is_urgent: Callable[[object], bool], stop: object) -> None:
        self.size = size
        self.is_urgent = is_urgent
        self.stop = stop  # nothing after it is taken with it
        self.items: deque = deque()
        self.lock = threading.Lock()
        self.ready = threading.Condition(self.lock)  # the writer waits here
        self.room = threading.Condition(self.lock)  # producers of a full queue wait here
        self.wanted = 1
        self.urgent = 0

    def __len__(self) -> int:
        return len(self.items)

    def put(self, item, block: bool = True, timeout: float | None = None) -> None:
        with self.lock:
            full = len(self.items) >= self.size
            if full and not (block and self.room.wait_for(self._has_room, timeout)):
                raise queue.Full
            self.items.append(item)
            urgent = self.is_urgent(item)
            self.urgent += urgent
            if urgent or len(self.items) >= self.wanted:
                self.ready.notify()

    def _has_room(self) -> bool:
        return len(self.items) < self.size

    def take(self, due: float | None, wanted: int, block: bool = True) -> list:
        """Up to `wanted` items (and never past the stop): once that many or an urgent one are
        there, or at `due` (then maybe none); without `due`, once there is anything."""
        wanted = max(wanted, 1)
        with self.lock:
            self.wanted = wanted if due is not None else 1
            while block and (len(self.items) < self.wanted and not self.urgent):
                timeout = None if due is None else due - time.monotonic()
                if timeout is not None and timeout <= 0:
                    break
                self.ready.wait(timeout)
            self.wanted = 1 << 62  # busy: no producer needs to wake it
            taken = []
            while self.items and len(taken) < wanted:
                item = self.items.popleft()
                taken.append(item)
                self.urgent -= self.is_urgent(item)
                if item is self.stop:
                    break
            self.room.notify_all()
            return taken
