"""The crawl's extraction workers: processes fed through their own pipes by the event loop.

A `ProcessPoolExecutor` moves every call through a feeder thread and a manager thread, with a
pickle, two queue hand-offs and a thread wake-up each way: about a millisecond of the crawl
process per page, the reactor's share included. Here each worker has a pipe for calls and one
for outcomes; the event loop writes a call (pickled, length-prefixed) straight into an idle
worker's pipe and reads outcomes when the pipe is readable, with no thread of its own. A worker
holds at most `PER_WORKER` calls (one running, one waiting in its pipe, so it never idles while
the loop is busy); the others wait in the pool's queue, which the crawl's concurrency bounds.

A worker that dies (its pipe ends) fails the call it was running as `extract-crash` and is
replaced when there is work for it; the calls queued behind it go to a worker again. Workers
are fresh interpreters (`subprocess`, never a fork of a process running a reactor and
threads), and leave when the crawl process's end of their call pipe closes, as it does when
that process is killed.
"""

import asyncio
import contextlib
import fcntl
import itertools
import logging
import os
import pickle
import signal
import struct
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field

from crawler.crawl.workers import (
    CrawlContext,
    Outcome,
    analyse_page,
    extract_outcome,
    start_worker,
)
from crawler.extract import ExtractOptions

logger = logging.getLogger(__name__)

PER_WORKER = 6
_HEADER = struct.Struct("!Q")  # the length of the pickled message that follows
_PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged F_SETPIPE_SZ
_F_SETPIPE_SZ = 1031
_READ_BYTES = 1 << 20
_EXIT_SECONDS = 10.0


@dataclass
class _Call:
    number: int
    message: bytes
    future: asyncio.Future
    url: str


@dataclass
class _Worker:
    process: subprocess.Popen
    calls_fd: int  # ours to write calls into
    outcomes_fd: int  # ours to read outcomes from
    sent: deque = field(default_factory=deque)  # calls in the worker, oldest (running) first
    unwritten: bytearray = field(default_factory=bytearray)
    received: bytearray = field(default_factory=bytearray)
    watched: bool = False  # its pipes are registered with the event loop


