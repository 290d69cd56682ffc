"""Extract one news article from a fetched page: clean text plus its metadata.

A pure function of (bytes, url, options). trafilatura does the generic work; around it we
add what Vietnamese provincial portals need: decoding legacy charsets, dropping their
boilerplate vocabulary, Vietnamese date forms, headline and sapo detection, signature lines
("HOÀNG LIÊN - MINH THƯ", "Theo TTXVN") moved out of the body, captions kept apart, and a
decision, from the page itself, that it is an article at all.
"""

import json
import re
import unicodedata
from copy import deepcopy
from dataclasses import asdict, dataclass, field
from datetime import datetime
from itertools import takewhile
from urllib.parse import urljoin

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from crawler.boilerplate import CONTACT_LABELS, link_density, strip_boilerplate, text_lines
from crawler.decoding import NotAnArticle, UndecodablePage, decode_html
from crawler.templates import drop_template_blocks
from crawler.vietnamese import collapse_whitespace, fold_vietnamese, normalize_text

__all__ = ["ExtractOptions", "Extracted", "NotAnArticle", "UndecodablePage", "extract_article"]

VIETNAM_OFFSET = "+07:00"


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


@dataclass
class _Page:
    """What we read from the intact page before anything is removed from it."""

    headline: str | None = None
    headline_index: int = -1
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    byline_source: str | None = None
    lead: str | None = None
    lead_guess: str | None = None  # no evidence of an article, unlike `lead`
    og_type: str | None = None
    article_markup: bool = False
    canonical_url: str | None = None
    image: str | None = None
    description: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    anchors: set[str] = field(default_factory=set)
    headline_links: set[str] = field(default_factory=set)
    content_images: int = 0
    right_aligned: set[str] = field(default_factory=set)
    embeds: int = 0
    form_inputs: int = 0


def clean(text: str | None) -> str:
    """The stored form of a text field: normalised Vietnamese, whitespace collapsed to one line."""
    if not text:
        return ""
    return collapse_whitespace(normalize_text(text)).replace("\n", " ")


def _clean_or_none(text: str | None) -> str | None:
    return clean(text) or None


DEFAULT_OPTIONS = ExtractOptions()


def extract_article(body: bytes, url: str, options: ExtractOptions = DEFAULT_OPTIONS) -> Extracted:
    """Extract the article in `body`, or raise NotAnArticle (UndecodablePage) saying why."""
    tree = _parse(decode_html(body, options.declared_encoding))
    _prune(tree, options.prune_xpath)
    page = _read_page(tree, url)
    captions = _pull_captions(tree)
    meta = _fallback_metadata(tree, url, page)
    drop_template_blocks(tree, options.template_blocks)
    strip_boilerplate(tree)
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True
    )
    paragraphs = _paragraphs(document.body if document is not None else None)
    if paragraphs:
        paragraphs += _trailing_credits(tree, paragraphs[-1], page.right_aligned)
    paragraphs, signature = _split_signature(paragraphs, page)
    paragraphs = _drop_header_lines(paragraphs, page.headline)
    lead = page.lead or _bold_first_paragraph(tree, paragraphs) or page.lead_guess
    paragraphs = _lead_first(paragraphs, lead)
    _reject_non_article(paragraphs, page)
    return _assemble(url, page, meta, paragraphs, signature, captions, lead)


