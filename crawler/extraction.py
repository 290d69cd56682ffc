"""Article extraction: a pure function of (bytes, url, options) around trafilatura."""

from dataclasses import asdict, dataclass

import trafilatura

from crawler.vietnamese import collapse_whitespace, normalize_text


@dataclass(frozen=True)
class ExtractOptions:
    prune_xpath: tuple[str, ...] = ()
    template_blocks: frozenset[str] = frozenset()
    declared_encoding: str | None = None


@dataclass(frozen=True)
class Extracted:
    url: str
    title: str
    text: str
    lead: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    source_line: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    language: str | None = None
    description: str | None = None
    captions: tuple[str, ...] = ()
    canonical_url: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class NotAnArticle(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class UndecodablePage(NotAnArticle):
    pass


def extract_article(body: bytes, url: str, options: ExtractOptions = ExtractOptions()) -> Extracted:
    html = body.decode(options.declared_encoding or "utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, as_dict=True)
    if not doc or not doc.get("text") or not doc.get("title"):
        raise NotAnArticle("no-text")
    text = collapse_whitespace(normalize_text(doc["text"]))
    return Extracted(
        url=url,
        title=normalize_text(doc["title"]),
        text=text,
        published=doc.get("date"),
        author=doc.get("author"),
        language=doc.get("language"),
    )
