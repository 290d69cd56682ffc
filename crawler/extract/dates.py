"""Publication and update dates: machine-readable values first, then Vietnamese date lines near the
headline.
"""

import re
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.extract.elements import text_of
from crawler.extract.model import VIETNAM_OFFSET, _Page
from crawler.extract.vietnamese import fold_vietnamese

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
    machine = _machine_dates(page.marked, meta, linked)
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


# /2019/01/31/ or /2019-01-31-slug: the day a CMS filed the story under (a bare 20190131
# is as often a number as a day)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=/|$)|(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)"
)


def url_day(url: str) -> date | None:
    """The publication day a URL's path carries, if any (a valid day, not in the future)."""
    match = _URL_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if found <= date.today() else None


def on_url_day(published: str | None, day: date | None) -> str | None:
    """The day in the page's URL is the day the publisher filed the story, on its own clock.
    A timestamp in another zone (UTC) that is that day somewhere stays the same instant,
    written in the nearest offset that shows that day; a later date stands (a story is
    published after it is filed); an earlier one, or none, gives way to the URL's day."""
    if day is None or published and published[:10] == day.isoformat():
        return published
    stamp = _parse_iso(published)
    timed = stamp is not None and stamp.time() != time(0) and stamp.utcoffset() is not None
    if timed and 1 < stamp.year < 9999:
        own = stamp.utcoffset()
        for hours in sorted(range(-12, 15), key=lambda h: abs(timedelta(hours=h) - own)):
            local = stamp.astimezone(timezone(timedelta(hours=hours)))
            if local.date() == day:
                return local.isoformat()
    if stamp is not None and stamp.date() > day:
        return published
    return f"{day.isoformat()}T00:00:00{VIETNAM_OFFSET}"


def _parse_iso(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _machine_dates(marked: list[HtmlElement], meta: dict, linked: list[dict]) -> dict[str, str]:
    values: dict[str, str] = {}
    # the publisher's own <head> declaration first: JSON-LD and microdata blocks are often a
    # theme's or a plugin's, dated at the first draft
    if meta.get("article:published_time"):
        values["published"] = meta["article:published_time"]
    for obj in linked:
        for key, name in (("datePublished", "published"), ("dateModified", "updated")):
            if isinstance(obj.get(key), str):
                values.setdefault(name, obj[key])
    for el in marked:
        if el.get("itemprop") not in {"datePublished", "dateModified"}:
            continue
        name = "published" if el.get("itemprop") == "datePublished" else "updated"
        values.setdefault(name, el.get("content") or el.get("datetime") or text_of(el))
    for name, keys in (("published", _PUBLISHED_KEYS), ("updated", _UPDATED_KEYS)):
        raw = next((meta[k] for k in keys if meta.get(k)), None)
        if raw:
            values.setdefault(name, raw)
    parsed = {name: parse_vietnamese_date(raw) for name, raw in values.items()}
    return {name: iso for name, iso in parsed.items() if iso and not _in_future(iso)}


def _in_future(iso: str) -> bool:
    """A day after tomorrow is no publication date: a schedule's, an event's, a typo's."""
    return iso[:10] > (date.today() + timedelta(days=1)).isoformat()


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
            if found and not _in_future(found[0]):
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
    short = not is_tail and len(text_of(el)) < 160
    context = text_of(el) if short else text
    return _find_date(fold_vietnamese(context))


# --- byline, lead, captions --------------------------------------------------------------
