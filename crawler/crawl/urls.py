"""URL identity: one string per page, however many ways a portal spells its address.

Portals serve one page under tracking parameters, session ids, mobile hosts, with or without
`www.` and a trailing slash. `canonical_url` folds all of these into one key;
`page_identity` also honours the page's own rel=canonical / og:url when it stays on the portal.
"""

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
HOST_PREFIXES = ("www.", "m.", "mobile.", "wap.", "amp.")
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "zarsrc",
        "_ga",
        "_gl",
        "mc_cid",
        "mc_eid",
        "jsessionid",
        "phpsessid",
        "aspsessionid",
        "sid",
        "sessionid",
        "session_id",
        "cfid",
        "cftoken",
        "print",
        "amp",
    }
)
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = ":@!$'()*+,;/?-._~"
_MATRIX_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)


@lru_cache(maxsize=8192)  # a page's keys are asked for several times while it is stored
def canonical_url(url: str) -> str:
    """The identity key of a URL: `HTTP://www.Bao.vn:80/a/?utm_source=x#y` → `http://bao.vn/a`.

    The scheme is kept: the key is also the link shown to researchers, and old portals that
    answer only on http must stay reachable from it. A page served on both schemes is still one
    story: its two copies have the same text and merge as exact duplicates.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    return urlunsplit((scheme, _host(parts), _path(parts.path), _query(parts.query), ""))


def page_identity(
    fetched_url: str, declared_canonical: str | None, allowed_domains: Iterable[str] = ()
) -> str:
    """The key of a fetched page: its declared canonical URL when that stays on the portal.

    A declared canonical leaving the portal (a syndicating site pointing at the original), or
    pointing at the home page (a common CMS template bug), would merge distinct pages; then the
    fetched URL is the identity. Without `allowed_domains` the fetched URL's host is the portal.
    """
    return _page_identity(fetched_url, declared_canonical, tuple(allowed_domains))


@lru_cache(maxsize=4096)  # storing one page asks for its key several times
def _page_identity(fetched_url: str, declared_canonical: str | None, allowed_domains: tuple) -> str:
    own = canonical_url(fetched_url)
    if not declared_canonical:
        return own
    declared = canonical_url(urljoin(fetched_url, declared_canonical.strip()))
    parts = urlsplit(declared)
    domains = [_fold_host(d.lower()) for d in allowed_domains] or [urlsplit(own).hostname or ""]
    if parts.scheme not in ("http", "https") or not _on_domains(parts.hostname or "", domains):
        return own
    if parts.path in ("", "/") and not parts.query and urlsplit(own).path not in ("", "/"):
        return own
    if _names_layout_only(urlsplit(own).path, parts.path):
        return own
    return declared


def _names_layout_only(own_path: str, declared_path: str) -> bool:
    """Liferay shows a content after "/-/" in its URL and may declare the page layout (the
    part before, or any page without "/-/") canonical: that URL is shared by every content the
    layout shows, so it cannot name this one."""
    return "/-/" in own_path and "/-/" not in declared_path


def _on_domains(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains if d)


def _fold_host(host: str) -> str:
    host = host.rstrip(".")
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def _host(parts) -> str:
    host = _fold_host((parts.hostname or "").lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == DEFAULT_PORTS.get(parts.scheme.lower()):
        return host
    return f"{host}:{port}"


def _normalise_escapes(text: str, safe: str) -> str:
    """Decode escapes of unreserved characters, upper-case the rest, escape raw non-ASCII."""

    def fix(match: re.Match) -> str:
        char = chr(int(match[1], 16))
        return char if char in _UNRESERVED else f"%{match[1].upper()}"

    return quote(_ESCAPE.sub(fix, text), safe=safe)


def _path(path: str) -> str:
    path = _normalise_escapes(_MATRIX_SESSION.sub("", path), _PATH_SAFE)
    path = path.rstrip("/")
    return path or "/"


_RETURN_NAMES = frozenset(
    {"source", "returnurl", "return_url", "backurl", "redirect", "redirect_to"}
)
_RETURN_SUFFIXES = ("_redirect", "_backurl", "_returnurl")  # namespaced: _<portlet>_redirect


def _is_return_address(name: str, value: str) -> bool:
    """SharePoint's ?Source=, Liferay's _<portlet>_redirect=, ?returnUrl=: where to go back to,
    which differs by the page that linked the article and never changes the page itself."""
    name = name.lower()
    named = name in _RETURN_NAMES or name.endswith(_RETURN_SUFFIXES)
    return named and value.startswith(("/", "http"))


_LIFERAY_RENDER = frozenset({"p_p_id", "p_p_lifecycle", "p_p_state", "p_p_mode"})


def _liferay_render_state(name: str) -> bool:
    return name in _LIFERAY_RENDER or name.startswith("p_p_col_")


def _cms_state_dropped(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Parameters of a CMS that say how a page is shown, not which page it is.

    Liferay: p_p_id with its render state (p_p_lifecycle=0, p_p_state, p_p_mode, p_p_col_*) is
    the portlet that happens to show a content; when no parameter of that portlet is left, the
    path names the content alone. Joomla: an article (view=article) is its id; catid and Itemid
    are the category and menu item it was reached through, and the id's ":slug" is optional.
    """
    params = dict(pairs)
    portlet = params.get("p_p_id")
    if portlet and params.get("p_p_lifecycle", "0") == "0":
        own = f"_{portlet}_"
        if not any(k.startswith(own) for k in params):
            pairs = [(k, v) for k, v in pairs if not _liferay_render_state(k)]
    if params.get("option") == "com_content" and params.get("view") == "article":
        pairs = [
            (k, v.split(":", 1)[0] if k == "id" else v)
            for k, v in pairs
            if k not in ("catid", "Itemid")
        ]
    return pairs


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _query(query: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)]
    pairs = _cms_state_dropped([(k, v) for k, v in pairs if not _is_return_address(k, v)])
    kept = sorted(pairs)
    # parse_qsl has decoded every escape, so quoting once gives one spelling per value
    return "&".join(
        f"{quote(k, safe=_QUERY_SAFE)}={quote(v, safe=_QUERY_SAFE)}" if v else quote(k, _QUERY_SAFE)
        for k, v in kept
    )
