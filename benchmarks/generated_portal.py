"""A generated provincial news portal of N articles, and a small server that is never the limit.

    python benchmarks/generated_portal.py generate DIR --n 2000
    python benchmarks/generated_portal.py serve DIR     # prints "port <n>", serves until killed

Pages imitate a provincial paper's article page (about 40 KB of HTML): a head full of meta and
inline script, a menu of every section, the article with sapo, figure, signature line and tags,
then "Tin liên quan", "Xem nhiều nhất", a comment form and the footer. Sections have paginated
listings (20 articles a page) linked from the home page. Every file is written as HTML (read
by the plain-trafilatura baseline) and gzipped (sent to clients asking for gzip, as portals do).

The server is asyncio with keep-alive, answering from those files; it runs in its own process,
so its CPU is apart from the crawler's.
"""

import argparse
import asyncio
import gzip
import random
import sys
from pathlib import Path

SECTIONS = {
    "thoi-su": "Thời sự",
    "kinh-te": "Kinh tế",
    "xa-hoi": "Xã hội",
    "van-hoa": "Văn hóa",
    "giao-duc": "Giáo dục",
    "the-thao": "Thể thao",
    "phap-luat": "Pháp luật",
    "nong-nghiep": "Nông nghiệp",
}
PER_LISTING = 20
FIRST_ID = 100000
_TEXT = (
    "ủy ban nhân dân huyện tỉnh xã thị trấn hội nghị tổ chức triển khai công tác năm kế hoạch "
    "chương trình phát triển kinh tế xã hội người dân đồng chí lãnh đạo chủ tịch phó bí thư "
    "đảng ủy mặt trận tổ quốc đoàn thanh niên phụ nữ nông dân cựu chiến binh cơ quan đơn vị "
    "địa phương trên địa bàn thực hiện nhiệm vụ giải pháp đầu tư xây dựng công trình đường giao "
    "thông trường học trạm y tế nước sạch điện lưới nông thôn mới giảm nghèo bền vững hỗ trợ "
    "sinh kế vốn vay ưu đãi ngân sách giải ngân tiến độ hoàn thành chỉ tiêu đạt vượt so với "
    "cùng kỳ tăng giảm tiếp tục đẩy mạnh nâng cao chất lượng hiệu quả quản lý nhà nước an ninh "
    "trật tự quốc phòng phòng chống thiên tai mưa bão lũ lụt sạt lở di dời du lịch văn hóa lễ "
    "hội truyền thống đồng bào dân tộc thiểu số miền núi vùng cao biên giới rừng trồng bảo vệ "
    "môi trường sản xuất lúa ngô sắn cây keo chăn nuôi thủy sản doanh nghiệp hợp tác xã"
)
WORDS = _TEXT.split()
NAMES = ("Hoàng Liên", "Minh Thư", "Văn Phong", "Thu Hà", "Quốc Tuấn", "Ngọc Ánh", "Đức Trí")
SCRIPT = "var _cfg={" + ",".join(f'"k{i}":"{"x" * 40}"' for i in range(300)) + "};"


def sentence(draw: random.Random, n: int) -> str:
    words = draw.choices(WORDS, k=n)
    return " ".join(words).capitalize() + "."


def article_path(number: int) -> str:
    section = list(SECTIONS)[number % len(SECTIONS)]
    return f"/{section}/bai-viet-ve-hoat-dong-dia-phuong-so-{FIRST_ID + number}.html"


def title(number: int) -> str:
    draw = random.Random(number * 7919)
    return sentence(draw, 12).rstrip(".") + f" ({number})"


def menu() -> str:
    """Every section, and a mega-menu of its first listing pages (all of them real pages)."""
    links = "".join(
        f"<li><a href='/chuyen-muc/{s}/trang/1/'>{t}</a></li>" for s, t in SECTIONS.items()
    )
    more = "".join(
        f"<li><a href='/chuyen-muc/{s}/trang/{k}/'>{t} {WORDS[k * 7 % 90]} {k}</a></li>"
        for k in range(1, 6)
        for s, t in SECTIONS.items()
    )
    return f"<nav class='menu'><ul>{links}</ul><ul class='sub'>{more * 3}</ul></nav>"


def head(page_title: str, extra: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{page_title}</title>"
        "<meta name='viewport' content='width=device-width'>"
        f"<link rel='stylesheet' href='/css/site.css'>{extra}<script>{SCRIPT}</script></head>"
    )


def box(heading: str, numbers: list[int], n: int) -> str:
    items = "".join(
        f"<li><a href='{article_path(i)}'><img src='/img/t{i}.jpg'>{title(i)}</a>"
        f"<p>{sentence(random.Random(i), 25)}</p></li>"
        for i in numbers
    )
    return f"<div class='box'><h3>{heading}</h3><ul>{items}</ul></div>" if n else ""