def _parse(html: str) -> HtmlElement:
    # lxml refuses str input that still carries an XML encoding declaration.
    tree = load_html(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    if tree is None or len(tree) == 0:
        raise UndecodablePage("not-html", "unparseable markup")
    return tree


def _prune(tree: HtmlElement, xpaths: tuple[str, ...]) -> None:
    for xpath in xpaths:
        for el in tree.xpath(xpath):
            if isinstance(el, HtmlElement) and el.getparent() is not None:
                el.drop_tree()


# --- reading the intact page -------------------------------------------------------------

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


def _read_page(tree: HtmlElement, url: str) -> _Page:
    page = _Page()
    meta = _meta_values(tree)
    linked = _json_ld(tree)
    page.og_type = (meta.get("og:type") or "").lower() or None
    page.article_markup = _has_article_markup(tree, meta, linked)
    _read_headline(tree, meta, page)
    _read_dates(tree, meta, linked, page)
    _read_byline(tree, linked, meta, page)
    _find_lead(tree, page)
    page.canonical_url = _absolute(url, _canonical_href(tree, meta))
    page.image = _absolute(url, meta.get("og:image") or meta.get("twitter:image"))
    page.description = meta.get("description") or meta.get("og:description")
    page.language = _page_language(tree, meta)
    page.tags = _labelled_links(tree, _TAG_CLASS, meta.get("keywords"))
    page.categories = _breadcrumbs(tree, meta)
    _read_shape(tree, page)
    return page


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in values:
            values[key] = content.strip()
    return values


def _json_ld(tree: HtmlElement) -> list[dict]:
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
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


def _read_headline(tree: HtmlElement, meta: dict, page: _Page) -> None:
    titles = [meta.get("og:title"), meta.get("twitter:title"), *_title_segments(tree)]
    references = [fold_vietnamese(clean(t)) for t in titles if t]
    best: tuple[int, str, int] | None = None  # (rank of the reference matched, text, index)
    fallback = None
    for index, el in enumerate(tree.iter()):
        if not isinstance(el.tag, str) or not _could_be_headline(el):
            continue
        text = clean(el.text_content())
        folded = fold_vietnamese(text)
        rank = next((r for r, ref in enumerate(references) if _same_headline(folded, ref)), None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, text, index)
        if fallback is None and el.tag == "h1" and len(text.split()) >= 3:
            fallback = (text, index)
    if best is not None:
        page.headline, page.headline_index = best[1], best[2]
    elif fallback is not None:
        page.headline, page.headline_index = fallback
    elif references:
        page.headline = clean(meta.get("og:title") or _strip_site_name(_title_element(tree)))


def _could_be_headline(el: HtmlElement) -> bool:
    if el.tag in {"h1", "h2", "h3"}:
        return True
    if el.tag in {"div", "td", "span", "p", "strong", "b", "font"}:
        text_len = len(el.text_content())
        return 10 < text_len < 300 and bool(_TITLE_CLASS.search(_classes(el)))
    return False


def _same_headline(folded: str, reference: str) -> bool:
    if len(folded) < 10:
        return False
    return (
        folded == reference or reference.startswith(folded) and len(folded) > 0.5 * len(reference)
    )


def _title_segments(tree: HtmlElement) -> list[str]:
    """The browser title and its parts: "BAO X - Headline" names the site first or last."""
    title = _title_element(tree)
    if not title:
        return []
    parts = sorted((p for p in _TITLE_SEPARATOR.split(title) if len(p) >= 15), key=len)
    return [title, *reversed(parts)]


_TITLE_SEPARATOR = re.compile(r"\s+[-|–—»:]{1,2}\s+")


def _title_element(tree: HtmlElement) -> str | None:
    found = tree.find(".//title")
    return found.text_content() if found is not None else None


def _strip_site_name(title: str | None) -> str | None:
    """ "Headline - Báo Quảng Nam" → "Headline": drop a short trailing site segment."""
    if not title:
        return title
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and len(parts[-1]) < 0.6 * len(" ".join(parts[:-1])):
        parts.pop()
    return " - ".join(parts)


def _classes(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _canonical_href(tree: HtmlElement, meta: dict) -> str | None:
    hrefs = tree.xpath('//link[@rel="canonical"]/@href')
    return (hrefs[0].strip() if hrefs else None) or meta.get("og:url")


def _absolute(base: str, href: str | None) -> str | None:
    return urljoin(base, href.strip()) if href and href.strip() else None


def _page_language(tree: HtmlElement, meta: dict) -> str | None:
    lang = tree.get("lang") or meta.get("content-language") or meta.get("og:locale") or ""
    return lang.replace("_", "-").split("-")[0].lower() or None


def _labelled_links(tree: HtmlElement, pattern: re.Pattern, extra: str | None) -> tuple[str, ...]:
    found: list[str] = []
    for box in tree.xpath("//div|//ul|//p|//span|//section"):
        if pattern.search(_classes(box)):
            found += [clean(a.text_content()) for a in box.iter("a")]
    if not found and extra:
        found = [clean(word) for word in extra.split(",")]
    return _unique(t for t in found if 1 < len(t) < 80)


def _breadcrumbs(tree: HtmlElement, meta: dict) -> tuple[str, ...]:
    found = [meta["article:section"]] if meta.get("article:section") else []
    for box in tree.xpath("//div|//ul|//ol|//nav|//p"):
        if _CRUMB_CLASS.search(_classes(box)) and len(box.text_content()) < 200:
            found += [a.text_content() for a in box.iter("a")]
            break
    cleaned = (clean(t) for t in found)
    return _unique(t for t in cleaned if t and fold_vietnamese(t) not in _HOME_WORDS)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


_EMBEDS = "//video|//iframe[contains(@src,'youtube') or contains(@src,'video')]"
_TEXT_INPUTS = "//input[@type='text' or @type='email' or not(@type)]|//textarea"


def _read_shape(tree: HtmlElement, page: _Page) -> None:
    """Counts that tell articles from listings and galleries, taken before any cleaning."""
    page.anchors = set()
    for a in tree.iter("a"):
        text = a.text_content()
        if len(text.strip()) >= 20:
            page.anchors.add(_cheap_key(text))
            page.anchors.update(_teaser_texts(a, text))
            if len(text.strip()) >= 30:
                page.headline_links.add(_cheap_key(text))
    page.content_images = sum(1 for img in tree.iter("img") if _is_content_image(img))
    page.right_aligned = _right_aligned_lines(tree)
    page.embeds = len(tree.xpath(_EMBEDS))
    page.form_inputs = sum(
        1
        for field in tree.xpath(_TEXT_INPUTS)
        if not _in_comment_form(field) and not _is_search_field(field)
    )


_COMMENT_FORM = re.compile(r"comment|kommentar|binh-?luan|y-?kien|reply|respond", re.I)


def _in_comment_form(field: HtmlElement) -> bool:
    """A reader-comment form under an article (name, e-mail, message) does not make the page
    a form: the form, a box around it or its message field says it takes comments."""
    form = next(field.iterancestors("form"), None)
    if form is None:
        return False
    boxes = [form, *list(form.iterancestors())[:3], *form.iter("textarea")]
    marks = " ".join(f"{_classes(el)} {el.get('name', '')}" for el in boxes)
    return bool(_COMMENT_FORM.search(f"{marks} {form.get('action', '')}"))


def _is_search_field(field: HtmlElement) -> bool:
    """The site search box every page of a portal carries; it says nothing about this page."""
    form = next(field.iterancestors("form"), None)
    marks = f"{field.get('name', '')} {_classes(field)} {field.get('placeholder', '')}"
    if form is not None:
        marks += f" {form.get('action', '')} {_classes(form)}"
    return bool(_SEARCH_FIELD.search(fold_vietnamese(marks)))


_SEARCH_FIELD = re.compile(r"search|tim-?kiem|timkiem|keyword|tu-?khoa|(^|[\s/])q($|\s)")
_RIGHT_ALIGNED = "//p[contains(@style,'right') or @align='right']|//div[contains(@style,'right')]"


def _right_aligned_lines(tree: HtmlElement) -> set[str]:
    """Short right-aligned lines: where portals sign an article whatever the name's shape
    ("Văn phòng UBND tỉnh", "Y Thông - Văn phòng HĐND và UBND huyện")."""
    lines = (clean(el.text_content()) for el in tree.xpath(_RIGHT_ALIGNED))
    return {fold_vietnamese(line) for line in lines if 2 < len(line) <= 90}


def _teaser_texts(link: HtmlElement, link_text: str) -> list[str]:
    """Texts beside a headline link in a small item box: a listing's teaser summaries."""
    heading = link.getparent()
    if heading is None or heading.tag not in {"h2", "h3", "h4", "h5"}:
        if not _HEADLINE_LINK_CLASS.search(link.get("class", "")):
            return []
        heading = link
    item = heading.getparent()
    if item is None or len(item.text_content()) > 400 + len(link_text):
        return []
    texts = [_cheap_key(el.text_content()) for el in item if el is not heading]
    # old table listings put the summary after a <br>, as text, not in an element of its own
    return texts + [_cheap_key(line) for line in _broken_lines(item)]


_HEADLINE_LINK_CLASS = re.compile(r"title|tieu-?de|headline", re.I)


def _is_content_image(img: HtmlElement) -> bool:
    width = img.get("width", "")
    if width.isdigit() and int(width) < 200:
        return False
    return not any(a.tag == "a" for a in img.iterancestors("a"))


# --- dates --------------------------------------------------------------------------------

_PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
)
_UPDATED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "lastmod")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2})?",
    re.I,
)
_WORDY_DATE = re.compile(r"ngay (\d{1,2}) thang (\d{1,2}),? nam (\d{4})")
_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})(?::(\d{2}))?(?!\d)\s*(am|pm|sa|ch)?")
_GMT = re.compile(r"gmt\s*([+-])\s*(\d{1,2})")
_UPDATED_LABEL = re.compile(r"(cap nhat|chinh sua|sua lan cuoi|updated|modified)\W*$")
_DATE_WINDOW = 80  # elements after the headline where the article's own date is expected


