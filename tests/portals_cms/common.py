"""What every fixture family shares: its ground truth, pages, and the Vietnamese on the wire."""

import html
import json
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

HERE = Path(__file__).resolve().parent
HTML = "text/html; charset=utf-8"
XML = "application/xml"
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@dataclass
class Page:
    """One response: `body` is text (encoded as `wire_encoding`) or bytes."""

    body: str | bytes
    ctype: str = HTML
    status: int = 200
    location: str | None = None
    wire_encoding: str = "utf-8"

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.wire_encoding == "windows-1258":
            return to_windows_1258(self.body)
        return self.body.encode(self.wire_encoding)


@dataclass
class Article:
    """One ground-truth article of a fixture portal, as its .toml file gives it."""

    id: int
    title: str
    published: str
    author: str
    lead: str
    paragraphs: list[str]
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> list[str]:
        """The paragraphs the archive must store, in the published order."""
        return [self.lead, *self.paragraphs] if self.lead else list(self.paragraphs)

    def body_html(self) -> str:
        return "\n".join(f"<p>{esc(p)}</p>" for p in self.paragraphs)

    def day(self) -> str:
        """dd/mm/yyyy, the way Vietnamese portals print a date."""
        y, m, d = self.published[:10].split("-")
        return f"{d}/{m}/{y}"

    def time(self) -> str:
        return self.published[11:16]


def load_truth(slug: str) -> tuple[dict, list[Article]]:
    """The registry entry and the articles of one family's fixture portal."""
    data = tomllib.loads((HERE / f"{slug}.toml").read_text("utf-8"))
    known = {"id", "title", "published", "author", "lead", "paragraphs"}
    articles = [
        Article(**{k: v for k, v in a.items() if k in known}, extra=a) for a in data["article"]
    ]
    return data["source"], articles


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def route_key(target: str, ignored: tuple[str, ...] = ()) -> str:
    """A request target with its query in one order, so any spelling finds its page."""
    parts = urlsplit(target)
    pairs = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ignored
    )
    path = parts.path.split(";")[0]  # ;jsessionid=… path parameters
    return f"{path}?{urlencode(pairs)}" if pairs else path


def to_windows_1258(text: str) -> bytes:
    """Encode as windows-1258 does: letters with breve, circumflex and horn precomposed, tone
    marks as combining characters after them, as old Vietnamese Windows pages were written."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(char) and char not in _TONE_MARKS:
            # a vowel mark joins its letter, ahead of any tone mark already after it
            letter, tones = out[-1][0], out[-1][1:]
            out[-1] = unicodedata.normalize("NFC", letter + char) + tones
        elif out and char in _TONE_MARKS:
            out[-1] += char
        else:
            out.append(char)
    return "".join(out).encode("cp1258", errors="xmlcharrefreplace")


def sitemap(urls: list[str]) -> Page:
    items = "".join(f"<url><loc>{esc(u)}</loc></url>" for u in urls)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    )
    return Page(body, XML)


def not_found() -> Page:
    return Page("<!DOCTYPE html><html><body><h1>404</h1></body></html>", status=404)


class FixturePortal:
    """A family's portal: its pages keyed by `route_key`, built once for its base URL."""

    SLUG = ""
    ignored_params: tuple[str, ...] = ()  # parameters the CMS ignores when it renders a page

    def __init__(self, base: str) -> None:
        self.slug = self.SLUG
        self.base = base
        self.entry, self.articles = load_truth(self.SLUG)
        self.pages: dict[str, Page] = {}
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def add(self, target: str, page: Page) -> None:
        self.pages[route_key(target, self.ignored_params)] = page

    def article_url(self, article: Article) -> str:
        """The address the archive must know the article by."""
        raise NotImplementedError

    def post(self, target: str, form: dict[str, str]) -> Page | None:
        return None

    def source_toml(self) -> str:
        lines = [f"[sources.{self.slug}]"]
        for key, value in self.entry.items():
            value = json.loads(json.dumps(value).replace("{{BASE}}", self.base))
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"
