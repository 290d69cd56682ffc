"""ASP.NET WebForms pagination: list pages that exist only as answers to a form postback.

A WebForms pager link is `javascript:__doPostBack('target','argument')`: the browser fills the
page-wide form's __EVENTTARGET and __EVENTARGUMENT and posts it back with the page's own
__VIEWSTATE. The mixin does the same with `FormRequest.from_response`. Every answer has a new
view state, so Scrapy's fingerprints never repeat; pages are told apart instead by the pager
link's number, or, for "next"-style links, by the article links of the page it was clicked on.
POSTBACK_MAX_PAGES bounds the postbacks of a crawl.
"""

import hashlib
import re

from scrapy.http import FormRequest, Response

from crawler.crawl.items import FetchFailed

_POSTBACK = re.compile(
    r"""(?:__doPostBack|WebForm_PostBackOptions)\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]*)['"]"""
)
_NEXT_TEXT = re.compile(
    r"^(»|›|>|>>|\.\.\.|…|next|sau|trang sau|tiếp|tiếp theo|xem tiếp|cuối|last)(\s*[»›>]+)?$",
    re.I,
)
_PAGER_ARGUMENT = re.compile(r"^Page\$(\d+|Next|Prev|First|Last)$", re.I)
_PAGE_NUMBER = re.compile(r"^Page\$(\d+)$", re.I)
_FORM = "//form[.//input[@name='__VIEWSTATE']]"
_VIEWSTATE = b"__VIEWSTATE"


class PostbackPagination:
    """For a spider with `settings`, `source`, `parse_page`, `failed` and `is_article_url`."""

    postbacks: set[tuple] | None = None  # pages asked for (or fetched plainly), by key
    postbacks_sent = 0

    def postback_requests(self, response: Response, article_links: list[str]):
        """Requests for the pager postbacks of a WebForms page not asked for yet."""
        if _VIEWSTATE not in response.body:
            return  # no WebForms page: spare the reactor a parse of every page
        form = response.xpath(_FORM)
        if not form:
            return
        action = response.urljoin(form[0].attrib.get("action") or response.url)
        self.postbacks = self.postbacks if self.postbacks is not None else set()
        if not response.meta.get("postback"):
            self.postbacks.add((action, "page", "1"))  # a list fetched plainly is its page 1
        digest = hashlib.sha1("\n".join(sorted(article_links)).encode()).hexdigest()[:16]
        keyed = [(_key(action, link, digest), link) for link in _pager_links(response)]
        numbered = [(key, link) for key, link in keyed if key[1] == "page"]
        fresh = [(key, link) for key, link in numbered if key not in self.postbacks]
        # a relative link ("next", "…") only when every number shown is asked for already:
        # a sliding pager's way on
        chosen = fresh or [(key, link) for key, link in keyed if key[1] != "page"]
        for key, (target, argument, _) in chosen:
            if key in self.postbacks:
                continue
            if self.postbacks_sent >= self.settings.getint("POSTBACK_MAX_PAGES"):
                yield from self._over_budget(response)
                return
            self.postbacks.add(key)
            self.postbacks_sent += 1
            yield self._postback(response, target, argument)

    def _postback(self, response: Response, target: str, argument: str) -> FormRequest:
        return FormRequest.from_response(
            response,
            formxpath=_FORM,
            formdata={"__EVENTTARGET": target, "__EVENTARGUMENT": argument},
            dont_click=True,
            dont_filter=True,  # the view state differs on every page; our keys dedup instead
            callback=self.parse_page,
            errback=self.failed,
            meta={"postback": True},
            priority=10,
        )

    def _over_budget(self, response: Response):
        if ("budget",) in self.postbacks:
            return
        self.postbacks.add(("budget",))
        limit = self.settings.getint("POSTBACK_MAX_PAGES")
        detail = f"POSTBACK_MAX_PAGES={limit} reached; later list pages not asked for"
        yield FetchFailed(self.source.slug, response.url, "postback-budget", detail)


def _key(action: str, link: tuple[str, str, str], digest: str) -> tuple:
    """A numbered page is the same page wherever its link is; a relative link ("next") is
    told apart by the articles of the page it was clicked on."""
    target, argument, text = link
    number = _PAGE_NUMBER.match(argument)
    if number or text.isdigit():
        return (action, "page", number.group(1) if number else text)
    return (action, target, argument, digest)


def _pager_links(response: Response):
    """(target, argument, link text) of the links that page a list: a page number, a "next"
    word, or a GridView Page$N argument. Log-in, sort and other postbacks are left alone."""
    for anchor in response.xpath("//a[contains(@href, 'PostBack')]"):
        match = _POSTBACK.search(anchor.attrib.get("href", ""))
        if not match:
            continue
        target, argument = match.groups()
        text = " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
        if text.isdigit() or _NEXT_TEXT.match(text) or _PAGER_ARGUMENT.match(argument):
            yield target, argument, text
