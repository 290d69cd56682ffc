"""What a URL says about its page on the CMS families provincial portals run on.

Used where a source has no `article_pattern`: Joomla names the view in the query, Liferay puts a
content after "/-/", DotNetNuke carries ArticleID in the path, WordPress pages its lists under
/page/N/. AMP and print views (`is_variant_url`) repeat an article that has an address of its
own; the spider follows them only to that address.
"""

import re
from urllib.parse import parse_qsl, urlsplit

_LIFERAY_CONTENT = re.compile(
    r"/-/(asset_publisher/[^/]+/content/[^/]+|journal_content/[^/]+/\d+/\d+|blogs/[^/]+)", re.I
)
_LIFERAY_LIST_SUFFIXES = ("_cur", "_delta", "_keywords")
_NOT_ARTICLE_PATH = re.compile(r"/(category|tag|author|chuyen-muc|the)/|/(page|trang)/\d+/?$|/ctl/")
_DNN_ARTICLE = re.compile(r"/articleid/\d+(/|$)", re.I)
_VARIANT_PATH = re.compile(
    r"(^|/)(amp|print|in-bai|ban-in)(/|$)|/print\.aspx$|[./-]amp(\.html?)?/?$", re.I
)
_PAGINATION = re.compile(r"(^|[-_/.])(trang|page|p)[-_]?\d+", re.I)
_ID_IN_NAME = re.compile(r"\d{3,}")
_ID_PARAMS = {"id", "articleid", "newsid", "itemid", "tinid", "newsdetailid", "p"}
_VARIANT_QUERY = {
    "amp": None,
    "print": None,
    "printable": None,
    "outputtype": "amp",
    "output": ("amp", "print"),
    "tmpl": "component",
    "view": "print",
}


def family_verdict(url: str) -> bool | None:
    """True/False when the URL's CMS family says whether it is an article, None when it cannot."""
    parts = urlsplit(url)
    query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    path = parts.path.lower()
    option = query.get("option", "")
    if option == "com_content":  # Joomla
        return query.get("view") == "article" and query.get("id", "")[:1].isdigit()
    if option.startswith("com_"):  # Joomla's other components: search, mail-to, contact, …
        return False
    if "/-/" in path:  # Liferay
        return bool(_LIFERAY_CONTENT.search(path))
    if any(key.endswith(_LIFERAY_LIST_SUFFIXES) for key in query):
        return False
    if _DNN_ARTICLE.search(path):
        return True
    if _NOT_ARTICLE_PATH.search(path):
        return False
    return None


def looks_like_article_url(url: str) -> bool:
    """URL heuristics for portals without `article_pattern`: what the CMS family's URL says,
    else a slug with an id, or a long slug."""
    verdict = family_verdict(url)
    if verdict is not None:
        return verdict
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if _PAGINATION.search(name):
        return False
    if any(key.lower() in _ID_PARAMS and val.isdigit() for key, val in parse_qsl(parts.query)):
        return True
    if _ID_IN_NAME.search(name) and (name.count("-") >= 2 or "." in name):
        return True
    return name.count("-") >= 4


def is_variant_url(url: str) -> bool:
    """An AMP or print view of an article (…/amp/, ?amp=1, Print.aspx, tmpl=component, …)."""
    parts = urlsplit(url)
    if _VARIANT_PATH.search(parts.path):
        return True
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        wanted = _VARIANT_QUERY.get(key.lower(), False)
        if wanted is None or value.lower() in (wanted if isinstance(wanted, tuple) else (wanted,)):
            return True
    return False
