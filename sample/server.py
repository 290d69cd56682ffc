"""Serve the fictional sample portals over local HTTP, one ephemeral port per portal.

Each folder under ``sample/portals/`` is one portal. Text files may contain ``{{BASE}}``
(the portal's own base URL) and ``{{BASE:slug}}`` (another portal's), because the ports
are only known once the servers are listening.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from urllib.parse import unquote, urlsplit

PORTALS_DIR = Path(__file__).parent / "portals"
SOURCE_TEMPLATE = "source.toml"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".aspx": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}
TEXT_SUFFIXES = {".html", ".aspx", ".xml", ".rss", ".txt"}
BASE_MARKER = re.compile(r"\{\{BASE(?::([a-z0-9_-]+))?\}\}")
NOT_FOUND_BODY = b"<!DOCTYPE html><html><body><h1>404</h1><p>Not found</p></body></html>"


@dataclass(frozen=True)
class RequestRecord:
    slug: str
    method: str
    path: str
    status: int
    user_agent: str


def query_file_name(name: str, query: str) -> str:
    """Name of the file that answers ``name?query``: ``tin-tuc.aspx__page-2``."""
    return f"{name}__{query.replace('&', '_').replace('=', '-')}"


def resolve_file(root: Path, raw_path: str) -> Path | None:
    """Map a request path (with optional query) to a file inside ``root``, or None."""
    parts = urlsplit(raw_path)
    path = unquote(parts.path)
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        return None
    if parts.query:
        variant = target.with_name(query_file_name(target.name, parts.query))
        if variant.is_file():
            return variant
    return target if target.is_file() else None


def served_suffix(file: Path) -> str:
    """Suffix that decides the content type; ``x.aspx__page-2`` counts as ``.aspx``."""
    return Path(file.name.split("__", 1)[0]).suffix.lower()


def content_type(file: Path, body: bytes) -> str:
    suffix = served_suffix(file)
    # Old CMS feeds live at .aspx paths; the body, not the suffix, says it is RSS.
    if suffix == ".aspx" and body.lstrip().startswith(b"<?xml") and b"<rss" in body[:500]:
        return CONTENT_TYPES[".rss"]
    return CONTENT_TYPES.get(suffix, "application/octet-stream")


class PortalServer:
    """Context manager running one ThreadingHTTPServer per portal folder."""

    def __init__(self, root: Path = PORTALS_DIR, host: str = "127.0.0.1") -> None:
        self.root = root
        self.host = host
        self.requests: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._servers: dict[str, ThreadingHTTPServer] = {}

    def slugs(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if (p / SOURCE_TEMPLATE).is_file())

    def start(self) -> PortalServer:
        for slug in self.slugs():
            handler = self._handler_class(slug)
            server = ThreadingHTTPServer((self.host, 0), handler)
            server.daemon_threads = True
            self._servers[slug] = server
            threading.Thread(
                target=server.serve_forever, name=f"portal-{slug}", daemon=True
            ).start()
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def base_url(self, slug: str) -> str:
        port = self._servers[slug].server_address[1]
        return f"http://{self.host}:{port}"

    def substitute(self, slug: str, text: str) -> str:
        """Replace ``{{BASE}}`` and ``{{BASE:other}}`` with live base URLs."""
        return BASE_MARKER.sub(lambda m: self.base_url(m.group(1) or slug), text)

    def write_sources(self, path: Path) -> Path:
        """Write a sources.toml whose entries point at the running portals."""
        fragments = [
            self.substitute(slug, (self.root / slug / SOURCE_TEMPLATE).read_text("utf-8"))
            for slug in self._servers
        ]
        path.write_text("\n".join(f.strip() + "\n" for f in fragments), encoding="utf-8")
        return path

    def record(self, entry: RequestRecord) -> None:
        with self._lock:
            self.requests.append(entry)

    def _handler_class(self, slug: str) -> type[BaseHTTPRequestHandler]:
        return type(f"Handler_{slug}", (PortalHandler,), {"portal": self, "slug": slug})


class PortalHandler(BaseHTTPRequestHandler):
    """Serves one portal folder; ``portal`` and ``slug`` are set per subclass."""

    portal: PortalServer
    slug: str
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - name fixed by http.server
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet; ``PortalServer.requests`` is the log."""

    def _respond(self, send_body: bool) -> None:
        file = resolve_file(self.portal.root / self.slug, self.path)
        if file is None:
            status, ctype, body = 404, CONTENT_TYPES[".html"], NOT_FOUND_BODY
        else:
            status, body = 200, self._read(file)
            ctype = content_type(file, body)
        # Record before answering, so a client that got its response finds it logged.
        agent = self.headers.get("User-Agent", "")
        self.portal.record(RequestRecord(self.slug, self.command, self.path, status, agent))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _read(self, file: Path) -> bytes:
        if served_suffix(file) not in TEXT_SUFFIXES:
            return file.read_bytes()
        return self.portal.substitute(self.slug, file.read_text("utf-8")).encode("utf-8")


def serve_until_signalled(sources_out: Path | None) -> int:
    """Run all portals until SIGINT or SIGTERM; print base URLs, then READY."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with PortalServer() as server:
        if sources_out is not None:
            server.write_sources(sources_out)
        for slug in server.slugs():
            print(f"{slug} {server.base_url(slug)}")
        print("READY", flush=True)
        while not stop.wait(0.2):
            pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the sample portals locally.")
    parser.add_argument("--sources-out", type=Path, help="write a sources.toml here")
    args = parser.parse_args(argv)
    return serve_until_signalled(args.sources_out)


if __name__ == "__main__":
    sys.exit(main())
