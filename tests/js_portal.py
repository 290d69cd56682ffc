"""A portal whose pages are built by JavaScript, served on 127.0.0.1 for the rendering tests.

Like the script-driven provincial papers: the home and section pages are empty shells that a
script fills from a JSON endpoint (`/api/tin-moi?trang=1`), three stories at a time, with a
"Xem thêm" button that loads the next page of the endpoint. Most articles are plain HTML;
the e-magazine ones are shells too, filled from `/api/bai-viet/<id>`. Read without a browser,
the portal shows no link at all.

`JsPortal(count=…, server_rendered=True)` is the same portal built on the server (listings
with `?trang=N` links, articles in the HTML), for benchmarks comparing the two crawls.
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ops_portal import paragraphs

PER_PAGE = 3
SLOW_SECONDS = 5
ANALYTICS = "https://www.googletagmanager.com/gtag/js?id=G-SONLAM"  # off-site, never fetched
TOPICS = [
    "Nông dân vùng cao chuyển đổi giống lúa",
    "Khánh thành cầu treo qua suối Nậm Mu",
    "Tuyển sinh lớp 10 năm học mới",
    "Phiên chợ vùng cao ngày cuối tuần",
    "Trồng rừng gỗ lớn gắn với chứng chỉ FSC",
    "Hội thi nghệ nhân chè Shan tuyết",
    "Đường liên xã được bê tông hóa",
    "Khám bệnh miễn phí cho đồng bào",
    "Lễ hội Lồng Tồng xuống đồng",
    "Hợp tác xã mật ong bạc hà",
    "Sạt lở đất sau mưa lớn kéo dài",
    "Ngân sách tỉnh thu vượt dự toán",
    "Doanh nghiệp đầu tư nhà máy chế biến",
    "Thanh niên tình nguyện mùa hè xanh",
]


def article_list(count: int) -> list[tuple[str, str, int]]:
    """(path, title, number) of every article; every seventh is an e-magazine story."""
    return [
        (
            f"/{'emagazine' if n % 7 == 0 else 'tin-tuc'}/bai-viet-so-{n}-{1000 + n}.html",
            TOPICS[n - 1] if count <= len(TOPICS) else f"{TOPICS[n % len(TOPICS)]} (số {n})",
            n,
        )
        for n in range(1, count + 1)
    ]


def feed_lists(count: int) -> dict[str, list[int]]:
    """Endpoint → article numbers it lists, newest first."""
    if count == len(TOPICS):
        return {
            "tin-moi": [14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4],
            "kinh-te": [13, 12, 10, 5, 2, 1],
            "xa-hoi": [14, 11, 8, 7, 3],
            "trong": [],  # a section with nothing in it, not in the menu
        }
    newest = list(range(count, 0, -1))
    return {"tin-moi": newest, "kinh-te": newest[::2], "xa-hoi": newest[1::2], "trong": []}


ARTICLES = article_list(len(TOPICS))
SECTIONS = {"kinh-te": "Kinh tế", "xa-hoi": "Xã hội"}
INFINITE = {"xa-hoi"}  # sections that load more on scrolling
MENU = [{"ten": title, "duong_dan": f"/chuyen-muc/{slug}"} for slug, title in SECTIONS.items()]

APP_JS = """
async function napJson(url) {
  const tra = await fetch(url, {headers: {"Accept": "application/json"}});
  return tra.json();
}
async function dungMenu() {
  const menu = document.getElementById("menu");
  for (const muc of await napJson("/api/chuyen-muc")) {
    const a = document.createElement("a");
    a.href = muc.duong_dan; a.textContent = muc.ten;
    menu.appendChild(a);
  }
}
async function napTrang(danhSach, nut) {
  const trang = Number(danhSach.dataset.trang || "0") + 1;
  const du = await napJson(danhSach.dataset.nguon + "?trang=" + trang);
  for (const bai of du.bai_viet) {
    const li = document.createElement("li");
    li.innerHTML = '<a href="' + bai.duong_dan + '">' + bai.tieu_de + '</a><p>' + bai.sapo + '</p>';
    danhSach.appendChild(li);
  }
  danhSach.dataset.trang = String(trang);
  if (!danhSach.dataset.cuon) nut.hidden = !du.con_nua;
  return du.con_nua;
}
async function dungBaiViet(khung) {
  const bai = await napJson(khung.dataset.nguon);
  const doan = bai.doan.map(d => "<p>" + d + "</p>").join("");
  khung.innerHTML = "<article><h1>" + bai.tieu_de + "</h1><p class='date'>" + bai.ngay +
    "</p>" + doan + "<p class='author'>" + bai.tac_gia + "</p></article>";
}
document.addEventListener("DOMContentLoaded", () => {
  dungMenu();
  fetch("/api/thong-ke?luot=" + encodeURIComponent(location.pathname));  // robots.txt: no
  const danhSach = document.getElementById("danh-sach");
  const nut = document.getElementById("xem-them");
  if (danhSach && danhSach.dataset.cuon === "vo-han") {  // infinite scroll, no button
    let dangTai = false;
    const tiep = async () => {
      if (dangTai || danhSach.dataset.het) return;
      dangTai = true;
      danhSach.dataset.het = (await napTrang(danhSach, nut)) ? "" : "1";
      dangTai = false;
    };
    tiep();
    window.addEventListener("scroll", () => {
      if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 100) tiep();
    });
  } else if (danhSach) {
    napTrang(danhSach, nut);
    nut.addEventListener("click", () => napTrang(danhSach, nut));
  }
  const khung = document.getElementById("noi-dung");
  if (khung) dungBaiViet(khung);
});
"""


def shell(title: str, main: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
        "<script src='/static/app.js'></script>"
        f"<script async src='{ANALYTICS}'></script></head><body>"
        "<header><img src='/static/logo.png' alt='Logo'><h2>Báo Sơn Lâm điện tử</h2>"
        "<nav id='menu'><a href='/'>Trang chủ</a></nav>"
        f"</header><main>{main}</main>"
        "<footer>Cơ quan của Đảng bộ tỉnh Sơn Lâm</footer></body></html>"
    )


def listing(title: str, feed: str) -> str:
    """A list filled from `/api/<feed>`: "Xem thêm" loads more, or, for the Xã hội section,
    scrolling to the bottom does (tall items, so the list is longer than the window)."""
    scroll = " data-cuon='vo-han'" if feed in INFINITE else ""
    return shell(
        title,
        f"<style>#danh-sach li {{min-height: 400px}}</style><h1>{title}</h1>"
        f"<ul id='danh-sach' data-nguon='/api/{feed}'{scroll}></ul>"
        "<button id='xem-them' type='button' hidden>Xem thêm</button>",
    )


def article_page(number: int, title: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(number))
    return shell(
        title,
        f"<article><h1>{title}</h1><p class='date'>15/03/2024 08:00</p>{body}"
        f"<p class='author'>Phóng viên {number}</p></article>",
    )


def magazine_shell(number: int, title: str) -> str:
    return shell(title, f"<div id='noi-dung' data-nguon='/api/bai-viet/{number}'>Đang tải</div>")


class JsPortal:
    """The portal on a free port; `requests` lists the paths asked for, in order."""

    def __init__(
        self, count: int = len(TOPICS), per_page: int = PER_PAGE, server_rendered: bool = False
    ) -> None:
        self.articles = {path: (title, n) for path, title, n in article_list(count)}
        self.titles = {n: (path, title) for path, (title, n) in self.articles.items()}
        self.feeds = feed_lists(count)
        self.per_page = per_page
        self.server_rendered = server_rendered
        self.requests: list[str] = []
        self.agents: dict[str, str] = {}  # path → User-Agent it was last asked with
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "JsPortal":
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def write_sources(
        self, path: Path, render: str | None, slug: str = "sonlam", start: tuple[str, ...] = ("/",)
    ) -> Path:
        urls = ", ".join(f'"{self.base_url}{p}"' for p in start)
        lines = [
            f"[sources.{slug}]",
            'name = "Báo Sơn Lâm"',
            'province = "Sơn Lâm"',
            'kind = "paper"',
            f"start_urls = [{urls}]",
            "article_pattern = '-\\d+\\.html$'",
        ]
        if render:
            lines.append(f'render = "{render}"')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def page(self, target: str) -> tuple[int, str, bytes]:
        parts = urlsplit(target)
        path, query = parts.path, parse_qs(parts.query)
        number = int(query.get("trang", ["1"])[0])
        feed = {"/": "tin-moi"} | {f"/chuyen-muc/{s}": s for s in self.feeds if s != "tin-moi"}
        if path in self.articles:
            return self._html(self._article(path))
        if path in feed:
            return self._html(self._listing(feed[path], number))
        if path == "/api/chuyen-muc":
            return self._json(MENU)
        if path.startswith("/api/bai-viet/"):
            return self._json(self._magazine(int(path.rsplit("/", 1)[1])))
        if path.startswith("/api/") and path[5:] in self.feeds:
            return self._json(self._feed(path[5:], number))
        if path == "/cham":  # a page whose script never finishes loading
            return self._html(shell("Trang chậm", "<script src='/static/cham.js'></script>"))
        if path == "/static/cham.js":
            time.sleep(SLOW_SECONDS)
            return 200, "application/javascript", b"document.title = 'xong';"
        if path == "/static/app.js":
            return 200, "application/javascript; charset=utf-8", APP_JS.encode("utf-8")
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow: /api/thong-ke\n"
        return 404, "text/html; charset=utf-8", "<p>Không tìm thấy</p>".encode()

    def _article(self, path: str) -> str:
        title, number = self.articles[path]
        if "/emagazine/" in path and not self.server_rendered:
            return magazine_shell(number, title)
        return article_page(number, title)

    def _listing(self, feed: str, number: int) -> str:
        title = SECTIONS.get(feed, "Tin mới")
        if not self.server_rendered:
            return listing(title, feed)
        page = self._feed(feed, number)
        items = "".join(
            f"<li><a href='{b['duong_dan']}'>{b['tieu_de']}</a><p>{b['sapo']}</p></li>"
            for b in page["bai_viet"]
        )
        more = f"<a href='?trang={number + 1}'>Xem thêm</a>" if page["con_nua"] else ""
        menu = "".join(f"<a href='{m['duong_dan']}'>{m['ten']}</a>" for m in MENU)
        return shell(title, f"<nav>{menu}</nav><h1>{title}</h1><ul>{items}</ul>{more}")

    def _feed(self, feed: str, page: int) -> dict:
        numbers = self.feeds[feed]
        size = self.per_page
        chosen = numbers[(page - 1) * size : page * size] if page > 0 else []
        return {
            "bai_viet": [
                {"tieu_de": self.titles[n][1], "duong_dan": self.titles[n][0], "sapo": "Tóm tắt"}
                for n in chosen
            ],
            "con_nua": page * size < len(numbers),
        }

    def _magazine(self, number: int) -> dict:
        return {
            "tieu_de": self.titles[number][1],
            "ngay": "15/03/2024 08:00",
            "tac_gia": f"Phóng viên {number}",
            "doan": paragraphs(number),
        }

    @staticmethod
    def _html(text: str) -> tuple[int, str, bytes]:
        return 200, "text/html; charset=utf-8", text.encode("utf-8")

    @staticmethod
    def _json(value: object) -> tuple[int, str, bytes]:
        return (
            200,
            "application/json; charset=utf-8",
            json.dumps(value, ensure_ascii=False).encode(),
        )

    def _handler(self):
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                portal.requests.append(self.path)
                portal.agents[self.path] = self.headers.get("User-Agent", "")
                status, ctype, body = portal.page(self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
