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
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HTMLParser
from w3lib.encoding import html_to_unicode
from w3lib.url import safe_url_string

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
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses it in a str
_SCHEMES = ("http", "https")
# Anything outside the characters a URL may carry as they are needs percent-encoding.
_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def page_links(body: bytes, url: str, encoding: str | None = None) -> tuple[str, ...]:
    """Absolute URLs of the pages a page links to, each once, in document order.

    The body is decoded as Scrapy decodes a response (w3lib: byte-order mark, the declared
    charset, a `<meta>` charset, else UTF-8), so non-ASCII hrefs come out the same.
    """
    content_type = f"text/html; charset={encoding}" if encoding else None
    try:
        page_encoding, text = html_to_unicode(content_type, body)
        root = etree.fromstring(_XML_DECLARATION.sub("", text, count=1), HTMLParser())
    except (etree.LxmlError, LookupError, ValueError):
        return ()
    if root is None:
        return ()
    base = url
    for href in root.iterfind(".//base[@href]"):
        base = urljoin(url, href.get("href").strip(_WHITESPACE))
        break
    found: dict[str, None] = {}
    for element in root.iter("a", "area"):
        href = element.get("href")
        if href:
            link = _absolute(base, href, page_encoding)
            if link is not None:
                found.setdefault(link, None)
    return tuple(found)


def _absolute(base: str, href: str, encoding: str) -> str | None:
    """The link as Scrapy would request it: path in UTF-8, query in the page's encoding."""
    try:
        link = urljoin(base, href.strip(_WHITESPACE)).split("#", 1)[0]
        if _UNSAFE.search(link):
            link = safe_url_string(link, encoding=encoding)
        parts = urlsplit(link)
    except ValueError:
        return None
    if parts.scheme not in _SCHEMES or not parts.netloc:
        return None
    suffix = posixpath.splitext(parts.path)[1][1:].lower()
    return None if suffix in NOT_PAGES else link
