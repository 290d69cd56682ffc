"""The result of fetching one page, as plain data: what every crawl hands the archive writer.

A local crawl queues `PageResult`s to the writer thread; a distributed crawl pushes their bytes
onto a Redis stream that `archive ingest` drains through the same writer. So a result carries
everything the archive needs and nothing of Scrapy: the source and crawl, the URLs, when and
how the page was found, its capture in the WARC file, and either the extracted article or the
reason there is none (a failure or rejection). A page that was fetched but is no article
candidate (a listing, a sitemap) is a result with neither: only its capture is indexed.

`Counts` carries counter increments (pages fetched, URLs not refetched) the same way;
`Accounted` an article URL found and not fetched, `Rendered` how a page was rendered.
The bytes are UTF-8 JSON with a format version `v`; a reader refuses versions it does not know.
"""

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime

from crawler.extract import Extracted

FORMAT_VERSION = 1
_LIST_FIELDS = {f.name for f in fields(Extracted) if f.type == tuple[str, ...]}


class ResultFormatError(ValueError):
    """Bytes that are not a result of a known format version."""


@dataclass(frozen=True)
class Capture:
    """Where a page's response record is: WARC file (relative to the archive), offset, length."""

    warc_file: str
    offset: int
    length: int | None = None
    payload_digest: str | None = None  # WARC-Payload-Digest, "sha1:<base32>"
    date: str | None = None  # WARC-Date of the record
    revisit: bool = False  # the payload was captured before; the record refers to it


@dataclass(frozen=True)
class Failure:
    """Why a page gave no article: `kind` is short and stable (http-503, not-article, …)."""

    kind: str
    detail: str = ""
    status: int | None = None


@dataclass(frozen=True)
class PageResult:
    """One fetched page: an article, a failure, or (neither) a page only captured."""

    source: str
    crawl_id: int | None
    url: str  # the final URL, after redirects
    requested_url: str | None = None  # the URL asked for, when redirects changed it
    fetched: str = field(default_factory=lambda: utc_stamp())
    discovered: str | None = None  # how the URL was found: sitemap, feed, listing, link, …
    article: Extracted | None = None
    failure: Failure | None = None
    capture: Capture | None = None
    source_kind: str | None = None  # paper, government, …; None: the registered kind
    allowed_domains: tuple[str, ...] = ()  # the portal's domains, for canonical-URL trust

    def __post_init__(self) -> None:
        if self.article is not None and self.failure is not None:
            raise ValueError("a result is an article or a failure, not both")

    @property
    def kind(self) -> str:
        """ "article", "failure" or "page" (fetched and captured, not an article candidate)."""
        if self.article is not None:
            return "article"
        return "failure" if self.failure is not None else "page"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["allowed_domains"] = list(self.allowed_domains)
        return {"v": FORMAT_VERSION, "type": "page"} | data

    def to_bytes(self) -> bytes:
        return _dump(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict) -> "PageResult":
        values = _check(data, "page")
        article = values.pop("article", None)
        failure = values.pop("failure", None)
        capture = values.pop("capture", None)
        try:
            return cls(
                **values,
                article=_article(article) if article is not None else None,
                failure=Failure(**failure) if failure is not None else None,
                capture=Capture(**capture) if capture is not None else None,
            )
        except TypeError as exc:
            raise ResultFormatError(f"not a page result: {exc}") from exc


@dataclass(frozen=True)
class Counts:
    """Increments of a crawl's counters (pages, not_refetched, …), applied with the results."""

    crawl_id: int
    increments: dict[str, int]

    def to_dict(self) -> dict:
        return {"v": FORMAT_VERSION, "type": "counts", **asdict(self)}

    def to_bytes(self) -> bytes:
        return _dump(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict) -> "Counts":
        values = _check(data, "counts")
        try:
            increments = {name: int(n) for name, n in values["increments"].items()}
            return cls(int(values["crawl_id"]), increments)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResultFormatError(f"not a counts record: {exc}") from exc


@dataclass(frozen=True)
class Accounted:
    """An article URL a crawl found and did not fetch, for the completeness account: "unchanged"
    (archived before, not changed since) or "variant" (an AMP or print view whose article's own
    address, `detail`, was followed instead)."""

    crawl_id: int
    source: str
    url: str
    discovered: str
    outcome: str
    detail: str = ""

    def to_dict(self) -> dict:
        return {"v": FORMAT_VERSION, "type": "accounted", **asdict(self)}

    def to_bytes(self) -> bytes:
        return _dump(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict) -> "Accounted":
        try:
            return cls(**_check(data, "accounted"))
        except TypeError as exc:
            raise ResultFormatError(f"not an accounted URL: {exc}") from exc


@dataclass(frozen=True)
class Rendered:
    """How a page was rendered in the browser (a `renders` row): why, what was done to extend
    its listing, the endpoints then followed as plain requests, and what it gave."""

    crawl_id: int
    source: str
    url: str
    reason: str
    load_more: str
    endpoints: tuple[str, ...] = ()
    browser_responses: int = 0
    blocked: int = 0
    article_links: int = 0
    seconds: float = 0.0
    warc_file: str | None = None
    warc_offset: int | None = None

    def to_dict(self) -> dict:
        return {"v": FORMAT_VERSION, "type": "rendered", **asdict(self)}

    def to_bytes(self) -> bytes:
        return _dump(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict) -> "Rendered":
        values = _check(data, "rendered")
        try:
            return cls(**values | {"endpoints": tuple(values.get("endpoints") or ())})
        except TypeError as exc:
            raise ResultFormatError(f"not a rendered page: {exc}") from exc


Result = PageResult | Counts | Accounted | Rendered
_TYPES = {"page": PageResult, "counts": Counts, "accounted": Accounted, "rendered": Rendered}


def from_bytes(data: bytes) -> Result:
    """A result back from `to_bytes`; ResultFormatError when it is none or of a newer format."""
    try:
        decoded = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultFormatError(f"not a result: {exc}") from exc
    if not isinstance(decoded, dict) or decoded.get("type") not in _TYPES:
        raise ResultFormatError("not a result: no known 'type'")
    return _TYPES[decoded["type"]].from_dict(decoded)


def utc_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _check(data: dict, kind: str) -> dict:
    if data.get("v") != FORMAT_VERSION:
        raise ResultFormatError(f"result format version {data.get('v')!r} is not {FORMAT_VERSION}")
    if data.get("type") != kind:
        raise ResultFormatError(f"expected a {kind!r} result, got {data.get('type')!r}")
    values = {k: v for k, v in data.items() if k not in ("v", "type")}
    if "allowed_domains" in values:
        values["allowed_domains"] = tuple(values["allowed_domains"])
    return values


def _article(data: dict) -> Extracted:
    values = {k: tuple(v) if k in _LIST_FIELDS else v for k, v in data.items()}
    return Extracted(**values)
