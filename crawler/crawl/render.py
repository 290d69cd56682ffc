"""Rendering in headless Chromium for the requests that need it, through scrapy-playwright.

A request asks for a browser with `meta["render"]` (a plain string, so requests stay
serialisable); `RenderMiddleware` turns it into scrapy-playwright's meta just before the
download. Each rendered page gets a `PageRecorder` that:

- keeps the browser inside the source's scope and robots.txt, and skips images, media, fonts;
- records every HTTP response the browser received, for the crawl's WARC;
- clicks "Xem thêm" (or scrolls) within a budget, noting the endpoints the page called;
- stops when the per-page time budget is spent.

Every other request keeps going through Scrapy's own HTTP handler: scrapy-playwright's handler
hands requests without `meta["playwright"]` to it. Chromium is Debian's (`RENDER_CHROMIUM`);
nothing is downloaded.
"""

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from crawler.crawl.capture import Exchange

logger = logging.getLogger(__name__)

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
CONTEXT = "render"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIPPED_RESOURCES = {"image", "media", "font"}  # never text; a plain crawl skips them too
ENDPOINT_RESOURCES = {"xhr", "fetch"}
ROBOTS_CHECKED = {"document", "xhr", "fetch"}  # pages and data, not the page's own scripts
# Buttons that load the next batch of a listing on Vietnamese portals (NFC, any case).
LOAD_MORE = re.compile(r"^\s*(xem thêm|tải thêm|xem tiếp|hiển thị thêm|load more)\b", re.I)
QUIET_SECONDS = 0.3  # no request in flight for this long: the page has settled
QUIET_LONGEST = 5.0
# Scroll events come with animation frames, which a page that is not in front may not get
# (two pages render at once): the event is sent as well.
SCROLL_TO_BOTTOM = """
window.scrollTo(0, document.body ? document.body.scrollHeight : 0);
window.dispatchEvent(new Event("scroll"));
document.dispatchEvent(new Event("scroll"));
"""  # no request in flight for this long: the page has settled


def use_browser(settings: Settings) -> None:
    """Route http(s) through scrapy-playwright and point it at Debian's Chromium.

    Called for crawls of sources that render; other crawls never start Playwright.
    """
    settings.set("DOWNLOAD_HANDLERS", {"http": HANDLER, "https": HANDLER}, priority="spider")
    timeout_ms = settings.getfloat("RENDER_TIMEOUT") * 1000
    browser = {
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": settings.get("RENDER_CHROMIUM"),
            "headless": True,
            "args": CHROMIUM_ARGS,
            "timeout": timeout_ms,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.getint("RENDER_MAX_PAGES"),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
    }
    for name, value in browser.items():
        settings.set(name, value, priority="spider")


@dataclass
class RenderOutcome:
    """What happened in the browser for one page: read by the spider and the WARC writer."""

    exchanges: list[Exchange] = field(default_factory=list)
    endpoints: list[str] = field(default_factory=list)  # XHR/fetch URLs the page called
    clicks: int = 0
    scrolls: int = 0
    blocked: int = 0  # browser requests refused: off-site, images, media, fonts, robots.txt
    budget_spent: bool = False
    seconds: float = 0.0

    def load_more(self) -> str:
        """How the listing was extended in the browser, in words for logs and crawl records."""
        done = []
        if self.clicks:
            done.append(f"clicked 'Xem thêm' {self.clicks}×")
        if self.scrolls:
            done.append(f"scrolled {self.scrolls}×")
        if self.budget_spent:
            done.append("stopped at the time budget")
        return ", ".join(done) or "no load-more control"