def parse_vietnamese_date(text: str) -> str | None:
    """Parse a Vietnamese or ISO date-time text into ISO 8601; +07:00 when no zone is given."""
    found = _find_date(fold_vietnamese(text))
    return found[0] if found else None


def _find_date(folded: str) -> tuple[str, bool] | None:
    """(ISO date-time, labelled as an update) for the first date in a folded text."""
    iso = _ISO_DATE.search(folded)
    if iso:
        return _iso_from_match(iso), _is_update_label(folded[: iso.start()])
    match = _NUMERIC_DATE.search(folded) or _WORDY_DATE.search(folded)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if month > 12 >= day:
        day, month = month, day
    hour, minute, second = _nearby_time(folded, match.start(), match.end())
    offset = _gmt_offset(folded)
    try:
        stamp = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if not 1990 <= year <= 2100:
        return None
    return stamp.isoformat() + offset, _is_update_label(folded[: match.start()])


def _iso_from_match(match: re.Match) -> str:
    year, month, day, hour, minute, second, zone = match.groups()
    stamp = f"{year}-{month}-{day}T{int(hour or 0):02d}:{minute or '00'}:{second or '00'}"
    if not zone:
        return stamp + VIETNAM_OFFSET
    if zone.lower() == "z":
        return stamp + "+00:00"
    zone = zone.replace(":", "")
    return f"{stamp}{zone[:3]}:{zone[3:]}"


