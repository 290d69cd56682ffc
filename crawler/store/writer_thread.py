"""`WriterThread`: the one `ArchiveWriter` on a thread of its own behind a bounded queue.

It commits when `max_batch` results wait or `max_delay` seconds passed since the first; a
full queue blocks the producer (back-pressure). Exactly one writer per archive: the crawl,
`archive reextract` and `archive ingest` each own theirs while they run.

A producer wakes the writer thread only when there is something to do now (the first result
of a group, a full group, a flush, a task someone waits for), not for every result: a wake-up
costs both threads a switch and the producer's thread is a crawl's reactor.
"""

import asyncio
import logging
import queue
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from crawler.store.archive import Archive
from crawler.store.connection import ArchiveError
from crawler.store.dedup import DedupSettings
from crawler.store.results import Result
from crawler.store.writer import ArchiveWriter
from crawler.store.writer_queue import WriterQueue

logger = logging.getLogger(__name__)

_LIVENESS_SECONDS = 1.0  # how often a waiting task checks that the writer still runs
_POLL_SECONDS = 0.01  # an event loop's wait for room in a full queue
_STOP = object()


class WriterThread:
    """An `ArchiveWriter` on its own thread, fed by a bounded queue (back-pressure on `put`).

    `before_commit` runs on the writer thread before each group is committed: the crawl
    passes the WARC file's fsync, so no committed row points at a record not yet on disk.
    After a failure (`error` set) `put` raises it; the results still queued are not stored,
    and their URLs are fetched again by the next run because their seen-state is absent.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        dedup: DedupSettings | None = None,
        refresh: bool = True,
        max_batch: int = 200,
        max_delay: float = 0.5,
        queue_size: int = 1000,
        before_commit: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.max_batch = max_batch
        self.max_delay = max_delay
        # hooks run on the writer thread around each group's commit (a WARC fsync, …)
        self.before_commit: list[Callable[[], None]] = [before_commit] if before_commit else []
        self.after_commit: list[Callable[[], None]] = []
        # called on the writer thread when it fails: a crawl stops at once, even when no
        # producer is left to notice (its frontier on the same full disk, say)
        self.on_failure: list[Callable[[BaseException], None]] = []
        self.archive: Archive | None = None  # the writer thread's own; for its tasks only
        self.queue = WriterQueue(queue_size, _is_urgent, _STOP)
        self._group: list[Result] = []  # the writer thread's coming group
        self._taken: deque = deque()  # taken from the queue, not handled yet
        self._stop_seen = False  # the writer thread has taken close()'s stop
        self.error: BaseException | None = None
        self.outcomes: Counter[str] = Counter()
        self.committed = 0  # results in committed groups
        self._opened = threading.Event()
        self._args = (dedup, refresh)
        self._thread = threading.Thread(target=self._run, name="archive-writer", daemon=True)
        self._thread.start()
        self._opened.wait()
        if self.error is not None:
            raise self.error

    def put(self, result: Result, timeout: float | None = None) -> None:
        """Queue one result; blocks while the queue is full (that is the back-pressure)."""
        self._raise_error()
        self.queue.put(result, timeout=timeout)

    def put_many(self, results: Iterable[Result]) -> None:
        for result in results:
            self.put(result)

    def offer(self, result: Result) -> bool:
        """Queue one result unless the queue is full (for an event loop, which must not block)."""
        self._raise_error()
        try:
            self.queue.put(result, block=False)
        except queue.Full:
            return False
        return True

    def submit(self, function: Callable, *args) -> Future:
        """Run `function(*args)` on the writer thread, between groups; raises queue.Full.

        A task may read `self.archive` and join results to the coming group with `add`.
        """
        self._raise_error()
        task = _Task(function, args, Future())
        self.queue.put(task, block=False)
        return task.future

    async def put_async(self, result: Result) -> None:
        """`put` for an asyncio event loop: waits for room without blocking the loop."""
        while not self.offer(result):
            await asyncio.sleep(_POLL_SECONDS)

    def defer(self, function: Callable, *args) -> bool:
        """Run `function(*args)` on the writer thread in queue order, without waiting for it:
        it runs before any result queued after it is stored, and if it raises, the writer
        fails as a failed group does. False when the queue is full (nothing queued)."""
        self._raise_error()
        try:
            self.queue.put(_Task(function, args, None), block=False)
        except queue.Full:
            return False
        return True

    async def defer_async(self, function: Callable, *args) -> None:
        """`defer`, waiting for room in the queue without blocking the event loop."""
        while not self.defer(function, *args):
            await asyncio.sleep(_POLL_SECONDS)

    async def call_async(self, function: Callable, *args):
        """`submit` for an asyncio event loop, waiting for room and then for the result."""
        while True:
            try:
                future = self.submit(function, *args)
            except queue.Full:
                await asyncio.sleep(_POLL_SECONDS)
            else:
                return await self._outcome(asyncio.wrap_future(future))

    async def _outcome(self, waiting: asyncio.Future):
        """A task's result, or the writer's error if its thread ends before running it."""
        while True:
            done, _ = await asyncio.wait({waiting}, timeout=_LIVENESS_SECONDS)
            if done:
                return waiting.result()
            if not self._thread.is_alive():
                waiting.cancel()
                self._raise_error()
                raise ArchiveError("archive writer stopped before running a queued task")

    def add(self, result: Result) -> None:
        """From a task on the writer thread only: store `result` with the coming group."""
        self._group.append(result)

    def flush(self) -> None:
        """Wait until everything queued so far is committed (or failed)."""
        done = threading.Event()
        self.queue.put(done)
        while not done.wait(0.1):
            if not self._thread.is_alive():
                break
        self._raise_error()

    def close(self) -> None:
        """Commit what is queued, stop the thread; raises the writer's error if it had one."""
        if self._thread.is_alive():
            self.queue.put(_STOP)
            self._thread.join()
        self._release_leftovers()
        self._raise_error()

    def _release_leftovers(self) -> None:
        """Whatever a producer queued after the thread ended: wake flushers, fail tasks."""
        self._drain(wait_for_stop=False)

    @property
    def pending(self) -> int:
        return len(self.queue)

    def _raise_error(self) -> None:
        """The writer's failure: as it was when the archive refused, else as an ArchiveError
        (whatever stopped the writer, nothing more can be stored)."""
        if self.error is None:
            return
        if isinstance(self.error, ArchiveError):
            raise self.error
        raise ArchiveError(f"archive writer stopped: {self.error!r}") from self.error

    # -- on the writer thread -------------------------------------------------------------------

    def _run(self) -> None:
        dedup, refresh = self._args
        try:
            archive = self.archive = Archive(self.path, dedup=dedup)
        except BaseException as exc:
            self.error = exc
            self._opened.set()
            return
        self._opened.set()
        writer = ArchiveWriter(archive, refresh=refresh)
        try:
            self._loop(writer)
        except BaseException as exc:
            logger.critical("archive writer stopped: %s", exc)
            self.error = exc
            self._tell_failure(exc)
            self._drain(wait_for_stop=not self._stop_seen)
        finally:
            archive.close()

    def _tell_failure(self, exc: BaseException) -> None:
        for hook in list(self.on_failure):
            try:
                hook(exc)
            except Exception:  # a listener's fault must not keep the others from hearing
                logger.exception("archive writer: a failure listener failed")

    def _loop(self, writer: ArchiveWriter) -> None:
        deadline = 0.0  # when the coming group is due
        while True:
            due = deadline if self._group else None
            # taken items leave only once handled: after a failure, _drain sees the rest
            self._taken.extend(self.queue.take(due, self.max_batch - len(self._group)))
            while self._taken:
                item = self._taken[0]
                if item is _STOP:
                    self._stop_seen = True
                    self._commit(writer)
                    return
                had = len(self._group)
                if isinstance(item, threading.Event):
                    self._commit(writer)  # a flush: commit what came before it now
                    item.set()
                elif isinstance(item, _Task):
                    item.run()
                else:
                    self._group.append(item)
                self._taken.popleft()
                if not had and self._group:
                    deadline = time.monotonic() + self.max_delay
                if len(self._group) >= self.max_batch:
                    self._commit(writer)
            if self._group and time.monotonic() >= deadline:
                self._commit(writer)

    def _commit(self, writer: ArchiveWriter) -> None:
        group, self._group = self._group, []
        if not group:
            return
        for hook in list(self.before_commit):  # a copy: a crawl may leave meanwhile
            hook()
        writer.apply(group)
        self.committed += len(group)
        self.outcomes = writer.outcomes.copy()
        for hook in list(self.after_commit):
            hook()

    def _drain(self, wait_for_stop: bool = True) -> None:
        """After a failure, or at close: release flushers and blocked producers, fail queued
        tasks; nothing more is stored.

        Waits for close()'s stop unless the failing group already carried it (a failure in
        the last commit) or the thread has ended: then it takes only what is queued, and
        close() is not kept waiting.
        """
        while True:
            items, self._taken = list(self._taken), deque()
            items = items or self.queue.take(None, 1, block=wait_for_stop)
            if not items:
                return
            stopped = False
            for item in items:
                stopped = stopped or (item is _STOP and wait_for_stop)
                if isinstance(item, threading.Event):
                    item.set()
                elif isinstance(item, _Task) and item.future is not None:
                    self._fail_task(item.future)
            if stopped:
                return

    def _fail_task(self, future: Future) -> None:
        if future.set_running_or_notify_cancel():
            why = f": {self.error}" if self.error is not None else ""
            future.set_exception(ArchiveError(f"archive writer stopped{why}"))


