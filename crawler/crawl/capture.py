"""WARC capture: every HTTP exchange of a crawl written to one gzipped ISO 28500 file.

Plain Python over warcio, no Scrapy: the downloader middleware hands over what the server sent,
the CLI reads captures back for `reextract` and `export`. Each exchange is a `response` record
(or a `revisit` record when the same payload was captured before), its `request` record and a
`metadata` record naming the crawl, the source and whether the page is an article candidate.
A page rendered in a browser adds a `conversion` record: the DOM after its scripts ran, with
`WARC-Refers-To` naming the response record of the document it was rendered from.
Every record is its own gzip member, so a file cut short by a kill keeps all earlier records.
"""

import base64
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

CAPTURES_DIR = "captures"
# Hop-by-hop framing the HTTP client already undid: keeping it would misdescribe the payload.
_FRAMING_HEADERS = {"transfer-encoding", "connection", "keep-alive"}
_METADATA_TYPE = "application/json"


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and the response the server sent to it, body as received."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    protocol: str = "HTTP/1.1"
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Location:
    """Where a record starts: the WARC file (relative to the archive's folder) and offset."""

    warc_file: str
    offset: int
    length: int | None = None  # of the response (or revisit) record, gzip member included


@dataclass(frozen=True)
class Captured:
    """A response read back from a WARC: payload decoded of any Content-Encoding."""

    url: str
    date: str
    status: int
    headers: dict[str, str]
    payload: bytes
    location: Location
    metadata: dict
    payload_at: Location | None = None  # the record holding the payload (a revisit's original)
    digest: str | None = None  # WARC-Payload-Digest: the same digest is the same page bytes


# Given a payload digest, where and when that payload was first captured, if it was.
DigestLookup = Callable[[str], tuple[str, str] | None]


def payload_digest(body: bytes) -> str:
    """The `WARC-Payload-Digest` warcio writes: SHA-1 in base 32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def captures_root(archive_path: str | Path) -> Path:
    return Path(archive_path).resolve().parent / CAPTURES_DIR


def warc_name(source: str, crawl_id: int, started: datetime) -> str:
    """`captures/<source>/<crawl_id>-<timestamp>.warc.gz`, relative to the archive's folder."""
    stamp = started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{CAPTURES_DIR}/{source}/{crawl_id}-{stamp}.warc.gz"


class WarcFile:
    """An open capture file; `write` returns where the exchange's response record starts."""

    def __init__(self, base_dir: str | Path, relative_name: str, seen: DigestLookup) -> None:
        self.relative_name = relative_name
        self.path = Path(base_dir) / relative_name
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "ab")  # noqa: SIM115 - held open for the whole crawl
        self.writer = WARCWriter(self.handle, gzip=True)
        self.seen = seen
        self.last_response_id: str | None = None  # of the latest `write`, for WARC-Refers-To
        self._write_warcinfo()

    def close(self) -> None:
        self.handle.close()

    def sync(self) -> None:
        """Make every record written so far durable (before rows pointing at them commit)."""
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def write(self, exchange: Exchange, date: str | None = None) -> tuple[Location, str, bool]:
        """Write one exchange; returns its location, payload digest and whether it is new."""
        date = date or warc_date()
        digest = payload_digest(exchange.body)
        earlier = self.seen(digest)
        offset = self.handle.tell()
        response = self._response_record(exchange, digest, date, earlier)
        self.writer.write_record(response)
        location = Location(self.relative_name, offset, self.handle.tell() - offset)
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        self.writer.write_record(self._request_record(exchange, date, record_id))
        self.writer.write_record(self._metadata_record(exchange, date, record_id))
        self.handle.flush()
        self.last_response_id = record_id
        return location, digest, earlier is None

    def write_conversion(
        self,
        url: str,
        body: bytes,
        content_type: str,
        refers_to: str | None,
        metadata: dict,
        date: str | None = None,
    ) -> Location:
        """Write a rendered DOM as a `conversion` record (and its metadata); returns where."""
        date = date or warc_date()
        headers = {"WARC-Date": date, "WARC-Payload-Digest": payload_digest(body)}
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        location = Location(self.relative_name, self.handle.tell())
        record = self.writer.create_warc_record(
            url,
            "conversion",
            payload=BytesIO(body),
            length=len(body),
            warc_content_type=content_type,
            warc_headers_dict=headers,
        )
        self.writer.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        exchange = Exchange(url, 200, [], body, metadata=metadata)
        self.writer.write_record(self._metadata_record(exchange, date, record_id))
        self.handle.flush()
        return location

    def _write_warcinfo(self) -> None:
        if self.handle.tell() == 0:
            info = {"software": "vn-provincial-archive", "format": "WARC File Format 1.1"}
            self.writer.write_record(self.writer.create_warcinfo_record(self.path.name, info))
            self.handle.flush()

    def _response_record(self, exchange: Exchange, digest: str, date: str, earlier):
        http_headers = StatusAndHeaders(
            f"{exchange.status} {_reason(exchange.status)}",
            [(k, v) for k, v in exchange.headers if k.lower() not in _FRAMING_HEADERS],
            protocol=exchange.protocol,
        )
        if earlier is not None:
            refers_to_uri, refers_to_date = earlier
            return self.writer.create_revisit_record(
                exchange.url,
                digest,
                refers_to_uri,
                refers_to_date,
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": date},
            )
        return self.writer.create_warc_record(
            exchange.url,
            "response",
            payload=BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Payload-Digest": digest},
        )

    def _request_record(self, exchange: Exchange, date: str, response_id: str):
        path = exchange.url.split("/", 3)[3] if exchange.url.count("/") >= 3 else ""
        http_headers = StatusAndHeaders(
            f"{exchange.method} /{path} {exchange.protocol}",
            exchange.request_headers,
            is_http_request=True,
        )
        return self.writer.create_warc_record(
            exchange.url,
            "request",
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id},
        )

    def _metadata_record(self, exchange: Exchange, date: str, response_id: str):
        body = json.dumps(exchange.metadata, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return self.writer.create_warc_record(
            exchange.url,
            "metadata",
            payload=BytesIO(body),
            length=len(body),
            warc_content_type=_METADATA_TYPE,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id},
        )