def article_html(number: int, n: int) -> str:
    draw = random.Random(number)
    section = list(SECTIONS)[number % len(SECTIONS)]
    day = 1 + number % 28
    paragraphs = [
        " ".join(sentence(draw, draw.randint(14, 30)) for _ in range(draw.randint(3, 6)))
        for _ in range(draw.randint(7, 14))
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    related = [draw.randrange(n) for _ in range(6)]
    popular = [(number * 31 + k * 97) % n for k in range(12)]
    url = article_path(number)
    meta = (
        f"<meta property='og:type' content='article'><meta property='og:title' "
        f"content='{title(number)}'><link rel='canonical' href='{url}'>"
        f"<meta name='keywords' content='{', '.join(draw.sample(WORDS, 4))}'>"
    )
    return (
        f"{head(title(number), meta)}<body><header><div class='logo'>Báo Sông Thu</div>{menu()}"
        "</header><div class='container'><main><div class='breadcrumb'><a href='/'>Trang chủ</a>"
        f" › <a href='/chuyen-muc/{section}/trang/1/'>{SECTIONS[section]}</a></div>"
        f"<article><h1 class='title'>{title(number)}</h1>"
        f"<div class='date'>Thứ hai, {day:02d}/03/2024 08:{number % 60:02d}</div>"
        f"<p class='sapo'><strong>{paragraphs[0]}</strong></p>"
        f"<figure><img src='/img/{number}.jpg'><figcaption>{sentence(draw, 10)}</figcaption>"
        f"</figure>{body}<p style='text-align:right'><strong>{draw.choice(NAMES).upper()}"
        "</strong></p><div class='tags'>Từ khóa: "
        + "".join(
            f"<a href='/chuyen-muc/{section}/trang/2/'>{w}</a>" for w in draw.sample(WORDS, 3)
        )
        + "</div><div class='share'>Chia sẻ: Facebook Zalo In bài</div></article>"
        f"{box('Tin liên quan', related, n)}"
        "<form class='comment' action='/binh-luan' method='post'><h3>Ý kiến bạn đọc</h3>"
        "<input name='ten' placeholder='Họ tên'><textarea name='noi_dung'></textarea>"
        "<button>Gửi bình luận</button></form></main>"
        f"<aside>{box('Xem nhiều nhất', popular, n)}{box('Mới nhất', popular[::-1], n)}"
        f"{box('Tiêu điểm', popular[3:9], n)}</aside>"
        "</div><footer><p>Báo Sông Thu – Cơ quan của Đảng bộ tỉnh. Giấy phép số 123/GP-BTTTT."
        "</p><p>Địa chỉ: 01 Trần Phú, TP Tam Kỳ. Điện thoại: 0235 123 456.</p></footer>"
        "</body></html>"
    )


def listing_html(section: str, page: int, numbers: list[int], last: bool) -> str:
    items = "".join(
        f"<div class='item'><a href='{article_path(i)}'><h2>{title(i)}</h2></a></div>"
        for i in numbers
    )
    pages = f"<a class='next' href='/chuyen-muc/{section}/trang/{page + 1}/'>Trang sau</a>"
    return (
        f"{head(SECTIONS[section])}<body><header>{menu()}</header><main><h1>{SECTIONS[section]}"
        f"</h1>{items}{'' if last else pages}</main><footer>Báo Sông Thu</footer></body></html>"
    )


def generate(root: Path, n: int) -> list[str]:
    """Write the portal under `root`; returns the article paths."""
    pages: dict[str, str] = {"/robots.txt": "User-agent: *\nAllow: /\n"}
    by_section: dict[str, list[int]] = {s: [] for s in SECTIONS}
    for number in range(n):
        by_section[list(SECTIONS)[number % len(SECTIONS)]].append(number)
    links = "".join(f"<a href='/chuyen-muc/{s}/trang/1/'>{t}</a>" for s, t in SECTIONS.items())
    latest = box("Tin mới nhất", list(range(max(0, n - 20), n)), n)
    pages["/"] = f"{head('Báo Sông Thu')}<body>{menu()}<main>{links}{latest}</main></body></html>"
    for section, numbers in by_section.items():
        chunks = [numbers[i : i + PER_LISTING] for i in range(0, len(numbers), PER_LISTING)]
        for page, chunk in enumerate(chunks, 1):
            html = listing_html(section, page, chunk, page == len(chunks))
            pages[f"/chuyen-muc/{section}/trang/{page}/"] = html
    for path, html in pages.items():
        _write(root, path, html)
    for number in range(n):
        _write(root, article_path(number), article_html(number, n))
    return [article_path(number) for number in range(n)]


def _file(root: Path, path: str) -> Path:
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    return root / "site" / relative


def _write(root: Path, path: str, text: str) -> None:
    target = _file(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    target.write_bytes(data)
    target.with_name(target.name + ".gz").write_bytes(gzip.compress(data, 1, mtime=0))


# -- serving ------------------------------------------------------------------------------------


async def _answer(root: Path, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
    try:
        while True:
            head_bytes = await reader.readuntil(b"\r\n\r\n")
            lines = head_bytes.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1].split("?")[0]
            gzip_ok = any(
                line.lower().startswith("accept-encoding") and "gzip" in line for line in lines
            )
            writer.write(_response(root, path, gzip_ok))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, IndexError):
        pass
    finally:
        writer.close()


def _response(root: Path, path: str, gzip_ok: bool) -> bytes:
    target = _file(root, path)
    if ".." in path or not target.is_file():
        return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
    ctype = "text/plain" if path.endswith(".txt") else "text/html; charset=utf-8"
    encoding = ""
    if gzip_ok:
        target = target.with_name(target.name + ".gz")
        encoding = "Content-Encoding: gzip\r\n"
    body = target.read_bytes()
    head_text = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n{encoding}"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head_text.encode("ascii") + body


async def serve(root: Path, port: int) -> None:
    server = await asyncio.start_server(
        lambda r, w: _answer(root, r, w), "127.0.0.1", port, backlog=512
    )
    print("port", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["generate", "serve"])
    parser.add_argument("root", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "generate":
        paths = generate(args.root, args.n)
        print(f"{len(paths)} articles under {args.root / 'site'}", file=sys.stderr)
    else:
        asyncio.run(serve(args.root, args.port))


if __name__ == "__main__":
    main()
