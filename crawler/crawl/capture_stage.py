"""The crawl's WARC file, written on the archive writer's thread instead of the reactor.

Compressing and writing every response, and looking its payload up in the digest index, took
the reactor's time for each page; here the writer thread does it, between two group commits.
The WARC file is fsynced before each group commits, so no committed row points at a record
that is not on disk. A payload captured for the first time joins the coming group as a
capture-only result (its digest row); until that group commits, later captures find it in
`recent`, which is then emptied: nothing per page outlives its commit.
"""

from dataclasses import replace
from datetime import UTC, datetime

from crawler.crawl.capture import Exchange, WarcFile, captures_root, warc_date, warc_name
from crawler.store.results import Capture, PageResult
from crawler.store.writer import WriterThread


class CaptureStage:
    """One crawl's WARC file; `write` runs on the writer thread (submit it there)."""

    def __init__(self, writer: WriterThread, db_path: str, source: str, crawl_id: int) -> None:
        self.writer = writer
        self.base_dir = captures_root(db_path).parent
        self.name = warc_name(source, crawl_id, datetime.now(UTC))
        self.source = source
        self.crawl_id = crawl_id
        self.warc: WarcFile | None = None
        self.recent: dict[str, tuple[str, str]] = {}
        writer.before_commit.append(self.sync)
        writer.after_commit.append(self.recent.clear)

    def write(self, exchange: Exchange) -> Capture:
        """On the writer thread: one exchange into the WARC; where its response record is."""
        if self.warc is None:
            self._open()
        date = warc_date()
        location, digest, new = self.warc.write(exchange, date)
        capture = Capture(
            location.warc_file, location.offset, location.length, digest, date, revisit=not new
        )
        if new:
            self.recent[digest] = (exchange.url, date)
            self.writer.add(PageResult(self.source, self.crawl_id, exchange.url, capture=capture))
        return capture

    def write_rendered(self, outcome, page: Exchange, content_type: str) -> Capture:
        """On the writer thread: a browser's own exchanges, then the DOM referring to its
        document as a `conversion` record; where the DOM is (the page's capture)."""
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
        if self.warc is not None:
            self.warc.sync()

    def close(self) -> None:
        """On the writer thread, or once it has stopped."""
        if self.warc is not None:
            self.warc.close()
            self.warc = None

    def _open(self) -> None:
        self.warc = WarcFile(self.base_dir, self.name, self._seen)
        self.writer.archive.set_crawl_capture(self.crawl_id, self.name)

    def _seen(self, digest: str) -> tuple[str, str] | None:
        return self.recent.get(digest) or self.writer.archive.payload_seen(digest)