def _nearby_time(folded: str, start: int, end: int) -> tuple[int, int, int]:
    after = _TIME.search(folded[end : end + 30])
    before = list(_TIME.finditer(folded[max(0, start - 30) : start]))
    match = after or (before[-1] if before else None)
    if not match:
        return 0, 0, 0
    hour, minute = int(match[1]), int(match[2])
    second = int(match[3] or 0)
    if match[4] in {"pm", "ch"} and hour < 12:
        hour += 12
    elif match[4] in {"am", "sa"} and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return 0, 0, 0
    return hour, minute, second


def _gmt_offset(folded: str) -> str:
    match = _GMT.search(folded)
    if not match:
        return VIETNAM_OFFSET
    return f"{match[1]}{int(match[2]):02d}:00"


def _is_update_label(prefix: str) -> bool:
    return bool(_UPDATED_LABEL.search(prefix[-40:].rstrip(" :")))


def _read_dates(tree: HtmlElement, meta: dict, linked: list[dict], page: _Page) -> None:
    machine = _machine_dates(tree, meta, linked)
    near = _header_dates(tree, page.headline_index)
    published = machine.get("published") or near.get("published") or near.get("updated")
    page.published = _with_time_from(published, near)
    updated = machine.get("updated") or near.get("updated")
    page.updated = updated if updated and updated != page.published else None


def _with_time_from(published: str | None, near: dict[str, str]) -> str | None:
    """A machine date without a time borrows the time shown next to the headline that day."""
    visible = near.get("published") or near.get("updated")
    if published and visible and "T00:00:00" in published and visible[:10] == published[:10]:
        return visible
    return published


def _machine_dates(tree: HtmlElement, meta: dict, linked: list[dict]) -> dict[str, str]:
    values: dict[str, str] = {}
    for obj in linked:
        for key, name in (("datePublished", "published"), ("dateModified", "updated")):
            if isinstance(obj.get(key), str):
                values.setdefault(name, obj[key])
    for el in tree.xpath('//*[@itemprop="datePublished" or @itemprop="dateModified"]'):
        name = "published" if el.get("itemprop") == "datePublished" else "updated"
        values.setdefault(name, el.get("content") or el.get("datetime") or el.text_content())
    for name, keys in (("published", _PUBLISHED_KEYS), ("updated", _UPDATED_KEYS)):
        raw = next((meta[k] for k in keys if meta.get(k)), None)
        if raw:
            values.setdefault(name, raw)
    parsed = {name: parse_vietnamese_date(raw) for name, raw in values.items()}
    return {name: iso for name, iso in parsed.items() if iso}


def _header_dates(tree: HtmlElement, headline_index: int) -> dict[str, str]:
    """Dates shown just after the headline (or, failing that, anywhere before the text)."""
    dates: dict[str, str] = {}
    start = max(headline_index, 0)
    for index, el in enumerate(tree.iter()):
        if index < start or not isinstance(el.tag, str) or el.tag in {"script", "style"}:
            continue
        if headline_index >= 0 and index > start + _DATE_WINDOW:
            break
        for text, is_tail in ((el.text, False), (el.get("datetime"), False), (el.tail, True)):
            found = _date_in_text(el, text, is_tail)
            if found:
                iso, is_update = found
                dates.setdefault("updated" if is_update else "published", iso)
        if "published" in dates:
            break
    return dates


def _date_in_text(el: HtmlElement, text: str | None, is_tail: bool) -> tuple[str, bool] | None:
    if not text or not any(ch.isdigit() for ch in text):
        return None
    if next(el.iterancestors("a"), None) is not None or (el.tag == "a" and not is_tail):
        return None  # dates in links belong to other articles' teasers
    short = not is_tail and len(el.text_content()) < 160
    context = el.text_content() if short else text
    return _find_date(fold_vietnamese(context))


# --- byline, lead, captions --------------------------------------------------------------

_BYLINE_PREFIX = re.compile(
    r"^(tac gia|bai va anh|bai, anh|bai anh|bai|tin va anh|tin, anh|tin anh|tin|anh|"
    r"nguoi viet|by|boi|thuc hien|nhom pv|posted by|written by|von|par|por|di)\s*:?\s+",
    re.I,
)
_SOURCE_LINE = re.compile(r"^\(?\s*(theo|nguon)\s*:?\s+(.{2,80}?)\s*\)?\.?$", re.I)
_BYLINE_TAIL = re.compile(r"\s+[·|•]\s+|\s+-\s+(?=\d)|,\s+(?=\d)")
_ACCOUNT_NAMES = {"admin", "administrator", "quan tri", "quan tri vien", "editor", "bbt", "root"}
_SITE_LIKE = re.compile(r"\b(bao|cong thong tin|tap chi|dai|online|portal|\.vn|\.com)\b|://")


