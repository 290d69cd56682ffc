"""A researcher's view: real headless Chromium searching the served archive without diacritics."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_search import build_archive

from crawler.crawl import render

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", *render.CHROMIUM_ARGS]  # the crawler's own flags


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


def svg_texts(locator) -> list[str]:
    return locator.evaluate_all("nodes => nodes.map(node => node.textContent)")


BAR_COLOUR = (0x2F, 0x6D, 0xB5)  # the bar colour of the per-month chart in metadata.yml


def bar_columns(png: bytes) -> list[tuple[int, int]]:
    """(first x, height in pixels) of each run of columns holding the bar colour."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = image.load()
    heights = [
        sum(
            1
            for y in range(image.height)
            if all(abs(a - b) <= 12 for a, b in zip(pixels[x, y], BAR_COLOUR, strict=True))
        )
        for x in range(image.width)
    ]
    runs, start = [], None
    for x, height in enumerate([*heights, 0]):
        if height and start is None:
            start = x
        elif not height and start is not None:
            runs.append((start, max(heights[start:x])))
            start = None
    return runs


def test_coverage_chart_shows_every_month_with_zeros_labels_and_values(page, server_url, tmp_path):
    page.goto(f"{server_url}/-/dashboards/coverage?by=province_now")
    chart = page.locator("#chart-per-month")
    chart.locator("svg .mark-rect.role-mark path").first.wait_for()
    labels = svg_texts(chart.locator("svg text"))
    months = ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert [label for label in labels if label[:2] == "20" and len(label) == 7] == months
    assert "Month of publication" in labels and "Articles" in labels
    values = svg_texts(chart.locator("svg .mark-text.role-mark text"))
    assert values == ["1", "0", "1", "1", "1", "0", "1"]  # the zero months carry a 0
    png = chart.screenshot(path=str(tmp_path / "coverage-per-month.png"))
    bars = bar_columns(png)
    assert len(bars) == 5  # one drawn bar per month with articles; the two empty months none
    assert len({height for _, height in bars}) == 1 and bars[0][1] > 20
    gaps = [b[0] - a[0] for a, b in zip(bars, bars[1:], strict=False)]
    assert gaps[0] > 1.5 * gaps[1]  # 2023-12 is an empty slot between the first two bars

    grid = page.locator("#chart-by-group")
    grid.locator("svg .mark-rect.role-mark path").first.wait_for()
    assert grid.locator("svg .mark-rect.role-mark path").count() == 7 * 2
    assert {"Đà Nẵng", "Hồ Chí Minh"} <= set(svg_texts(grid.locator("svg text")))
    page.screenshot(path=str(tmp_path / "coverage.png"), full_page=True)
