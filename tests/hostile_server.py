"""A hostile news portal on 127.0.0.1: every kind of broken page and server fault, by path.

Good articles live at /bai/good-<n>.html; every other /bai/ path is one bad case (see CASES),
/lich/<y>/<m>/<d>/ is an endless calendar, and /soak/ is a large site with faults injected
at a fixed rate. The server counts requests per path, and records when each came.
"""

import contextlib
import gzip
import hashlib
import random
import threading
import time
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from crawler.extract.legacy_encodings import encode_legacy

TITLE = "Quảng Nam khôi phục sản xuất sau mưa lũ"
PARAGRAPHS = (
    "Ủy ban nhân dân tỉnh Quảng Nam vừa tổ chức hội nghị triển khai kế hoạch khôi phục sản "
    "xuất nông nghiệp sau đợt mưa lũ lịch sử, với sự tham gia của lãnh đạo các huyện miền núi.",
    "Theo báo cáo, người dân xã Phước Sơn được hỗ trợ giống lúa, phân bón và kỹ thuật canh tác "
    "mới; nhiều tuyến đường bị sạt lở đã được thông xe để vận chuyển hàng hóa thiết yếu.",
    "Ông Nguyễn Văn Ẩn, Bí thư Huyện ủy, đề nghị các ngành đẩy nhanh tiến độ xây dựng cầu, "
    "đảm bảo học sinh vùng cao đến trường an toàn trước mùa mưa năm tới.",
)
# Bad cases under /bai/: each is fetched as an article candidate and must leave one
# crawl_errors row of a stable kind (or, for the encodings, a correct article).
ENCODING_CASES = (
    "cp1258",
    "meta-1258",
    "no-charset",
    "wrong-charset",
    "mojibake",
    "nfd",
    "tcvn3",
    "vni",
)
BAD_CASES = {
    "report.aspx": "not-html",  # a PDF behind a page-like URL
    "photo.aspx": "not-html",  # an image likewise
    "garbage.html": None,  # not-article or undecodable: either is a clear, stable record
    "empty.html": "empty",
    "truncated.html": "truncated",
    "huge.html": "too-large",
    "huge-stream.html": "too-large",  # no Content-Length: cut off while streaming
    "bomb.html": "too-large",
    "loop-a.html": "redirect-loop",
    "down.html": "http-503",
    "drip.html": "timeout",
    "hang.html": "timeout",
    "to-offsite.html": "off-site",
    "to-metadata.html": "off-site",
    "to-private.html": "off-site",
}
HUGE_BYTES = 3 * 1024 * 1024
BOMB_BYTES = 64 * 1024 * 1024
SOAK_LINKS_PER_LIST = 50
TONES = "\u0300\u0301\u0303\u0309\u0323"


_VOCABULARY = (
    "người dân xã huyện tỉnh ủy ban hội nghị sản xuất nông nghiệp lúa giống mưa lũ sạt lở "
    "đường cầu trường học sinh giáo viên bệnh viện bác sĩ kinh tế doanh nghiệp đầu tư vốn "
    "chính sách hỗ trợ khôi phục phát triển văn hóa lễ hội du lịch biển rừng núi thôn bản "
    "đồng bào an ninh trật tự chuyển đổi số dịch vụ công thuế ngân sách kế hoạch tiến độ "
    "công trình thủy lợi điện nước sạch vệ sinh môi trường cán bộ đảng viên thanh niên"
)
WORDS = tuple(_VOCABULARY.split(" "))


def article_text(n: int | str) -> str:
    """Three paragraphs: a fixed opening, then words drawn for this page, so no two pages are
    near-duplicates of each other."""
    draw = random.Random(f"article-{n}")
    own = [" ".join(draw.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(2)]
    return "\n".join([f"{PARAGRAPHS[0]} (Bài số {n}.)", *own, PARAGRAPHS[2]])


def article_html(n: int | str, title: str = TITLE, meta: str = "", home: str = "/") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article_text(n).split("\n"))
    return (
        f"<!DOCTYPE html><html lang='vi'><head>{meta}<title>{title}</title></head><body>"
        f"<nav><a href='{home}'>Trang chủ</a></nav><article><h1>{title}</h1>{paragraphs}"
        "</article><footer>Báo Quảng Nam</footer></body></html>"
    )


def to_cp1258(text: str) -> bytes:
    """windows-1258 spells toned letters as a base letter plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tone = next(m for m in marks if m in TONES)
            shaped = base + "".join(m for m in marks if m != tone)
            out += unicodedata.normalize("NFC", shaped).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def misread(text: str) -> str:
    """UTF-8 bytes read as windows-1252, as browsers do: the classic "Viá»‡t" mojibake."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


