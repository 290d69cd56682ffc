"""A crawl's WARC file as a stage: where a response's records are written, and on which thread.

`CaptureStage` writes one WARC file where it is called and remembers the payloads it wrote, so
a repeated payload becomes a revisit record (a distributed worker's own file: the ingest
indexes the payloads). `ArchiveCaptureStage` is a local crawl's: it runs on the archive
writer's thread instead of the reactor. Compressing and writing every response, and looking
its payload up in the digest index, took the reactor's time for each page; the writer thread
does it between two group commits. The WARC file is fsynced before each group commits, so no
committed row points at a record that is not on disk. A payload captured for the first time
joins the coming group as a capture-only result (its digest row); until that group commits,
later captures find it in `recent`, which is then emptied: nothing per page outlives it.

Nobody waits for a local crawl's capture: `capture` queues the write and hands back a
`PendingCapture`, filled in on the writer thread. The page's result is queued after it, so it
is stored after its records are written, with their place (`ArchivePipeline`). A write that
fails (a full disk) fails the writer, which stops the crawl; no result behind it is stored.
"""

import errno
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from crawler.crawl.capture import Exchange, WarcFile, captures_root, warc_date, warc_name
from crawler.store.connection import ArchiveError
from crawler.store.results import Capture, PageResult
from crawler.store.writer_thread import WriterThread


class PendingCapture:
    """Where a response's records went, once the writer thread has written them."""

    __slots__ = ("capture",)

    def __init__(self) -> None:
        self.capture: Capture | None = None


class CaptureStage:
    """One WARC file written where `run` is awaited (here: at once, on the caller's thread)."""

    def __init__(self, base_dir: str | Path, name: str) -> None:
        self.base_dir = Path(base_dir)
        self.name = name
        self.warc: WarcFile | None = None
        self.recent: dict[str, tuple[str, str]] = {}  # payload digest → first URL and date
        self.lock = threading.Lock()

    async def run(self, function, *args):
        return function(*args)

    async def capture(self, exchange: Exchange) -> Capture | PendingCapture:
        """Capture one exchange; where its response record is, or will be."""
        return await self.run(self.write, exchange)

    def capture_nowait(self, exchange: Exchange) -> Capture | PendingCapture | None:
        """`capture` unless it would have to wait (then None, and nothing is written)."""
        return self.write(exchange)

    def write(self, exchange: Exchange) -> Capture:
        """One exchange into the WARC; where its response record is."""
        if self.warc is None:
            self._open()
        date = warc_date()
        location, digest, new = self.warc.write(exchange, date)
        capture = Capture(
            location.warc_file, location.offset, location.length, digest, date, revisit=not new
        )
        if new:
            self.recent[digest] = (exchange.url, date)
            self.new_payload(exchange.url, capture)
        return capture

    def write_rendered(self, outcome, page: Exchange, content_type: str) -> Capture:
        """A browser's own exchanges, then the DOM referring to its document as a
        `conversion` record; where the DOM is (the page's capture)."""
        document = None
        for exchange in outcome.exchanges:
            is_document = exchange.metadata.get("browser") == "document"
            # the DOM below is the candidate for extraction, not the script shell it came from
            own = page.metadata | exchange.metadata | {"candidate": False}
            self.write(replace(exchange, metadata=own))
            if is_document and exchange.url == page.url:
                document = self.warc.last_response_id
        if self.warc is None:
            self._open()
        metadata = page.metadata | {"rendered": True, "load_more": outcome.load_more()}
        location = self.warc.write_conversion(page.url, page.body, content_type, document, metadata)
        return Capture(location.warc_file, location.offset)

    def sync(self) -> None:
        with self.lock:
            if self.warc is not None:
                self.warc.sync()

    def close(self) -> None:
        with self.lock:  # a shared writer may be syncing it for another crawl's commit
            if self.warc is not None:
                self.warc.close()
                self.warc = None

    # -- what a kind of stage adds ----------------------------------------------------------------

    def new_payload(self, url: str, capture: Capture) -> None:
        """A payload written for the first time (its record is not a revisit)."""

    def opened(self) -> None:
        """The WARC file was just opened."""

    def seen(self, digest: str) -> tuple[str, str] | None:
        return self.recent.get(digest)

    def _open(self) -> None:
        self.warc = WarcFile(self.base_dir, self.name, self.seen)
        self.opened()


class ArchiveCaptureStage(CaptureStage):
    """A local crawl's WARC file, written on its archive writer's thread."""

    def __init__(self, writer: WriterThread, db_path: str, source: str, crawl_id: int) -> None:
        name = warc_name(source, crawl_id, datetime.now(UTC))
        super().__init__(captures_root(db_path).parent, name)
        self.writer = writer
        self.source = source
        self.crawl_id = crawl_id
        writer.before_commit.append(self.sync)
        writer.after_commit.append(self.recent.clear)

    async def run(self, function, *args):
        return await self.writer.call_async(function, *args)

    async def capture(self, exchange: Exchange) -> PendingCapture:
        """Queue the exchange's records for the writer thread; nobody waits for them."""
        pending = PendingCapture()
        await self.writer.defer_async(self._write_pending, exchange, pending)
        return pending

    def capture_nowait(self, exchange: Exchange) -> PendingCapture | None:
        pending = PendingCapture()
        return pending if self.writer.defer(self._write_pending, exchange, pending) else None

    def _write_pending(self, exchange: Exchange, pending: PendingCapture) -> None:
        try:
            pending.capture = self.write(exchange)
        except OSError as exc:
            full = " (disk full)" if exc.errno == errno.ENOSPC else ""
            raise ArchiveError(f"capture failed{full}: {exc}") from exc

    def close(self) -> None:
        """After the crawl's last results are committed; the writer may go on for others."""
        for hooks, hook in (
            (self.writer.before_commit, self.sync),
            (self.writer.after_commit, self.recent.clear),
        ):
            if hook in hooks:
                hooks.remove(hook)
        super().close()

    def new_payload(self, url: str, capture: Capture) -> None:
        self.writer.add(PageResult(self.source, self.crawl_id, url, capture=capture))

    def opened(self) -> None:
        self.writer.archive.set_crawl_capture(self.crawl_id, self.name)

    def seen(self, digest: str) -> tuple[str, str] | None:
        return self.recent.get(digest) or self.writer.archive.payload_seen(digest)