class PageRecorder:
    """One rendered page: scope guard, response recording, load-more, time budget."""

    def __init__(self, source, clicks: int, budget: float, allowed=lambda url: True) -> None:
        self.source = source
        self.allowed = allowed  # robots.txt, for what the page fetches as data
        self.clicks = clicks
        self.budget = budget
        self.started = time.monotonic()
        self.outcome = RenderOutcome()
        self.in_flight = 0
        self.last_activity = self.started
        self.pending: set[asyncio.Task] = set()

    # -- wired to the page before it navigates ------------------------------------------------

    async def attach(self, page, request: Request) -> None:
        self.started = time.monotonic()
        await page.route("**/*", self._guard)
        page.on("request", self._request_started)
        page.on("requestfinished", self._request_ended)
        page.on("requestfailed", self._request_ended)
        page.on("response", self._response)

    async def _guard(self, route, request) -> None:
        kind, url = request.resource_type, request.url
        refused = kind in SKIPPED_RESOURCES or not self.source.allows_url(url)
        if refused or kind in ROBOTS_CHECKED and not self.allowed(url):
            self.outcome.blocked += 1
            await route.abort()
        else:
            await route.fallback()

    def _request_started(self, request) -> None:
        self.in_flight += 1
        self.last_activity = time.monotonic()

    def _request_ended(self, request) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last_activity = time.monotonic()

    def _response(self, response) -> None:
        if response.request.resource_type in ENDPOINT_RESOURCES:
            self.outcome.endpoints.append(response.url)
        task = asyncio.ensure_future(self._record(response))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    async def _record(self, response) -> None:
        try:
            body = await response.body()
        except Exception:  # redirects have no body; a closed page has none to give
            body = b""
        try:
            headers = _pairs(await response.headers_array())
            request_headers = _pairs(await response.request.headers_array())
        except Exception:
            headers, request_headers = [], []
        self.outcome.exchanges.append(
            Exchange(
                url=response.url,
                status=response.status,
                headers=decoded_headers(headers),
                body=body,
                method=response.request.method,
                request_headers=request_headers,
                metadata={"browser": response.request.resource_type},
            )
        )

    # -- run as the page's one page method, after navigation ----------------------------------

    async def settle(self, page) -> None:
        """Wait for the page's own requests, then load more within the budgets."""
        await self._quiet()
        address = page.url
        while self._actions() < self.clicks and not self._spent() and page.url == address:
            if await self._click_load_more(page):
                self.outcome.clicks += 1
            elif not await self._scroll(page):
                break
            self.last_activity = time.monotonic()  # the requests it causes are yet to show
            await self._quiet()
        await self._drain()
        self.outcome.seconds = time.monotonic() - self.started

    async def _click_load_more(self, page) -> bool:
        # a link with an address is a page of its own, followed as a link: clicking it would
        # navigate away from the listing being extended
        controls = page.locator(
            "button, [role=button], input[type=button], a:not([href]), a[href^='#'],"
            " a[href^='javascript']"
        )
        button = controls.filter(has_text=LOAD_MORE).filter(visible=True).first
        if not await button.count():
            return False
        try:
            await button.click(timeout=max(1.0, self._left()) * 1000)
        except Exception as exc:  # detached or covered: the listing stays as it is
            logger.info("%s: 'Xem thêm' could not be clicked: %s", page.url, exc)
            return False
        return True

    async def _scroll(self, page) -> bool:
        """Scroll to the bottom once; True when the page grew (infinite scroll)."""
        before = await page.evaluate("document.body ? document.body.scrollHeight : 0")
        await page.evaluate(SCROLL_TO_BOTTOM)
        self.last_activity = time.monotonic()
        await self._quiet()
        grew = await page.evaluate("document.body ? document.body.scrollHeight : 0") > before
        self.outcome.scrolls += int(grew)
        return grew

    async def _quiet(self) -> None:
        """Until no request has been in flight for QUIET_SECONDS; a page that polls or holds a
        request open is given QUIET_LONGEST at most, then taken as it is."""
        waited = time.monotonic()
        while not self._spent() and time.monotonic() - waited < QUIET_LONGEST:
            idle = time.monotonic() - self.last_activity
            if self.in_flight == 0 and idle >= QUIET_SECONDS:
                return
            await asyncio.sleep(0.05)

    async def _drain(self) -> None:
        """Bodies are read in the background: all of them must be in before the page closes."""
        if self.pending:
            await asyncio.wait(set(self.pending), timeout=max(1.0, self._left()))

    def _actions(self) -> int:
        return self.outcome.clicks + self.outcome.scrolls

    def _left(self) -> float:
        return self.budget - (time.monotonic() - self.started)

    def _spent(self) -> bool:
        if self._left() <= 0:
            self.outcome.budget_spent = True
        return self.outcome.budget_spent


def _pairs(headers: list[dict]) -> list[tuple[str, str]]:
    return [(header["name"], header["value"]) for header in headers]


def decoded_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The browser hands bodies over decoded: the encoding and length it was sent with are kept
    under X-Archive-Orig-*, so the record does not claim a gzip body it does not hold."""
    renamed = {"content-encoding", "content-length", "transfer-encoding"}
    return [
        (f"X-Archive-Orig-{name}" if name.lower() in renamed else name, value)
        for name, value in headers
    ]


class RenderMiddleware:
    """Turns `meta["render"]` into a scrapy-playwright request with a fresh `PageRecorder`."""

    def __init__(self, crawler: Crawler, clicks: int, budget: float, user_agent: str) -> None:
        self.crawler = crawler
        self.clicks = clicks
        self.budget = budget
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RenderMiddleware":
        settings = crawler.settings
        agent = settings.get("USER_AGENT_TEMPLATE").format(contact=settings.get("ARCHIVE_CONTACT"))
        clicks, budget = settings.getint("RENDER_CLICKS"), settings.getfloat("RENDER_TIMEOUT")
        return cls(crawler, clicks, budget, agent)

    def process_request(self, request: Request, spider: Spider) -> None:
        if not request.meta.get("render"):
            return
        from scrapy_playwright.page import PageMethod

        recorder = PageRecorder(spider.source, self.clicks, self.budget, self._robots())
        request.meta.update(
            playwright=True,
            playwright_context=CONTEXT,
            playwright_context_kwargs={"user_agent": self.user_agent, "service_workers": "block"},
            playwright_page_init_callback=recorder.attach,
            playwright_page_methods=[PageMethod(recorder.settle)],
            render_recorder=recorder,
        )

    def _robots(self):
        """robots.txt as Scrapy's middleware read it for the crawl's hosts, as a URL check.

        Reads the middleware's parsed files (one per host; a host whose file is not read yet
        is allowed, as Scrapy itself would wait and then ask)."""
        from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

        engine = self.crawler.engine
        found = [
            m
            for m in (engine.downloader.middleware.middlewares if engine else ())
            if isinstance(m, RobotsTxtMiddleware)
        ]
        if not found:
            return lambda url: True
        parsers, agent = found[0]._parsers, self.user_agent

        def allowed(url: str) -> bool:
            parser = parsers.get(urlsplit(url).netloc)
            return not hasattr(parser, "allowed") or parser.allowed(url, agent)

        return allowed


def render_outcome(request: Request) -> RenderOutcome | None:
    recorder = request.meta.get("render_recorder")
    return recorder.outcome if recorder is not None else None


def render_failure_kind(exc: BaseException) -> str | None:
    """`render-timeout` or `render-error` for a failure inside the browser, else None."""
    module = type(exc).__module__
    if not module.startswith("playwright"):
        return None
    return "render-timeout" if type(exc).__name__ == "TimeoutError" else "render-error"