def encoding_case(name: str) -> tuple[bytes, str]:
    """Body and Content-Type of each encoding case; all must archive as the same NFC text."""
    page = article_html(name)
    if name == "cp1258":
        return to_cp1258(page), "text/html; charset=windows-1258"
    if name == "meta-1258":
        meta = "<meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>"
        return to_cp1258(article_html(name, meta=meta)), "text/html"
    if name == "no-charset":
        return page.encode("utf-8"), "text/html"
    if name == "wrong-charset":
        return page.encode("utf-8"), "text/html; charset=iso-8859-1"
    if name == "mojibake":
        return misread(page).encode("utf-8"), "text/html; charset=utf-8"
    if name == "nfd":
        return unicodedata.normalize("NFD", page).encode("utf-8"), "text/html; charset=utf-8"
    return encode_legacy(page, name).encode("cp1252"), "text/html; charset=windows-1252"


_BOMB: bytes | None = None


def bomb() -> bytes:
    global _BOMB
    if _BOMB is None:
        _BOMB = gzip.compress(b"<html>" + b" " * BOMB_BYTES, compresslevel=9)
    return _BOMB


def soak_fault(path: str, attempt: int, rate: float) -> str | None:
    """The fault injected into this attempt at a path: deterministic, ~`rate` of all requests.

    Faults are transient (the next attempt succeeds), so every good page can be archived.
    """
    if attempt > 1:
        return None
    digest = int(hashlib.sha256(path.encode()).hexdigest()[:8], 16)
    if digest % 1000 >= rate * 1000:
        return None
    return ("503", "500", "reset", "truncated")[digest % 4]