# Bylines are never in comment zones ("comment-form-author") nor form fields; but a whole
# ASP.NET page sits in one <form>, so forms as such are no sign.
_BYLINE_CANDIDATES = (
    "//*[(@class or @id or @itemprop or @rel)"
    " and not(ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')])"
    " and not(self::input or self::label or self::meta or self::textarea)]"
)


def _read_byline(tree: HtmlElement, linked: list[dict], meta: dict, page: _Page) -> None:
    for el in tree.xpath(_BYLINE_CANDIDATES):
        if not _is_byline_box(el) or any(_is_byline_box(d) for d in el.iterdescendants()):
            continue  # the innermost box: an outer one also holds the date or a job title
        text = _byline_text(el)
        if 2 < len(text) <= 80:
            _assign_credit(text, page)
            if page.byline or page.byline_source:
                return
    for candidate in (_ld_author(linked), meta.get("author"), meta.get("article:author")):
        text = clean(candidate)
        if _is_person(text):
            page.byline = text
            return


def _is_byline_box(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return False
    return bool(_BYLINE_CLASS.search(_classes(el))) or el.get("itemprop") == "author"


def _byline_text(el: HtmlElement) -> str:
    """The name in a byline box: its first text piece, after a bare "By"/"Tác giả:" piece;
    "By <a>Jane Doe</a> · <time>…</time>" or "<b>Erik</b><span>Science reporter</span>"."""
    pieces = [clean(t) for t in el.itertext()]
    pieces = [p for p in pieces if p]
    if len(pieces) <= 1:
        return pieces[0] if pieces else ""
    first = pieces[0]
    if pieces[1].startswith("("):
        return f"{first} {pieces[1]}"  # "Hoài Nam (TTXVN/Vietnam+)"
    if _BYLINE_PREFIX.match(fold_vietnamese(first) + " ") and len(first.split()) <= 3:
        return f"{first} {pieces[1]}"
    return first


def _is_person(name: str) -> bool:
    folded = fold_vietnamese(name)
    return bool(name) and not _SITE_LIKE.search(folded) and folded not in _ACCOUNT_NAMES


def _ld_author(linked: list[dict]) -> str | None:
    for obj in linked:
        author = obj.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict):
            # a publisher credited as author is no person
            is_publisher = "organization" in str(author.get("@type")).lower()
            author = None if is_publisher else author.get("name")
        if isinstance(author, str) and author.strip():
            return author
    return None


def _assign_credit(text: str, page: _Page) -> None:
    source = _SOURCE_LINE.match(text)
    if source:
        page.byline_source = source[2].strip(" .")
        return
    folded = fold_vietnamese(text)
    prefix = _BYLINE_PREFIX.match(folded)
    name = text[prefix.end() :].strip() if prefix else text
    name = _BYLINE_TAIL.split(name)[0].strip()
    if name and len(name.split()) <= 12 and fold_vietnamese(name) not in _ACCOUNT_NAMES:
        page.byline = name


def _find_lead(tree: HtmlElement, page: _Page) -> None:
    """The sapo marked as such; failing that, the first block of prose under the headline
    (portals often give the sapo a class of their own, "ctTp", "desnews", "abs")."""
    for index, el in enumerate(tree.iter()):
        if index <= page.headline_index or not isinstance(el.tag, str):
            continue
        if index > page.headline_index + 2 * _DATE_WINDOW:
            return
        if not _could_be_lead(el) or _repeats_headline(el, page):
            continue
        if _is_lead(el, index == page.headline_index + 1):
            page.lead = clean(el.text_content())
            return
        if page.lead_guess is None and _is_prose_block(el):
            page.lead_guess = clean(el.text_content())


def _repeats_headline(el: HtmlElement, page: _Page) -> bool:
    return fold_vietnamese(clean(el.text_content())) == fold_vietnamese(page.headline or "")


_INNER_BLOCKS = ("p", "div", "table", "ul", "ol", "h2", "h3", "h4", "section", "article")


def _could_be_lead(el: HtmlElement) -> bool:
    text = el.text_content().strip()
    if not 40 <= len(text) <= 1000 or el.tag in {"a", "li", "ul", "body", "html"}:
        return False
    if link_density(el) > 0.3 or el.find(".//h1") is not None:
        return False
    # a sapo is one block: a box holding several paragraphs is the article body itself
    if len(el.findall(".//p")) > 1:
        return False
    # "Cập nhật lúc: 07:15, 12/09/2024 Lượt xem: 352" is a date line, not a sapo
    return len(text) >= 120 or not _find_date(fold_vietnamese(text))


def _is_lead(el: HtmlElement, right_after_headline: bool) -> bool:
    if _LEAD_CLASS.search(_classes(el)):
        return True
    if el.tag in {"b", "strong"} and len(el.text_content().strip()) >= 60:
        return True  # old table CMSs set the sapo in bold in a cell of its own
    return right_after_headline and el.tag in {"h2", "p"}


