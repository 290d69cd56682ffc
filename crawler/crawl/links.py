"""The links of a fetched page, read in an extraction worker rather than on the reactor.

Scrapy's LinkExtractor builds a Link object and runs `safe_url_string` for every anchor of every
page on the crawl's one thread; a provincial portal's page carries a menu of a hundred links or
more, so that was a large share of the reactor's time. Here the page is parsed once in a worker,
anchors (`a` and `area` with `href`, after `<base href>`) are made absolute and kept once each,
fragments dropped (a fragment never names another page), and links to files that are not pages
(images, documents, media, archives) left out, as Scrapy's default `deny_extensions` does.
"""

import posixpath
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HTMLParser
from w3lib.encoding import html_to_unicode
from w3lib.url import safe_url_string

from crawler.crawl.families import is_variant_url, looks_like_article_url
from crawler.extract.document import XML_DECLARATION, Document
from crawler.sources import Source

# Suffixes of files a crawl for articles does not follow; mirrors Scrapy's IGNORED_EXTENSIONS.
_NOT_PAGE_SUFFIXES = (
    "7z 7zip apk bz2 cdr dmg ico iso jar rar tar tgz xz zip "
    "mng pct bmp gif jpg jpeg png pst psp tif tiff ai drw dxf eps ps svg cdr webp "
    "mp3 wma ogg wav ra aac mid au aiff "
    "3gp asf asx avi mov mp4 mpg qt rm swf wmv m4a m4v flv webm "
    "xls xlsx ppt pptx pps doc docx odt ods odg odp "
    "css pdf exe bin rss dmg deb rpm"
)
NOT_PAGES = frozenset(_NOT_PAGE_SUFFIXES.split())
_WHITESPACE = " \t\n\r\x0c"
_SCHEMES = ("http", "https")
_FULL_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# Anything outside the characters a URL may carry as they are needs percent-encoding.
_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def page_links(
    body: bytes, url: str, encoding: str | None = None, document: Document | None = None
) -> tuple[str, ...]:
    """Absolute URLs of the pages a page links to, each once, in document order.

    The body is decoded as Scrapy decodes a response (w3lib: byte-order mark, the declared
    charset, a `<meta>` charset, else UTF-8), so non-ASCII hrefs come out the same. The
    extraction's `document` of the same body is read instead of a parse of its own when it
    was parsed from that very text: the anchors are the same, and a parse is spared.
    """
    content_type = f"text/html; charset={encoding}" if encoding else None
    try:
        page_encoding, text = html_to_unicode(content_type, body)
        if document is not None and document.as_decoded and document.html == text:
            root = document.tree.getroottree().getroot()
        else:
            root = etree.fromstring(XML_DECLARATION.sub("", text, count=1), HTMLParser())
    except (etree.LxmlError, LookupError, ValueError):
        return ()
    if root is None:
        return ()
    base = url
    for href in root.iterfind(".//base[@href]"):
        base = urljoin(url, href.get("href").strip(_WHITESPACE))
        break
    origin = _origin(base)
    found: dict[str, None] = {}
    for element in root.iter("a", "area"):
        raw = element.get("href")
        if raw:
            href, shared = _HREFS.get(raw) or _read_href(raw)
            link = _absolute(origin if shared else base, href, page_encoding)
            if link is not None:
                found.setdefault(link, None)
    return tuple(found)


_HREFS: dict[str, tuple[str, bool]] = {}  # the menus and columns every page of a portal repeats


def _read_href(raw: str) -> tuple[str, bool]:
    """The href without surrounding whitespace, and whether it resolves the same on every page
    of the host (a path from the root, or a full URL)."""
    if len(_HREFS) > 100_000:
        _HREFS.clear()
    href = raw.strip(_WHITESPACE)
    shared = href[:1] == "/" and href[:2] != "//" or _FULL_URL.match(href) is not None
    _HREFS[raw] = (href, shared)
    return href, shared


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


@lru_cache(maxsize=16384)  # the menus and columns every page of a portal repeats
def _absolute(base: str, href: str, encoding: str) -> str | None:
    """The link as Scrapy would request it: path in UTF-8, query in the page's encoding."""
    try:
        link = urljoin(base, href).split("#", 1)[0]
        if _UNSAFE.search(link):
            link = safe_url_string(link, encoding=encoding)
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme not in _SCHEMES or not parts.netloc:
        return None
    suffix = posixpath.splitext(parts.path)[1][1:].lower()
    return None if suffix in NOT_PAGES else link


class LinkSieve:
    """The links of a crawl's pages, each passed on once: what one worker process sent before
    is left out of the next page's links.

    Every page of a portal repeats a menu of a hundred links and columns of related articles;
    the spider needs each URL once (it keeps its own set too, since several workers each keep
    theirs). Sending only new links spares pickling them back and the spider's look-ups. A link
    counts as sent only when the spider would follow it from any page: in the source's scope,
    and not an AMP or print view met on an article (a listing may still offer it). Pages that
    need all their links (start pages, WebForms lists, rendered pages) are not sieved.
    """

    def __init__(self, source: Source, capacity: int = 500_000) -> None:
        self.source = source
        self.capacity = capacity  # a bound on memory: forgetting only costs repeats
        self.known: set[int] = set()

    def lists_articles(self, links: tuple[str, ...]) -> bool:
        """Whether any of a page's links (sent before or not) is an article of the source."""
        return any(self._is_article(link) for link in links)

    def _is_article(self, link: str) -> bool:
        if not self.source.allows_url(link):
            return False
        decided = self.source.is_article_url(link)
        return looks_like_article_url(link) if decided is None else decided

    def fresh(self, links: tuple[str, ...], on_article: bool) -> tuple[str, ...]:
        if len(self.known) > self.capacity:
            self.known.clear()
        kept = []
        for link in links:
            key = hash(link)
            if key in self.known:
                continue
            if not self.source.allows_url(link):
                self.known.add(key)  # out of scope from every page
                continue
            if is_variant_url(link) and (on_article or self.source.is_article_url(link) is False):
                continue
            self.known.add(key)
            kept.append(link)
        return tuple(kept)