class Handler(BaseHTTPRequestHandler):
    server: "HostileHTTPServer"
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        attempt = self.server.count(path)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.route(path, attempt)

    def route(self, path: str, attempt: int) -> None:
        if path == "/":
            return self.send(self.home(), "text/html; charset=utf-8")
        if path.startswith("/bai/good-"):
            n = path.removeprefix("/bai/good-").removesuffix(".html")
            return self.send(article_html(n).encode(), "text/html; charset=utf-8")
        if path.startswith("/lich/"):
            return self.calendar(path)
        if path.startswith("/soak/"):
            return self.soak(path, attempt)
        name = path.removeprefix("/bai/").removesuffix(".html")
        if name in ENCODING_CASES:
            return self.send(*encoding_case(name))
        if path.startswith("/bai/flaky-"):
            return self.flaky(path, attempt)
        handler = getattr(self, "case_" + name.replace("-", "_").replace(".", "_"), None)
        if handler is None:
            return self.send(b"not found", "text/plain", status=404)
        return handler()

    # -- the portal ----------------------------------------------------------------------------

    def home(self) -> bytes:
        links = [f"/bai/good-{n}.html" for n in range(1, self.server.good_pages + 1)]
        links += [f"/bai/{c}.html" for c in ENCODING_CASES] + [f"/bai/{c}" for c in BAD_CASES]
        links += ["/bai/flaky-1.html", "/bai/escape.html", "/lich/2024/01/01/"]
        links.append("/bai/" + "dai-" * 400 + "1.html")
        anchors = "".join(f"<a href='{link}'>{link[:40]}</a> " for link in links)
        return f"<html><body><h1>Trang chủ</h1>{anchors}</body></html>".encode()

    def calendar(self, path: str) -> None:
        y, m, d = (int(x) for x in path.strip("/").split("/")[1:4])
        following = date(y, m, d) + timedelta(days=1)
        link = following.strftime("/lich/%Y/%m/%d/")
        html = f"<html><body><h1>Lịch {y}-{m}-{d}</h1><a href='{link}'>Ngày sau</a></body></html>"
        self.send(html.encode(), "text/html; charset=utf-8")

    def flaky(self, path: str, attempt: int) -> None:
        if attempt <= 2:
            return self.send(b"busy", "text/plain", status=503)
        self.send(article_html(path).encode(), "text/html; charset=utf-8")

    # -- bad cases -----------------------------------------------------------------------------

    def case_report_aspx(self) -> None:
        pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
        self.send(pdf, "application/pdf")

    def case_photo_aspx(self) -> None:
        self.send(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 8, "image/jpeg")

    def case_garbage(self) -> None:
        self.send(random.Random(1).randbytes(20_000), "text/html")

    def case_empty(self) -> None:
        self.send(b"", "text/html; charset=utf-8")

    def case_truncated(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "50000")
        self.end_headers()
        self.wfile.write(article_html("truncated").encode()[:500])
        self.wfile.flush()
        self.close_connection = True

    def case_huge(self) -> None:
        self.send(b"<html><body>" + b"<p>Tin</p>" * (HUGE_BYTES // 10), "text/html")

    def case_huge_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>Tin</p>" * 10_000
        for _ in range(HUGE_BYTES // len(chunk)):
            self.wfile.write(chunk)

    def case_bomb(self) -> None:
        self.send(bomb(), "text/html", headers={"Content-Encoding": "gzip"})

    def case_loop_a(self) -> None:
        self.redirect("/bai/loop-b.html")

    def case_loop_b(self) -> None:
        self.redirect("/bai/loop-a.html")

    def case_down(self) -> None:
        self.send(b"maintenance", "text/plain", status=503)

    def case_drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        for byte in article_html("drip").encode()[:300]:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)

    def case_hang(self) -> None:
        time.sleep(self.server.hang_seconds)

    def case_to_offsite(self) -> None:
        self.redirect(f"http://localhost:{self.server.server_port}/bai/good-999.html")

    def case_to_metadata(self) -> None:
        self.redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/")

    def case_to_private(self) -> None:
        self.redirect("http://10.0.0.1/admin")

    def case_escape(self) -> None:
        title = "Tin \x1b]0;pwned\x07nóng\x1b[2J \x9b31m<script>alert(1)</script>"
        self.send(article_html("escape", title=title).encode(), "text/html; charset=utf-8")

    # -- soak ------------------------------------------------------------------------------------

    def soak(self, path: str, attempt: int) -> None:
        time.sleep(self.server.delay)
        if self.server.held(path):
            self.server.released.wait(60)
        fault = soak_fault(path, attempt, self.server.fault_rate)
        if fault in ("503", "500"):
            return self.send(b"fault", "text/plain", status=int(fault))
        if fault == "reset":
            self.close_connection = True
            return
        body = self.soak_page(path)
        if fault == "truncated":
            return self.case_truncated_body(body)
        self.send(body, "text/html; charset=utf-8")

    def soak_page(self, path: str) -> bytes:
        """Listing k links articles [50k, 50k+50), its share of tag pages, and listing k+1."""
        if path.startswith("/soak/a/"):
            n = path.removeprefix("/soak/a/").removesuffix(".html")
            return article_html(n, home="/soak/list/0.html").encode()
        if path.startswith("/soak/tag/"):
            return b"<html><body><h1>Tag</h1><a href='/soak/list/0.html'>Tin</a></body></html>"
        k = int(path.removeprefix("/soak/list/").removesuffix(".html") or 0)
        lists = -(-self.server.soak_articles // SOAK_LINKS_PER_LIST)
        tags_per_list = -(-self.server.soak_tags // lists)
        articles = range(k * SOAK_LINKS_PER_LIST, (k + 1) * SOAK_LINKS_PER_LIST)
        tags = range(k * tags_per_list, min((k + 1) * tags_per_list, self.server.soak_tags))
        links = [f"/soak/a/{i}.html" for i in articles if i < self.server.soak_articles]
        links += [f"/soak/tag/{i}.html" for i in tags]
        if k + 1 < lists:
            links.append(f"/soak/list/{k + 1}.html")
        anchors = "".join(f"<a href='{link}'>{link}</a> " for link in links)
        return f"<html><body><h1>Danh sách {k}</h1>{anchors}</body></html>".encode()

    def case_truncated_body(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) + 1000))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.close_connection = True

    # -- plumbing --------------------------------------------------------------------------------

    def send(self, body: bytes, ctype: str, status: int = 200, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class HostileHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self,
        good_pages: int = 5,
        soak_articles: int = 0,
        soak_tags: int = 0,
        fault_rate: float = 0.1,
        host: str = "127.0.0.1",
    ):
        super().__init__((host, 0), Handler)
        self.good_pages = good_pages
        self.soak_articles = soak_articles
        self.soak_tags = soak_tags
        self.delay = 0.0
        self.fault_rate = fault_rate
        # soak articles from this number on are answered only once `released` is set: a crawl
        # then cannot finish before the test is done with it (kill it, say), however fast it is
        self.hold_from: int | None = None
        self.released = threading.Event()
        self.hang_seconds = 30.0
        self.hits: Counter[str] = Counter()
        self.times: defaultdict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        bomb()  # built before serving: building it on a loaded machine outlasts a short timeout

    def held(self, path: str) -> bool:
        if self.hold_from is None or self.released.is_set() or not path.startswith("/soak/a/"):
            return False
        number = path.removeprefix("/soak/a/").removesuffix(".html")
        return number.isdigit() and int(number) >= self.hold_from

    def count(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            self.times[path].append(time.monotonic())
            return self.hits[path]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def __enter__(self) -> "HostileHTTPServer":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()
        self.server_close()
