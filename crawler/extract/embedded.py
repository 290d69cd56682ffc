"""Article text a page carries as data when its HTML shows none.

Papers built on JavaScript frameworks often send an empty shell that the browser fills from
data in the same page: Next.js puts the page's props in <script id="__NEXT_DATA__">, and many
add a JSON-LD NewsArticle with an `articleBody`. When the HTML body gives too little text, the
longest body found there is the article, read without a browser.
"""

import json
import re

from lxml import html as lxml_html
from lxml.html import HtmlElement

from crawler.extract.model import clean

_BODY_KEYS = ("content", "body", "articleBody", "contentHtml", "html", "noi_dung", "noiDung")
_MARKUP = re.compile(r"<(p|div|br)\b", re.I)


def framework_data(tree: HtmlElement) -> object:
    """The __NEXT_DATA__ props of the page (read before its scripts are removed), or None."""
    for text in tree.xpath('//script[@id="__NEXT_DATA__"]/text()'):
        try:
            return json.loads(text)
        except ValueError:
            return None
    return None


def embedded_paragraphs(data: object, linked_data: list[dict]) -> list[str]:
    """The paragraphs of the longest article body in the framework data or the JSON-LD."""
    bodies = list(_bodies(data))
    bodies += [obj["articleBody"] for obj in linked_data if isinstance(obj.get("articleBody"), str)]
    best = max(bodies, key=len, default="")
    return _split(best) if best else []


def _bodies(data: object, depth: int = 0):
    """Strings under body-like keys anywhere in the data, nested at most 12 levels."""
    if depth > 12:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _BODY_KEYS and isinstance(value, str) and len(value) > 80:
                yield value
            else:
                yield from _bodies(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _bodies(item, depth + 1)


def _split(body: str) -> list[str]:
    """Paragraphs of a body given as HTML (its <p> blocks) or as text (its blank lines)."""
    if _MARKUP.search(body):
        root = lxml_html.fragment_fromstring(body, create_parent="div")
        blocks = root.xpath(".//p") or [root]
        texts = [block.text_content() for block in blocks]
    else:
        texts = re.split(r"\n\s*\n|\n", body)
    return [text for text in (clean(t) for t in texts) if text]