def _is_prose_block(el: HtmlElement) -> bool:
    if el.tag not in {"p", "h2", "div", "span"} or len(el.text_content().strip()) < 80:
        return False
    return not any(isinstance(c.tag, str) and c.tag in _INNER_BLOCKS for c in el.iterdescendants())


_CAPTION_CLASS = re.compile(
    r"caption|chuthich|chu-thich|img-?desc|image-?desc|photo-?desc|desc-?image|expnoedit|"
    r"note-?image|imgcaption|tplcaption|photocms_caption|fig-?caption|img-?note",
    re.I,
)
_CAPTION_STYLE = re.compile(r"text-align\s*:\s*center", re.I)


def _pull_captions(tree: HtmlElement) -> tuple[str, ...]:
    """Remove photo captions from the tree and return their texts, in page order."""
    found = [el for el in tree.iter("figcaption")]
    found += [
        el
        for el in tree.xpath("//*[@class or @id]")
        if _CAPTION_CLASS.search(_classes(el)) and el.find(".//img") is None
    ]
    found += [el for img in tree.iter("img") for el in _caption_after_image(img)]
    found += [cell for table in tree.iter("table") for cell in _image_table_captions(table)]
    captions: list[str] = []
    for el in found:
        text = clean(el.text_content())
        if el.getparent() is not None and 0 < len(text) <= 500:
            captions.append(text)
            el.tail = None if not (el.tail or "").strip() else el.tail
            el.drop_tree()
    return _unique(captions)


def _image_table_captions(table: HtmlElement) -> list[HtmlElement]:
    """Old CMS image boxes: a small table holding one picture and its caption cell."""
    if len(table.xpath(".//img")) != 1 or table.find(".//table") is not None:
        return []
    if not 5 <= len(table.text_content().strip()) <= 300:
        return []
    return [cell for cell in table.iter("td") if cell.text_content().strip()]


def _caption_after_image(img: HtmlElement) -> list[HtmlElement]:
    """Old CMS captions: an italic or centred short line right after an image."""
    if any(a.tag == "a" for a in img.iterancestors("a")):
        return []
    nxt = img.getnext()
    while nxt is not None and nxt.tag == "br" and not (nxt.tail or "").strip():
        nxt = nxt.getnext()
    if nxt is not None and nxt.tag in {"em", "i", "span", "small"} and _is_caption_text(nxt):
        return [nxt]
    holder = img.getparent()
    if holder is None or holder.tag not in {"p", "div", "center", "td"}:
        return []
    if len(holder.text_content().strip()) > 0:
        return []
    after = holder.getnext()
    if after is not None and after.tag in {"p", "div"} and _is_caption_text(after):
        return [after]
    return []


def _is_caption_text(el: HtmlElement) -> bool:
    text = el.text_content().strip()
    if not 5 <= len(text) <= 300:
        return False
    italic = "".join(i.text_content() for i in el.iter("em", "i")).strip()
    centred = bool(_CAPTION_STYLE.search(el.get("style", "") + el.get("align", "") + " "))
    return (
        el.tag in {"em", "i"}
        or len(italic) >= 0.8 * len(text)
        or centred
        or (el.get("align", "").lower() == "center")
    )


# --- the text -----------------------------------------------------------------------------

_UPPER_NAME = re.compile(r"^[^\W\d_][^\d]{1,70}$")
_TITLE_NAME = re.compile(
    r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴ][\w'’.]*\s?){2,6}"
    r"(?:\s?[-–,]\s?(?:[A-ZĐ][\w'’.]*\s?){2,6})*(?:\s*\([^()]{2,80}\))?$"
)


_BLOCKS = {"p", "head", "div", "table", "row", "cell", "list", "item", "quote", "code", "body"}


def _paragraphs(body) -> list[str]:
    """Paragraphs of trafilatura's XML body: one per block, list item or table cell; line
    breaks (old CMS pages separate paragraphs with <br>) also split paragraphs."""
    lines: list[str] = [""]
    if body is not None:
        _collect_lines(body, lines)
    return [p for p in (clean(line) for line in lines) if p]


def _collect_lines(el, lines: list[str]) -> None:
    if el.tag in _BLOCKS or el.tag == "lb":
        lines.append("")
    if el.tag != "graphic":
        lines[-1] += el.text or ""
        for child in el:
            _collect_lines(child, lines)
    if el.tag in _BLOCKS:
        lines.append("")
    lines[-1] += el.tail or ""


def _trailing_credits(tree: HtmlElement, last_paragraph: str, signed: set[str]) -> list[str]:
    """Short lines right after the article's last paragraph, which trafilatura drops as too
    short: that is where portals sign ("HOÀNG LIÊN - MINH THƯ", "Theo TTXVN")."""
    key = _cheap_key(last_paragraph)[:40]
    if len(key) < 20:
        return []
    for text in tree.xpath("//text()"):
        if len(text) >= len(key) and key in _cheap_key(text):
            lines = [] if text.is_tail else _credits_after(text.getparent())
            return list(takewhile(lambda line: _is_credit(line, signed), lines))
    return []


