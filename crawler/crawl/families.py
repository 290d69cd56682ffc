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
