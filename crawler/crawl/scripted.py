"""Pages built by scripts: telling them apart from server-built ones, and following the
load-more endpoints ("Xem thêm", infinite scroll) they call, as plain requests.

Plain Python over lxml, no Scrapy and no browser: the spider asks whether a page needs one,
and turns the JSON or HTML endpoints a rendered page called into next-page URLs.
"""

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html

# Query parameters portals page their listing endpoints with (trang = page in Vietnamese).
PAGE_PARAMS = ("trang", "page", "p", "pageindex", "pagenumber", "pageno", "pagenum", "pg")
SCRIPT_BUILT_TEXT = 200  # an article page with less visible text than this is only a shell
_SCRIPT_TAG = re.compile(rb"<script\b", re.I)
_HREF = re.compile(r"""href\s*=\s*["']([^"'#\s]+)""", re.I)
# Not what a reader reads as the page's text: code, menus, page chrome and link labels.
_NOT_TEXT = ("script", "style", "noscript", "template", "nav", "header", "footer", "a")


def _tree(body: bytes):
    try:
        return lxml_html.fromstring(body)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def script_count(body: bytes) -> int:
    """How many <script> elements a page has (inline or loaded)."""
    tree = _tree(body)
    return 0 if tree is None else len(tree.xpath("//script"))


def visible_text_length(body: bytes) -> int:
    """Characters of text a reader would see, outside scripts, menus, headers, footers and
    links (whitespace not counted)."""
    tree = _tree(body)
    return 0 if tree is None else _text_length(tree)


def _text_length(tree) -> int:
    for element in tree.xpath("|".join(f"//{tag}" for tag in _NOT_TEXT)):
        element.drop_tree()
    return sum(len(word) for word in " ".join(tree.itertext()).split())


def is_script_shell(body: bytes) -> bool:
    """An article page whose text arrives by script: scripts, and almost no text without them.
    One parse; pages without a script tag are not parsed at all."""
    if not _SCRIPT_TAG.search(body):
        return False
    tree = _tree(body)
    return tree is not None and _text_length(tree) < SCRIPT_BUILT_TEXT


# -- load-more endpoints -----------------------------------------------------------------------


def page_parameter(url: str) -> tuple[str, int] | None:
    """The query parameter an endpoint is paged by, and its value: ("trang", 2)."""
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key.lower() in PAGE_PARAMS and value.isdigit():
            return key, int(value)
    return None


def with_page(url: str, key: str, number: int) -> str:
    """The endpoint URL asking for page `number`, other parameters kept in their order."""
    parts = urlsplit(url)
    query = [
        (k, str(number) if k == key else v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def paged_endpoints(urls: list[str]) -> dict[str, tuple[str, str, int]]:
    """Endpoints grouped by their URL without the page number: template → (url, key, highest).

    A page that called /api/tin?trang=2 and ?trang=3 is paged by `trang`; following it
    from 4 on, as plain requests, reaches what further clicks would have loaded.
    """
    found: dict[str, tuple[str, str, int]] = {}
    for url in urls:
        paged = page_parameter(url)
        if paged is None:
            continue
        key, number = paged
        template = with_page(url, key, 0)
        if template not in found or number > found[template][2]:
            found[template] = (url, key, number)
    return found


def links_in_payload(body: bytes, base_url: str, content_type: str = "") -> list[str]:
    """Absolute URLs in an endpoint's answer: JSON string values that are paths or URLs, and
    `href`s in HTML (whole fragments, or HTML inside JSON strings)."""
    text = body.decode("utf-8", "replace")
    if "json" in content_type.lower() or text.lstrip()[:1] in ("{", "["):
        try:
            values = list(_json_strings(json.loads(text)))
        except ValueError:
            values = [text]
    else:
        values = [text]
    links: list[str] = []
    for value in values:
        if "href" in value.lower():
            links += [urljoin(base_url, href) for href in _HREF.findall(value)]
        elif _looks_like_link(value):
            links.append(urljoin(base_url, value.strip()))
    return list(dict.fromkeys(links))


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _looks_like_link(value: str) -> bool:
    value = value.strip()
    if not value or any(c.isspace() for c in value) or len(value) > 2000:
        return False
    return value.startswith(("http://", "https://", "/")) and not value.startswith("//")