class ExtractorPool:
    """`workers` processes (0: extract inline, on the caller's thread), sharing `context`."""

    def __init__(self, workers: int, context: CrawlContext | None = None) -> None:
        self.workers = workers
        self.context = context or CrawlContext()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.waiting: deque[_Call] = deque()
        self.numbers = itertools.count()
        self.running = [self._spawn() for _ in range(max(workers, 0))]

    @property
    def pids(self) -> list[int]:
        return [worker.process.pid for worker in self.running]

    async def run(self, body: bytes, url: str, options: ExtractOptions, sample: bool) -> Outcome:
        return await self._call(extract_outcome, url, body, url, options, sample)

    def analyse(
        self,
        body: bytes,
        url: str,
        options: ExtractOptions,
        candidate: bool,
        sample: bool,
        sieved: bool = False,
    ) -> "asyncio.Future[Outcome]":
        """`analyse_page` in a worker: links always, the article of a candidate page. A future
        of the running loop, so a Scrapy component can wait for it without a coroutine."""
        return self._submit(analyse_page, url, body, url, options, candidate, sample, sieved)

    async def _call(self, function, url: str, *args) -> Outcome:
        return await self._submit(function, url, *args)

    def _submit(self, function, url: str, *args) -> "asyncio.Future[Outcome]":
        loop = asyncio.get_running_loop()
        if self.workers <= 0:
            future = loop.create_future()
            future.set_result(function(*args))
            return future
        self._bind(loop)
        number = next(self.numbers)
        message = pickle.dumps((number, function, args), pickle.HIGHEST_PROTOCOL)
        call = _Call(number, message, loop.create_future(), url)
        self.waiting.append(call)
        self._dispatch()
        return call.future

    def close(self) -> None:
        """End every worker: its call pipe closes, it finishes its call and leaves."""
        running, self.running = self.running, []
        self.workers = 0  # a call after the close is extracted inline
        for worker in running:
            self._unwatch(worker)
            _close(worker.calls_fd)
        for worker in running:
            try:
                worker.process.wait(_EXIT_SECONDS)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            _close(worker.outcomes_fd)
        for call in self.waiting:
            if not call.future.done():
                call.future.cancel()
        self.waiting.clear()

    # -- workers --------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        calls_read, calls_write = os.pipe()
        outcomes_read, outcomes_write = os.pipe()
        for fd in (calls_write, outcomes_write):
            with contextlib.suppress(OSError):  # a smaller pipe only means more partial writes
                fcntl.fcntl(fd, _F_SETPIPE_SZ, _PIPE_BYTES)
        command = [sys.executable, "-m", __name__, str(calls_read), str(outcomes_write)]
        process = subprocess.Popen(command, pass_fds=(calls_read, outcomes_write))
        os.close(calls_read)
        os.close(outcomes_write)
        context = pickle.dumps(self.context, pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):  # a worker that died at once: its pipe will say
            os.write(calls_write, _HEADER.pack(len(context)) + context)  # it fits the pipe
        os.set_blocking(calls_write, False)
        os.set_blocking(outcomes_read, False)
        return _Worker(process, calls_write, outcomes_read)

    def _bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Watch the workers' pipes from the loop the calls come from."""
        if self.loop is not loop:
            for worker in self.running:
                self._unwatch(worker)
            self.loop = loop
        for worker in self.running:
            if not worker.watched:
                loop.add_reader(worker.outcomes_fd, self._readable, worker)
                worker.watched = True

    def _unwatch(self, worker: _Worker) -> None:
        if worker.watched and self.loop is not None and not self.loop.is_closed():
            self.loop.remove_reader(worker.outcomes_fd)
            self.loop.remove_writer(worker.calls_fd)
        worker.watched = False

    def _dispatch(self) -> None:
        """Send waiting calls to the workers with room, the least busy first; a worker lost
        is replaced here, when there is work for it (a worker that cannot start at all then
        costs one page each time, not a loop of spawns)."""
        while self.waiting and len(self.running) < self.workers:
            self.running.append(self._spawn())
            self._bind(self.loop)
        while self.waiting:
            worker = min(self.running, key=lambda w: len(w.sent))
            if len(worker.sent) >= PER_WORKER:
                return
            call = self.waiting.popleft()
            if call.future.done():  # its caller gave up waiting
                continue
            worker.sent.append(call)
            worker.unwritten += _HEADER.pack(len(call.message)) + call.message
            self._write(worker)

    def _write(self, worker: _Worker) -> None:
        try:
            written = os.write(worker.calls_fd, worker.unwritten) if worker.unwritten else 0
        except BlockingIOError:
            written = 0
        except OSError:  # the worker is gone: its outcomes pipe tells the rest
            worker.unwritten.clear()
            return
        del worker.unwritten[:written]
        if worker.unwritten:
            self.loop.add_writer(worker.calls_fd, self._writable, worker)

    def _writable(self, worker: _Worker) -> None:
        self.loop.remove_writer(worker.calls_fd)
        self._write(worker)

    def _readable(self, worker: _Worker) -> None:
        try:
            chunk = os.read(worker.outcomes_fd, _READ_BYTES)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._lost(worker)
            return
        received = worker.received
        received += chunk
        start = 0
        while len(received) - start >= _HEADER.size:
            (size,) = _HEADER.unpack_from(received, start)
            end = start + _HEADER.size + size
            if len(received) < end:
                break
            number, outcome = pickle.loads(received[start + _HEADER.size : end])
            start = end
            call = worker.sent.popleft()
            if call.number == number and not call.future.done():
                call.future.set_result(outcome)
        del received[:start]
        self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        """A worker died (out of memory, a crash in a C library): its running call is counted
        as a crash, the call queued behind it waits for another worker, a new one starts."""
        self._unwatch(worker)
        _close(worker.calls_fd)
        _close(worker.outcomes_fd)
        worker.process.kill()
        worker.process.wait()
        self.running.remove(worker)
        if worker.sent:
            running = worker.sent.popleft()
            logger.error("extraction worker died on %s; starting another", running.url)
            if not running.future.done():
                crash = Outcome(failure_kind="extract-crash", failure_detail="worker process died")
                running.future.set_result(crash)
            self.waiting.extendleft(reversed(worker.sent))
        self._dispatch()


def _close(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


# -- in a worker process ------------------------------------------------------------------------


def _read_message(calls) -> bytes | None:
    header = calls.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None  # the crawl process closed the pipe, or is gone
    (size,) = _HEADER.unpack(header)
    message = calls.read(size)
    return message if len(message) == size else None


def serve(calls_fd: int, outcomes_fd: int) -> None:
    """A worker's life: the crawl's context, then calls until the pipe ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle, not ours
    with open(calls_fd, "rb") as calls, open(outcomes_fd, "wb") as outcomes:
        context = _read_message(calls)
        if context is None:
            return
        start_worker(os.getppid(), pickle.loads(context))
        while (message := _read_message(calls)) is not None:
            number, function, args = pickle.loads(message)
            try:
                outcome = function(*args)
            except Exception as exc:  # the functions return failures; this is a last resort
                outcome = Outcome(failure_kind="extract-error", failure_detail=repr(exc))
            reply = pickle.dumps((number, outcome), pickle.HIGHEST_PROTOCOL)
            outcomes.write(_HEADER.pack(len(reply)) + reply)
            outcomes.flush()


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