def _is_credit(line: str, signed: set[str]) -> bool:
    return bool(_SOURCE_LINE.match(line) or _signature_name(line) or _signed_line(line, signed))


def _credits_after(el: HtmlElement, levels: int = 4) -> list[str]:
    """Short lines following the last paragraph, climbing out of wrappers: table CMSs put
    the signature in the next row (`<tr><td align="right"><b>NAME</b>`), not the next <p>."""
    for _ in range(levels):
        lines = _short_lines_after(el)
        if lines or el.getparent() is None or _has_text_after(el):
            return lines
        el = el.getparent()
    return []


def _has_text_after(el: HtmlElement) -> bool:
    return any(isinstance(s.tag, str) and s.text_content().strip() for s in el.itersiblings())


def _cheap_key(text: str) -> str:
    """A quick comparison form for matching extracted text back to the page."""
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


def _short_lines_after(el: HtmlElement) -> list[str]:
    lines: list[str] = []
    for nxt in el.itersiblings():
        if not isinstance(nxt.tag, str) or nxt.tag == "br":
            continue
        for text in _broken_lines(nxt):
            if len(text) > 90 or len(lines) >= 3:
                return lines
            lines.append(text)
    return lines


def _broken_lines(el: HtmlElement) -> list[str]:
    """An element's non-empty lines, split at <br> and at line ends, cleaned."""
    pieces = (piece for line in text_lines(el) for piece in line.split("\n"))
    return [line for line in map(clean, pieces) if line]


def _split_signature(paragraphs: list[str], page: _Page) -> tuple[list[str], dict[str, str]]:
    """Move credit lines (author signature, "Theo …") from the body into fields."""
    found: dict[str, str] = {}
    if page.byline_source:
        found["source_line"] = page.byline_source
    if page.byline:
        found["author"] = page.byline
    byline_key = fold_vietnamese(page.byline or "")
    body = [p for p in paragraphs if not byline_key or fold_vietnamese(p) != byline_key]
    while len(body) > 1 and _take_credit(body[-1], found, page.right_aligned):
        body.pop()
    return body, found


def _take_credit(line: str, found: dict[str, str], signed: set[str] = frozenset()) -> bool:
    source = _SOURCE_LINE.match(line)
    if source:
        found.setdefault("source_line", source[2].strip(" .()"))
        return True
    name = _signature_name(line) or _signed_line(line, signed)
    if name:
        found.setdefault("author", name)
        return True
    return False


def _signed_line(line: str, signed: set[str]) -> str | None:
    """A right-aligned closing line that is not a sentence: a signature of any shape."""
    folded = fold_vietnamese(line)
    if folded not in signed or line.endswith((".", "?", "!", ":")) or len(line.split()) > 12:
        return None
    prefix = _BYLINE_PREFIX.match(folded)
    return line[prefix.end() :].strip() if prefix else line


def _signature_name(line: str) -> str | None:
    """An author signature: upper-case names, or "Nguyễn Văn A (Trung tâm VHTTTT huyện)"."""
    text = line.strip()
    prefix = _BYLINE_PREFIX.match(fold_vietnamese(text))
    if prefix:
        text = text[prefix.end() :].strip()
    if not text or len(text) > 90 or text.endswith((".", "?", "!", ":")):
        return None
    letters = [ch for ch in re.sub(r"\([^)]*\)", "", text) if ch.isalpha()]
    if len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters):
        return text if _UPPER_NAME.match(text) and len(text.split()) <= 12 else None
    return text if prefix or _TITLE_NAME.match(text) else None


def _drop_header_lines(paragraphs: list[str], headline: str | None) -> list[str]:
    """Old layouts put the headline and the date line inside the text block: drop them."""
    title = fold_vietnamese(headline or "")
    body = list(paragraphs)
    while len(body) > 1 and len(body[0]) <= 300:
        first = fold_vietnamese(body[0])
        if first != title and not (len(first) <= 80 and _find_date(first)):
            break
        body.pop(0)
    return body


def _bold_first_paragraph(tree: HtmlElement, paragraphs: list[str]) -> str | None:
    """A first paragraph set wholly in bold is the sapo on pages without a sapo element."""
    if not paragraphs or len(paragraphs[0]) < 60:
        return None
    key = _cheap_key(paragraphs[0])
    for el in tree.iter("b", "strong"):
        if _cheap_key(clean(el.text_content())) == key:
            return paragraphs[0]
    return None


def _lead_first(paragraphs: list[str], lead: str | None) -> list[str]:
    if not lead:
        return paragraphs
    key = fold_vietnamese(lead)
    rest = [p for p in paragraphs if fold_vietnamese(p) != key]
    return [lead, *rest]


# --- article or not -----------------------------------------------------------------------

MIN_ARTICLE_CHARS = 300
MIN_SHORT_ARTICLE_CHARS = 150
MIN_GALLERY_TEXT_CHARS = 700