def warc_date(moment: datetime | None = None) -> str:
    """WARC-Date with microseconds, so records of one second keep their order."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


# -- reading captures back ---------------------------------------------------------------------


def capture_files(root: str | Path, source: str | None = None) -> list[Path]:
    """The WARC files under a captures folder, oldest first (by the timestamp in the name)."""
    root = Path(root)
    pattern = f"{source}/*.warc.gz" if source else "*/*.warc.gz"
    return sorted(root.glob(pattern), key=lambda p: (p.name.split("-", 1)[-1], p.name))


def iter_captures(path: Path, base_dir: Path, payloads: dict[str, Location]) -> Iterator[Captured]:
    """Responses of one WARC file with their metadata; revisits resolved through `payloads`.

    `payloads` maps digests to the response records holding them; it is filled as files are
    read, oldest first, so a revisit finds the payload it refers to.
    """
    relative = path.relative_to(base_dir).as_posix()
    pending: dict[str, tuple] = {}
    for record, offset in _records(path):
        kind = record.rec_type
        if kind in ("response", "revisit", "conversion"):
            pending[record.rec_headers.get_header("WARC-Record-ID")] = (record, offset)
        elif kind == "metadata":
            response = pending.pop(record.rec_headers.get_header("WARC-Concurrent-To"), None)
            if response is not None:
                captured = _captured(*response, relative, record, payloads, base_dir)
                if captured is not None:
                    yield captured


def _records(path: Path) -> Iterator[tuple]:
    """(record, offset) pairs, with the payload read; a truncated tail ends the file quietly."""
    with open(path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        try:
            for record in iterator:
                # Read before asking for the offset: warcio skips the record's body to find it.
                wanted = record.rec_type in ("response", "conversion")
                record.parsed_payload = record.content_stream().read() if wanted else b""
                record.meta = record.raw_stream.read() if record.rec_type == "metadata" else b""
                yield record, iterator.get_record_offset()
        except Exception as exc:  # a crawl killed mid-write leaves a cut last record
            logger.warning("%s: stopped reading at a damaged record: %s", path, exc)


def _captured(record, offset, relative, meta_record, payloads, base_dir) -> Captured | None:
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    location = Location(relative, offset)
    if record.rec_type == "conversion":  # a rendered DOM: no HTTP headers of its own
        content_type = record.rec_headers.get_header("Content-Type") or "text/html"
        return Captured(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            date=record.rec_headers.get_header("WARC-Date"),
            status=200,
            headers={"Content-Type": content_type},
            payload=record.parsed_payload,
            location=location,
            metadata=json.loads(meta_record.meta or b"{}"),
            payload_at=location,
            digest=digest,
        )
    if record.rec_type == "response":
        payload = record.parsed_payload
        payload_at = location
        if digest:
            payloads.setdefault(digest, location)
    else:
        payload_at = payloads.get(digest)
        if payload_at is None:
            return None
        payload = read_payload(base_dir / payload_at.warc_file, payload_at.offset)
    headers = dict(record.http_headers.headers) if record.http_headers else {}
    status = int(record.http_headers.get_statuscode() or 0) if record.http_headers else 0
    return Captured(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        date=record.rec_headers.get_header("WARC-Date"),
        status=status,
        headers=headers,
        payload=payload,
        location=location,
        metadata=json.loads(meta_record.meta or b"{}"),
        payload_at=payload_at,
        digest=digest,
    )


def read_payload(path: Path, offset: int) -> bytes:
    """The decoded payload of the response record starting at `offset`."""
    with open(path, "rb") as handle:
        return _payload_at(handle, offset)


def read_payloads(base_dir: Path, locations: list[Location]) -> Iterator[bytes]:
    """The payloads at `locations`, each file opened once (for a batch of nearby records)."""
    handles: dict[str, object] = {}
    try:
        for where in locations:
            if where.warc_file not in handles:
                handles[where.warc_file] = open(base_dir / where.warc_file, "rb")  # noqa: SIM115
            yield _payload_at(handles[where.warc_file], where.offset)
    finally:
        for handle in handles.values():
            handle.close()


def _payload_at(handle, offset: int) -> bytes:
    handle.seek(offset)
    record = next(iter(ArchiveIterator(handle)))
    return record.content_stream().read()


def copy_records(path: Path, keep: Callable[[object], bool], out) -> int:
    """Copy the records `keep` accepts, byte for byte (gzip members), to `out`; returns count."""
    copied = 0
    with open(path, "rb") as source, open(path, "rb") as raw:
        iterator = ArchiveIterator(source)
        try:
            for record in iterator:
                wanted = keep(record)
                iterator.read_to_end(record)
                if wanted:
                    raw.seek(iterator.get_record_offset())
                    out.write(raw.read(iterator.get_record_length()))
                    copied += 1
        except Exception as exc:
            logger.warning("%s: stopped copying at a damaged record: %s", path, exc)
    return copied
