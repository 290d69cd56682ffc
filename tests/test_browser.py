"""A researcher's view: real headless Chromium searching the served archive without diacritics."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_search import build_archive

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {server.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"server not up at {url}")


@pytest.fixture
def server_url(tmp_path):
    db = build_archive(tmp_path / "archive.db")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "crawler.serve.app", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/-/versions.json", server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian Chromium is missing at /usr/bin/chromium: run `make test`, which installs it"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def search_through_form(page, base_url: str, query: str) -> str:
    page.goto(f"{base_url}/archive/search")
    page.fill("input[name=q]", query)
    page.click("input[type=submit]")
    page.wait_for_selector("table.rows-and-columns")
    return page.inner_text("table.rows-and-columns")


def test_researcher_finds_vietnamese_articles_typing_without_diacritics(page, server_url, tmp_path):
    results = search_through_form(page, server_url, "phuoc son")
    assert "Phước Sơn kết nạp đảng viên mới" in results
    page.screenshot(path=str(tmp_path / "search-phuoc-son.png"), full_page=True)

    results = search_through_form(page, server_url, "dang vien")
    assert "Phước Sơn kết nạp đảng viên mới" in results
    assert "Đảng viên trẻ Bình Dương" in results
    assert page.locator("mark").first.inner_text().lower() in {"đảng", "viên"}
    page.screenshot(path=str(tmp_path / "search-dang-vien.png"), full_page=True)

    page.click("table.rows-and-columns a[href^='/-/article/']")
    page.wait_for_selector("article.article-text h1")
    assert "Every copy of this article" in page.content()
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert (tmp_path / "search-dang-vien.png").stat().st_size > 0