def _reject_non_article(paragraphs: list[str], page: _Page) -> None:
    text_chars = sum(len(p) for p in paragraphs)
    teaser_lengths = [len(p) for p in paragraphs if _is_teaser(p, page.anchors)]
    teaser_chars, teasers = sum(teaser_lengths), len(teaser_lengths)
    if teasers >= 4 and teaser_chars >= 0.25 * text_chars or teaser_chars > 0.5 * text_chars:
        raise NotAnArticle("listing", f"{teasers} headline links in the text")
    embedded = _embedded_headlines(paragraphs, page.headline_links)
    if len(embedded) >= 3 and sum(map(len, embedded)) >= 0.15 * text_chars:
        raise NotAnArticle("listing", f"{len(embedded)} headline links run into the text")
    evidence = _article_evidence(page)
    pictures = page.content_images >= 3 or page.embeds
    if pictures and text_chars < MIN_GALLERY_TEXT_CHARS:
        raise NotAnArticle("gallery", f"{page.content_images} images, {text_chars} chars")
    if page.form_inputs >= 3 and text_chars < 1500 and not page.published:
        raise NotAnArticle("form", "a page built around a form")
    contacts = [len(p) for p in paragraphs if _CONTACT_LINE.search(fold_vietnamese(p))]
    share = sum(contacts) / max(1, text_chars)
    if text_chars < 1500 and (
        len(contacts) >= 2 and share >= 0.4 or page.form_inputs and share >= 0.3
    ):
        raise NotAnArticle("contact", "address, telephone and e-mail lines")
    needed = MIN_SHORT_ARTICLE_CHARS if evidence >= 2 else MIN_ARTICLE_CHARS
    if evidence == 0:
        needed = 2 * MIN_ARTICLE_CHARS
    if text_chars < needed:
        raise NotAnArticle("no-text", f"{text_chars} characters of text")


_CONTACT_LINE = re.compile(
    rf"^({CONTACT_LABELS})\b|@[\w-]+\.[\w.]+|\b0\d{{2,3}}[ .]?\d{{3}}[ .]?\d{{3,4}}\b"
)


def _embedded_headlines(paragraphs: list[str], links: set[str]) -> list[str]:
    """Long link texts found inside the text: a listing whose items ran into one paragraph."""
    text = _cheap_key(" ".join(paragraphs))
    return [link for link in links if link in text]


def _is_teaser(paragraph: str, anchors: set[str]) -> bool:
    """A headline link's text, alone or followed by a short date ("Tiêu đề (22/04/2024)")."""
    key = _cheap_key(paragraph)
    if key in anchors:
        return True
    return any(key.startswith(a) and len(key) - len(a) <= 30 for a in anchors if len(a) >= 20)


def _article_evidence(page: _Page) -> int:
    signs = (
        page.published is not None,
        page.headline is not None and page.headline_index >= 0,
        page.article_markup,
        page.lead is not None,
        page.byline is not None,
    )
    return sum(signs) - (page.og_type == "website" and not page.article_markup)


def _fallback_metadata(tree: HtmlElement, url: str, page: _Page) -> dict:
    """trafilatura's own metadata search, run only when ours found no headline or date: it
    costs as much as a third of an extraction and our page reading usually makes it moot."""
    if page.headline and page.published:
        return {}
    return extract_metadata(deepcopy(tree), url).as_dict()


def _assemble(
    url: str,
    page: _Page,
    meta: dict,
    paragraphs: list[str],
    credits: dict[str, str],
    captions: tuple[str, ...],
    lead: str | None,
) -> Extracted:
    published = page.published or _day_only(meta.get("date"))
    return Extracted(
        url=url,
        title=page.headline or clean(meta.get("title")),
        text="\n\n".join(paragraphs),
        lead=lead,
        published=published,
        updated=page.updated,
        author=credits.get("author") or _clean_or_none(_plain_author(meta.get("author"))),
        source_line=_clean_or_none(credits.get("source_line")),
        categories=page.categories or _unique(clean(c) for c in meta.get("categories") or []),
        tags=page.tags or _unique(clean(t) for t in meta.get("tags") or []),
        image=page.image or meta.get("image"),
        language=page.language or meta.get("language") or _guess_language(paragraphs),
        description=_clean_or_none(page.description or meta.get("description")),
        captions=captions,
        canonical_url=page.canonical_url,
    )


def _day_only(date: str | None) -> str | None:
    return f"{date[:10]}T00:00:00{VIETNAM_OFFSET}" if date and len(date) >= 10 else None


def _plain_author(author: str | None) -> str | None:
    return author if author and _is_person(author) else None


_VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def _guess_language(paragraphs: list[str]) -> str | None:
    sample = " ".join(paragraphs)[:2000].lower()
    if not sample:
        return None
    share = sum(ch in _VIETNAMESE_LETTERS for ch in sample) / len(sample)
    return "vi" if share > 0.02 else None