@dataclass
class _Task:
    function: Callable
    args: tuple
    future: Future | None  # None: nobody waits, and its failure is the writer's

    def run(self) -> None:
        if self.future is None:
            self.function(*self.args)
            return
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            self.future.set_result(self.function(*self.args))
        except BaseException as exc:
            self.future.set_exception(exc)


def _is_urgent(item) -> bool:
    return (
        item is _STOP
        or isinstance(item, threading.Event)
        or (isinstance(item, _Task) and item.future is not None)
    )


class SharedWriters:
    """One `WriterThread` per archive file for the crawls of one process.

    `archive crawl a b c` runs several spiders side by side in one process; each opening its
    own writer would make several writers of one archive, contending for its lock. The first
    crawl of an archive opens its writer, the others join it, and the last to leave closes it.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.writers: dict[Path, tuple[WriterThread, int]] = {}

    def join(self, path: str | Path, **settings) -> WriterThread:
        key = Path(path).resolve()
        with self.lock:
            writer, users = self.writers.get(key, (None, 0))
            if writer is None or not writer._thread.is_alive():
                writer, users = WriterThread(key, **settings), 0
            self.writers[key] = (writer, users + 1)
            return writer

    def leave(self, writer: WriterThread) -> None:
        """Wait until what this crawl queued is committed; close the writer if it was the
        last crawl using it. Raises the writer's error, as `flush` and `close` do."""
        key = writer.path.resolve()
        with self.lock:
            _, users = self.writers.get(key, (writer, 1))
            last = users <= 1
            if last:
                self.writers.pop(key, None)
            else:
                self.writers[key] = (writer, users - 1)
        if last:
            writer.close()
        else:
            writer.flush()


shared_writers = SharedWriters()  # the crawls' of this process
