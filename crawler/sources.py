"""The portal registry: `sources.toml` read into validated `Source` entries.

A half-read configuration must never start a crawl, so every problem raises `SourceError`
with one line naming the file, the entry and the key.
"""

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

KINDS = ("paper", "government", "district", "other")
# "http": pages as the server sends them; "browser": every HTML page of the portal rendered in
# headless Chromium; "auto": a page rendered only when its HTML shows no article links but
# scripts (listings) or almost no text but scripts (articles).
RENDER_MODES = ("http", "auto", "browser")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DOMAIN = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\.?(:\d+)?$")
_LIST_KEYS = ("start_urls", "sitemaps", "feeds", "allowed_domains", "prune_xpath")
_TEXT_KEYS = ("name", "province", "kind", "article_pattern", "schedule", "notes", "render")
_BOOL_KEYS = ("checked_live",)


class SourceError(ValueError):
    """A registry problem, phrased for a one-line error message."""


@dataclass(frozen=True)
class Source:
    slug: str
    name: str
    province: str
    start_urls: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None
    kind: str = "other"
    prune_xpath: tuple[str, ...] = ()
    schedule: str | None = None
    checked_live: bool = False
    notes: str | None = None
    render: str = "http"
    _article_re: re.Pattern | None = field(default=None, repr=False, compare=False)

    def is_article_url(self, url: str) -> bool | None:
        """True/False when `article_pattern` decides, None when heuristics must."""
        if self._article_re is None:
            return None
        return bool(self._article_re.search(url))

    def allows_host(self, host: str) -> bool:
        """Whether a host (with or without port) lies inside this source's domains."""
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def allows_url(self, url: str) -> bool:
        """Whether a URL is in scope: http(s), on the source's domains, and on the source's own
        port where its URLs name one (two local portals on one host differ only by port)."""
        parts = urlsplit(url)
        return self._allows_netloc(parts.scheme, parts.netloc)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - sources live as long as the process
    def _allows_netloc(self, scheme: str, netloc: str) -> bool:
        """Scope depends on scheme and host only: decided once per host (a page has many links)."""
        parts = urlsplit(f"{scheme}://{netloc}/")
        host = (parts.hostname or "").lower().rstrip(".")
        if scheme not in ("http", "https") or not self.allows_host(host):
            return False
        pinned = self._pinned_ports.get(host)
        try:
            return pinned is None or parts.port in pinned
        except ValueError:  # a port outside 0-65535
            return False

    @functools.cached_property
    def _pinned_ports(self) -> dict[str, set[int]]:
        ports: dict[str, set[int]] = {}
        for url in (*self.start_urls, *self.sitemaps, *self.feeds):
            parts = urlsplit(url)
            if parts.port is not None:
                ports.setdefault(parts.hostname.lower(), set()).add(parts.port)
        return ports

    def as_row(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "province": self.province,
            "kind": self.kind,
            "home_url": self.start_urls[0],
            "checked_live": int(self.checked_live),
        }


def load_sources(path: str | Path) -> dict[str, Source]:
    """Read and validate every entry of a registry file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{path}: no such registry file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("sources")
    if not isinstance(entries, dict) or not entries:
        raise SourceError(f"{path}: no [sources.<slug>] tables")
    return {slug: _parse_entry(path, slug, entry) for slug, entry in entries.items()}


def select_sources(path: str | Path, slugs: list[str]) -> list[Source]:
    """The named entries, in order; an unknown slug is an error naming the known ones."""
    registry = load_sources(path)
    unknown = [s for s in slugs if s not in registry]
    if unknown:
        known = ", ".join(sorted(registry))
        raise SourceError(f"{path}: unknown source {', '.join(unknown)} (known: {known})")
    return [registry[s] for s in slugs]


def _parse_entry(path: Path, slug: str, entry: object) -> Source:
    where = f"{path}: [sources.{slug}]"
    if not _SLUG.match(slug):
        raise SourceError(f"{where}: slug must be lower-case letters, digits, '-' or '_'")
    if not isinstance(entry, dict):
        raise SourceError(f"{where}: must be a table")
    unknown = set(entry) - set(_LIST_KEYS) - set(_TEXT_KEYS) - set(_BOOL_KEYS)
    if unknown:
        raise SourceError(f"{where}: unknown key {', '.join(sorted(unknown))}")
    values = {key: _list(where, key, entry.get(key, [])) for key in _LIST_KEYS}
    values.update({key: _text(where, key, entry.get(key)) for key in _TEXT_KEYS})
    values.update({key: _bool(where, key, entry.get(key, False)) for key in _BOOL_KEYS})
    for key in ("name", "province"):
        if not values[key]:
            raise SourceError(f"{where}: '{key}' is required")
    _check_urls(where, values)
    _check_domains(where, values["allowed_domains"])
    _check_xpaths(where, values["prune_xpath"])
    values["allowed_domains"] = _domains(values)
    values["kind"] = _kind(where, values["kind"] or "other")
    values["render"] = _render(where, values["render"] or "http")
    pattern = _pattern(where, values["article_pattern"])
    _check_schedule(where, values["schedule"])
    return Source(slug=slug, _article_re=pattern, **values)


def _list(where: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SourceError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _text(where: str, key: str, value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise SourceError(f"{where}: '{key}' must be a string")
    return value or None


def _bool(where: str, key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise SourceError(f"{where}: '{key}' must be true or false")
    return value


def _check_urls(where: str, values: dict) -> None:
    if not values["start_urls"]:
        raise SourceError(f"{where}: 'start_urls' needs at least one URL")
    for key in ("start_urls", "sitemaps", "feeds"):
        for url in values[key]:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise SourceError(f"{where}: '{key}' has a URL that is not http(s): {url}")


def _check_domains(where: str, domains: tuple[str, ...]) -> None:
    """A URL or a path where a host name belongs would silently keep the whole portal out."""
    for domain in domains:
        if not _DOMAIN.match(domain):
            raise SourceError(f"{where}: 'allowed_domains' has {domain!r}, not a host name")


def _check_xpaths(where: str, xpaths: tuple[str, ...]) -> None:
    from lxml import etree

    for xpath in xpaths:
        try:
            etree.XPath(xpath)
        except etree.XPathSyntaxError as exc:
            raise SourceError(
                f"{where}: 'prune_xpath' has an invalid XPath {xpath!r}: {exc}"
            ) from None


def _domains(values: dict) -> tuple[str, ...]:
    """Declared domains, or the hosts of the start URLs; ports are never part of a domain."""
    given = values["allowed_domains"] or [urlsplit(u).hostname for u in values["start_urls"]]
    return tuple(dict.fromkeys(d.lower().split(":")[0].rstrip(".") for d in given))


def _kind(where: str, kind: str) -> str:
    if kind not in KINDS:
        raise SourceError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
    return kind


def _render(where: str, render: str) -> str:
    if render not in RENDER_MODES:
        raise SourceError(f"{where}: 'render' must be one of {', '.join(RENDER_MODES)}")
    return render


def _pattern(where: str, pattern: str | None) -> re.Pattern | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SourceError(f"{where}: 'article_pattern' is not a valid regex: {exc}") from None


def _check_schedule(where: str, schedule: str | None) -> None:
    if schedule is None:
        return
    from croniter import croniter

    if not croniter.is_valid(schedule):
        raise SourceError(f"{where}: 'schedule' is not a cron expression: {schedule!r}")
