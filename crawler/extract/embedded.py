"""Article text a page carries as data when its HTML shows none.

Papers built on JavaScript frameworks often send an empty shell that the browser fills from
data in the same page: Next.js puts the page's props in <script id="__NEXT_DATA__">, many add a
JSON-LD NewsArticle with an `articleBody`, and others hand their query cache to the page in an
inline script (React Query's dehydrated state, Nuxt's `__NUXT__`, Apollo's state). When the
HTML body gives too little text, the longest body found there is the article, read without a
browser.
"""

import json
import re

from lxml import html as lxml_html
from lxml.html import HtmlElement

from crawler.extract.elements import in_document, text_of
from crawler.extract.model import clean

_BODY_KEYS = ("content", "body", "articleBody", "contentHtml", "html", "noi_dung", "noiDung")
_MARKUP = re.compile(r"<(p|div|br)\b", re.I)


def framework_data(tree: HtmlElement) -> tuple[object, list[str]]:
    """The __NEXT_DATA__ props of the page (None without them) and the texts of its other
    inline scripts, read before its scripts are removed."""
    scripts = [s.text for s in tree.iter("script") if s.text and not s.get("src")]
    if all(s.get("id") != "__NEXT_DATA__" for s in in_document(tree, "script")):
        return None, scripts  # the XPath below finds nothing, and costs more than this
    for text in tree.xpath('//script[@id="__NEXT_DATA__"]/text()'):
        try:
            return json.loads(text), scripts
        except ValueError:
            return None, scripts
    return None, scripts


def embedded_paragraphs(data: tuple[object, list[str]], linked_data: list[dict]) -> list[str]:
    """The paragraphs of the longest article body in the framework data or the JSON-LD;
    failing both, in a script's data."""
    next_data, scripts = data
    bodies = list(_bodies(next_data))
    bodies += [obj["articleBody"] for obj in linked_data if isinstance(obj.get("articleBody"), str)]
    best = max(bodies, key=len, default="") or max(_script_bodies(scripts), key=len, default="")
    return _split(best) if best else []


# "contentHtml":"<p>…" in a script's object literal (JSON string escapes inside)
_SCRIPT_BODY = re.compile('"(' + "|".join(_BODY_KEYS) + r')"\s*:\s*"((?:[^"\\]|\\.){80,})"')


def _script_bodies(scripts: list[str]):
    """Strings under body-like keys in inline scripts that are not JSON as a whole."""
    for script in scripts:
        if '":"' not in script and '": "' not in script:
            continue
        for match in _SCRIPT_BODY.finditer(script):
            try:
                yield json.loads(f'"{match[2]}"')
            except ValueError:
                continue


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
        texts = [text_of(block) for block in blocks]
    else:
        texts = re.split(r"\n\s*\n|\n", body)
    return [text for text in (clean(t) for t in texts) if text]
