"""Fixture portals of the CMS families provincial portals run on, served over real HTTP.

Each family module here (webforms, sharepoint, liferay, joomla, wordpress, nextjs) turns its
ground truth (<family>.toml: the registry entry and the articles) into the pages of a portal
in the family's layout. `CmsPortals` serves every family on a port of its own on 127.0.0.1.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

from portals_cms import joomla, liferay, nextjs, sharepoint, webforms, wordpress
from portals_cms.common import Page, not_found, route_key

FAMILIES = {
    module.SLUG: module.Portal
    for module in (webforms, sharepoint, liferay, joomla, wordpress, nextjs)
}


class CmsPortals:
    """Context manager: every family portal listening, `portals[slug]` its page builder."""

    def __init__(self, slugs: list[str] | None = None) -> None:
        self.slugs = slugs or list(FAMILIES)
        self.portals: dict = {}
        self.requests: list[tuple[str, str, str]] = []  # (slug, method, target)
        self._servers: list[ThreadingHTTPServer] = []
        self._lock = threading.Lock()

    def __enter__(self) -> "CmsPortals":
        for slug in self.slugs:
            server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
            server.daemon_threads = True
            base = f"http://127.0.0.1:{server.server_address[1]}"
            server.portal = FAMILIES[slug](base)
            server.fixture = self
            self.portals[slug] = server.portal
            self._servers.append(server)
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def write_sources(self, path: Path) -> Path:
        path.write_text("\n".join(p.source_toml() for p in self.portals.values()), "utf-8")
        return path

    def record(self, slug: str, method: str, target: str) -> None:
        with self._lock:
            self.requests.append((slug, method, target))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        portal = self.server.portal
        self._send(portal.pages.get(route_key(self.path, portal.ignored_params)) or not_found())

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
        page = self.server.portal.post(route_key(self.path), form)
        self._send(page or Page("<html><body>405</body></html>", status=405))

    def _send(self, page: Page) -> None:
        self.server.fixture.record(self.server.portal.slug, self.command, self.path)
        body = page.payload()
        self.send_response(page.status)
        self.send_header("Content-Type", page.ctype)
        self.send_header("Content-Length", str(len(body)))
        if page.location:
            self.send_header("Location", page.location)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: `CmsPortals.requests` is the log."""
