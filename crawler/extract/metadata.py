"""What the page declares about itself: meta tags, JSON-LD, canonical link, language, tags and
breadcrumbs.
"""

import json
import re
from urllib.parse import urljoin

from lxml.html import HtmlElement

from crawler.extract.boilerplate import heading_kind
from crawler.extract.elements import has_mark, in_document, text_of
from crawler.extract.model import clean
from crawler.extract.vietnamese import fold_vietnamese

_TITLE_CLASS = re.compile(r"title|tieude|tieu-de|headline|tit\b|news-?name|heading", re.I)
_LEAD_CLASS = re.compile(
    r"sapo|summary|chapeau|\blead\b|tomtat|tom-tat|trichyeu|excerpt|description|\bdesc\b|"
    r"intro|teaser|news-?des|detail-des|short",
    re.I,
)
_BYLINE_CLASS = re.compile(
    r"author|tacgia|tac-gia|byline|writer|signature|butdanh|but-danh|nguoiviet|nguoi-viet",
    re.I,
)
_TAG_CLASS = re.compile(r"(^|[\s_-])(tags?|keywords?|tukhoa|tu-khoa)([\s_-]|$)", re.I)
_CRUMB_CLASS = re.compile(r"breadcrumb|duongdan|path|crumb|chuyenmuc|category", re.I)
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "report"}
_HOME_WORDS = {"trang chu", "home", "trang nhat"}


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in values:
            values[key] = content.strip()
    return values


def _json_ld(scripts: list[HtmlElement]) -> list[dict]:
    """The objects of a page's JSON-LD <script> blocks."""
    found: list[dict] = []
    for script in scripts:
        try:
            data = json.loads(text_of(script) or "null")
        except ValueError:
            continue
        _collect_objects(data, found)
    return found


def _collect_objects(data: object, found: list[dict]) -> None:
    if isinstance(data, list):
        for item in data:
            _collect_objects(item, found)
    elif isinstance(data, dict):
        found.append(data)
        _collect_objects(data.get("@graph"), found)


def _ld_type(obj: dict) -> set[str]:
    kind = obj.get("@type") or []
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def _has_article_markup(tree: HtmlElement, meta: dict, linked: list[dict]) -> bool:
    if meta.get("og:type", "").lower() == "article" or "article:published_time" in meta:
        return True
    if any(_ld_type(obj) & _ARTICLE_TYPES for obj in linked):
        return True
    return bool(tree.xpath('//*[@itemprop="articleBody"]|//article//h1'))


def _classes(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _canonical_href(tree: HtmlElement, meta: dict) -> str | None:
    links = (link for link in in_document(tree, "link") if link.get("rel") == "canonical")
    href = next((href for href in (link.get("href") for link in links) if href is not None), None)
    return (href.strip() if href is not None else None) or meta.get("og:url")


def _absolute(base: str, href: str | None) -> str | None:
    return urljoin(base, href.strip()) if href and href.strip() else None


def _page_language(tree: HtmlElement, meta: dict) -> str | None:
    lang = tree.get("lang") or meta.get("content-language") or meta.get("og:locale") or ""
    return lang.replace("_", "-").split("-")[0].lower() or None


def _labelled_links(tree: HtmlElement, pattern: re.Pattern, extra: str | None) -> tuple[str, ...]:
    found: list[str] = []
    for box in in_document(tree, "div", "ul", "p", "span", "section"):
        if has_mark(box, pattern):
            found += [clean(text_of(a)) for a in box.iter("a")]
    if not found and extra:
        found = [clean(word) for word in extra.split(",")]
    return _unique(t for t in found if 1 < len(t) < 80 and heading_kind(t) is None)


def _breadcrumbs(tree: HtmlElement, meta: dict) -> tuple[str, ...]:
    found = [clean(meta["article:section"])] if meta.get("article:section") else []
    for box in in_document(tree, "div", "ul", "ol", "nav", "p"):
        if has_mark(box, _CRUMB_CLASS) and len(text_of(box)) < 200:
            crumbs = [t for t in (clean(text_of(a)) for a in box.iter("a")) if _is_section(t)]
            if crumbs:
                found += crumbs
                break
    return _unique(t for t in found if _is_section(t))


def _is_section(name: str) -> bool:
    """A section's name, not the home link nor a box heading ("Tin liên quan" in a box whose
    class says "category" is no category)."""
    return bool(name) and fold_vietnamese(name) not in _HOME_WORDS and heading_kind(name) is None


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
