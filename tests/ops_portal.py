"""A small Vietnamese portal served on 127.0.0.1 for the operations tests, and crawl helpers.

Articles are listed on the home page and in a sitemap with lastmod dates; pages are sent
gzip-compressed when the client asks, like real portals, so captures are tested on the wire
form. `delay` slows article pages so a test can kill a crawl half-way.
"""

import contextlib
import gzip
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

OPENINGS = [
    "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị",
    "Theo báo cáo của các sở, ban, ngành,",
    "Phát biểu chỉ đạo, đồng chí Chủ tịch yêu cầu",
    "Dịp này, nhiều tập thể và cá nhân",
]
VOCABULARY = (
    "nông thôn giao thông thủy lợi giáo dục y tế đồng bào miền núi huyện xã thôn bản lúa keo "
    "rừng sông suối mưa bão sạt lở đường sá trường học bệnh viện ngân sách đầu tư công doanh "
    "nghiệp du lịch văn hóa lễ hội thanh niên phụ nữ cựu chiến binh nông dân hợp tác xã cà phê "
    "hồ tiêu sâm quế cá tôm chợ phiên điện lưới nước sạch nhà ở tái định cư biên giới an ninh"
)
WORDS = VOCABULARY.split()


def paragraphs(number: int) -> list[str]:
    """Four paragraphs of words drawn for this article: copies of one text are dedup's job."""
    draw = random.Random(number)
    return [f"{opening} {' '.join(draw.choices(WORDS, k=40))}." for opening in OPENINGS]


def article_html(number: int, title: str, extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(number))
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta name='author' content='Phóng viên {number}'></head><body>"
        "<header><nav><a href='/'>Trang chủ</a></nav></header>"
        f"<main><article><h1>{title}</h1><p class='date'>15/03/2024 08:00</p>{body}"
        f"{f'<p>{extra}</p>' if extra else ''}</article></main>"
        "<footer>Báo Sông Thu – Cơ quan của Đảng bộ tỉnh</footer></body></html>"
    )


class Portal:
    """A portal of `count` articles; `articles` and `lastmod` can be changed between crawls."""

    def __init__(self, count: int = 6, delay: float = 0.0, first: int = 1) -> None:
        self.delay = delay
        self.articles = {
            f"/tin-tuc/hoi-nghi-tong-ket-cong-tac-{n}.html": article_html(
                n, f"Hội nghị tổng kết công tác số {n}"
            )
            for n in range(first, first + count)
        }
        self.lastmod = dict.fromkeys(self.articles, "2024-03-15T08:00:00+07:00")
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Portal":
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def article_requests(self) -> list[str]:
        return [path for path in self.requests if path in self.articles]

    def write_sources(self, path: Path, slug: str = "baosongthu", schedule: str = "") -> Path:
        lines = [
            f"[sources.{slug}]",
            'name = "Báo Sông Thu"',
            'province = "Quảng Nam"',
            'kind = "paper"',
            f'start_urls = ["{self.base_url}/"]',
            f'sitemaps = ["{self.base_url}/sitemap.xml"]',
            'allowed_domains = ["127.0.0.1"]',
            "article_pattern = '-\\d+\\.html$'",
        ]
        if schedule:
            lines.append(f'schedule = "{schedule}"')
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n\n")
        return path

    def page(self, path: str) -> tuple[int, str, bytes]:
        if path in self.articles:
            if self.delay:
                time.sleep(self.delay)
            return 200, "text/html; charset=utf-8", self.articles[path].encode("utf-8")
        if path == "/":
            links = "".join(f"<li><a href='{p}'>Tin {p}</a></li>" for p in self.articles)
            html = f"<html><head><title>Báo Sông Thu</title></head><body><ul>{links}</ul></body>"
            return 200, "text/html; charset=utf-8", html.encode("utf-8")
        if path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>{self.base_url}{p}</loc><lastmod>{self.lastmod[p]}</lastmod></url>"
                for p in self.articles
            )
            xml = f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
            return 200, "application/xml", xml.encode("utf-8")
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        return 404, "text/html", "<html><body>Không tìm thấy</body></html>".encode()

    def _handler(self):
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                portal.requests.append(self.path)
                status, ctype, body = portal.page(self.path)
                gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
                if gzipped:
                    body = gzip.compress(body, mtime=0)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                if gzipped:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # killed crawls
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def archive_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "crawler.cli", *args]


def run_archive(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`archive ARGS…` in a subprocess, from the repository root."""
    return subprocess.run(
        archive_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(__file__).parent.parent,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )


def crawl(db: Path, registry: Path, *extra: str, slug: str = "baosongthu"):
    result = run_archive("crawl", slug, "--db", str(db), "--sources", str(registry), *FAST, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def query(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
