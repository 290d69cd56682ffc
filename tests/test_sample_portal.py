"""The sample portals serve a consistent, fully linked offline web for crawl tests.

Every check makes real HTTP requests to a running ``PortalServer``.
"""

from __future__ import annotations

import html
import json
import re
import signal
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest

# `sample/` is a fixture package at the repo root, not an installed one.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sample.server import PORTALS_DIR, PortalServer  # noqa: E402

EXPECTED = json.loads((PORTALS_DIR.parent / "expected.json").read_text("utf-8"))
AGENT = "sample-portal-test/1.0"
LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src"}


@pytest.fixture(scope="module")
def server() -> Iterator[PortalServer]:
    with PortalServer() as running:
        yield running


def fetch(url: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": AGENT})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def get_text(server: PortalServer, slug: str, path: str) -> str:
    status, _, body = fetch(server.base_url(slug) + path)
    assert status == 200, path
    return body.decode("utf-8")


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRS.get(tag)
        self.links += [value for name, value in attrs if name == wanted and value]


def links_in(text: str, page_url: str) -> list[str]:
    """Absolute http(s) links of a page: anchors, assets, sitemap <loc>, feed <link>."""
    if text.lstrip().startswith("<?xml"):
        raw = re.findall(r"<(?:loc|link)>([^<]+)</(?:loc|link)>", text)
    else:
        parser = LinkParser()
        parser.feed(text)
        raw = parser.links
    absolute = (urljoin(page_url, html.unescape(link)) for link in raw)
    return [url.split("#")[0] for url in absolute if url.startswith("http")]


def served_paths(slug: str) -> list[str]:
    """URL paths of the portal's files; query variants are reached through links."""
    root = PORTALS_DIR / slug
    paths = []
    for file in sorted(root.rglob("*")):
        if not file.is_file() or "__" in file.name or file.name == "source.toml":
            continue
        relative = "/" + file.relative_to(root).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def same_host(server: PortalServer, url: str) -> bool:
    return any(url.startswith(server.base_url(slug) + "/") for slug in server.slugs())


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_portal_has_a_source_template(server: PortalServer) -> None:
    assert server.slugs() == ["baosongthu", "phuocson"]


def test_text_files_are_served_with_base_urls_substituted(server: PortalServer) -> None:
    for slug in server.slugs():
        for path in served_paths(slug):
            status, ctype, body = fetch(server.base_url(slug) + path)
            assert status == 200, path
            if not ctype.startswith("image/"):
                assert b"{{BASE" not in body, path


def test_cross_portal_marker_points_at_the_other_portal(server: PortalServer) -> None:
    copy = next(d for d in EXPECTED["duplicates"] if d["kind"] == "near")
    text = get_text(server, copy["source"], copy["path"])
    assert server.base_url("baosongthu") + "/thoi-su/" in text


def test_missing_path_is_404_with_html_body(server: PortalServer) -> None:
    status, ctype, body = fetch(server.base_url("baosongthu") + "/khong-co-trang-nay.html")
    assert (status, ctype) == (404, "text/html; charset=utf-8")
    assert b"<html" in body


def test_path_escaping_the_portal_folder_is_404(server: PortalServer) -> None:
    status, _, _ = fetch(server.base_url("phuocson") + "/../baosongthu/robots.txt")
    assert status == 404


def test_query_maps_to_its_own_file_when_one_exists(server: PortalServer) -> None:
    first = get_text(server, "phuocson", "/tin-tuc.aspx")
    second = get_text(server, "phuocson", "/tin-tuc.aspx?page=2")
    assert first != second
    assert "Trang 2" in second


def test_unknown_query_is_ignored(server: PortalServer) -> None:
    variant = next(d for d in EXPECTED["duplicates"] if d["kind"] == "exact-url-variant")
    plain = variant["path"].split("?")[0]
    assert get_text(server, "phuocson", variant["path"]) == get_text(server, "phuocson", plain)


@pytest.mark.parametrize(
    ("slug", "path", "content_type"),
    [
        ("baosongthu", "/", "text/html; charset=utf-8"),
        ("baosongthu", "/sitemap.xml", "application/xml"),
        ("baosongthu", "/rss/tin-moi.rss", "application/rss+xml"),
        ("baosongthu", "/robots.txt", "text/plain; charset=utf-8"),
        ("baosongthu", "/img/logo-song-thu.png", "image/png"),
        ("phuocson", "/tin-tuc.aspx", "text/html; charset=utf-8"),
        ("phuocson", "/tin-tuc.aspx?page=2", "text/html; charset=utf-8"),
        ("phuocson", "/rss.aspx", "application/rss+xml"),
    ],
)
def test_content_types(server: PortalServer, slug: str, path: str, content_type: str) -> None:
    status, ctype, _ = fetch(server.base_url(slug) + path)
    assert (status, ctype) == (200, content_type)


def test_robots_txt_matches_the_portal_rules(server: PortalServer) -> None:
    robots = get_text(server, "baosongthu", "/robots.txt")
    assert "Crawl-delay: 0.1" in robots
    assert f"Sitemap: {server.base_url('baosongthu')}/sitemap.xml" in robots
    assert "Crawl-delay" not in get_text(server, "phuocson", "/robots.txt")


def test_disallowed_pages_exist_but_robots_forbid_them(server: PortalServer) -> None:
    for entry in EXPECTED["disallowed"]:
        base = server.base_url(entry["source"])
        robots = RobotFileParser(base + "/robots.txt")
        robots.read()
        assert not robots.can_fetch(AGENT, base + entry["path"])
        assert fetch(base + entry["path"])[0] == 200


def test_every_link_between_portal_pages_resolves(server: PortalServer) -> None:
    broken = []
    for slug in server.slugs():
        pages = [server.base_url(slug) + p for p in served_paths(slug)]
        pages += [server.base_url(slug) + "/tin-tuc.aspx?page=2"] if slug == "phuocson" else []
        for page in pages:
            status, ctype, body = fetch(page)
            if ctype.startswith(("image/", "text/css")):
                continue
            for url in filter(lambda u: same_host(server, u), links_in(body.decode(), page)):
                if fetch(url)[0] != 200:
                    broken.append((page, url))
    assert broken == []


def test_expected_pages_serve_their_titles(server: PortalServer) -> None:
    for entry in EXPECTED["articles"] + EXPECTED["duplicates"]:
        text = html.unescape(get_text(server, entry["source"], entry["path"]))
        assert title_of(entry) in text, entry["path"]
    for entry in EXPECTED["non_articles"]:
        get_text(server, entry["source"], entry["path"])


def title_of(entry: dict) -> str:
    """An article's title; a URL variant shows the title of the article it repeats."""
    path = entry["path"].split("?")[0]
    return next(
        a["title"]
        for a in EXPECTED["articles"]
        if (a["source"], a["path"]) == (entry["source"], path)
    )


def visible_text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_snippets_are_really_on_the_pages(server: PortalServer) -> None:
    """must_contain is on the page; must_not_contain is too, as boilerplate to drop."""
    for entry in EXPECTED["articles"]:
        text = visible_text(get_text(server, entry["source"], entry["path"]))
        for snippet in entry["must_contain"] + entry["must_not_contain"]:
            assert snippet in text, (entry["path"], snippet)


def test_distinct_stories_share_no_body_text(server: PortalServer) -> None:
    pages = {
        (a["source"], a["path"]): visible_text(get_text(server, a["source"], a["path"]))
        for a in EXPECTED["articles"]
    }
    for entry in EXPECTED["articles"]:
        for other in EXPECTED["articles"]:
            if other["story"] == entry["story"]:
                continue
            text = pages[(other["source"], other["path"])]
            assert not any(s in text for s in entry["must_contain"][1:]), (entry, other["path"])


def reachable_by_links(server: PortalServer, slug: str) -> set[str]:
    """Paths reached from the start page by following same-portal links robots allow."""
    base = server.base_url(slug)
    robots = RobotFileParser(base + "/robots.txt")
    robots.read()
    seen, queue = {"/"}, ["/"]
    while queue:
        status, ctype, body = fetch(base + queue.pop())
        if status != 200 or not ctype.startswith("text/html"):
            continue
        for url in links_in(body.decode(), base + "/"):
            path = path_of(url)
            if url.startswith(base + "/") and path not in seen and robots.can_fetch(AGENT, url):
                seen.add(path)
                queue.append(path)
    return seen


def sitemap_paths(server: PortalServer, slug: str) -> set[str]:
    base = server.base_url(slug)
    found, queue = set(), [base + "/sitemap.xml"]
    while queue:
        status, _, body = fetch(queue.pop())
        if status != 200:
            continue
        text = body.decode()
        locs = re.findall(r"<loc>([^<]+)</loc>", text)
        if "<sitemapindex" in text:
            queue += locs
        else:
            found |= {path_of(loc) for loc in locs}
    return found


def feed_paths(feeds: list[str]) -> set[str]:
    paths = set()
    for feed in feeds:
        text = fetch(feed)[2].decode()
        paths |= {path_of(u) for u in re.findall(r"<item>.*?<link>([^<]+)</link>", text, re.S)}
    return paths


def test_found_via_matches_the_live_link_graph(server: PortalServer, tmp_path: Path) -> None:
    sources = tomllib.loads(server.write_sources(tmp_path / "sources.toml").read_text())
    for slug, source in sources["sources"].items():
        routes = {
            "listing": reachable_by_links(server, slug),
            "sitemap": sitemap_paths(server, slug),
            "feed": feed_paths(source["feeds"]),
        }
        for entry in (a for a in EXPECTED["articles"] if a["source"] == slug):
            actual = [name for name, paths in routes.items() if entry["path"] in paths]
            assert actual == entry["found_via"], entry["path"]


def test_every_article_is_discoverable(server: PortalServer) -> None:
    assert all(entry["found_via"] for entry in EXPECTED["articles"])


def test_article_pattern_tells_articles_from_other_pages(
    server: PortalServer, tmp_path: Path
) -> None:
    sources = tomllib.loads(server.write_sources(tmp_path / "sources.toml").read_text())["sources"]
    for entry in EXPECTED["articles"]:
        assert re.search(sources[entry["source"]]["article_pattern"], entry["path"])
    listings = [e for e in EXPECTED["non_articles"] if "listing" in e["why"] or "print" in e["why"]]
    for entry in listings:
        assert not re.search(sources[entry["source"]]["article_pattern"], entry["path"])


def test_write_sources_points_at_the_live_ports(server: PortalServer, tmp_path: Path) -> None:
    written = server.write_sources(tmp_path / "sources.toml")
    sources = tomllib.loads(written.read_text("utf-8"))["sources"]
    assert set(sources) == {"baosongthu", "phuocson"}
    for slug, source in sources.items():
        urls = source["start_urls"] + source.get("sitemaps", []) + source["feeds"]
        assert all(url.startswith(server.base_url(slug) + "/") for url in urls)
        assert all(fetch(url)[0] == 200 for url in urls)


def test_requests_are_logged_with_status_and_user_agent(server: PortalServer) -> None:
    fetch(server.base_url("phuocson") + "/tin-tuc.aspx?page=2")
    fetch(server.base_url("phuocson") + "/khong-co.aspx")
    logged = [(r.slug, r.method, r.path, r.status, r.user_agent) for r in server.requests]
    assert ("phuocson", "GET", "/tin-tuc.aspx?page=2", 200, AGENT) in logged
    assert ("phuocson", "GET", "/khong-co.aspx", 404, AGENT) in logged


def test_command_line_server_prints_ready_and_stops_cleanly(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    command = [sys.executable, "-m", "sample.server", "--sources-out", str(sources)]
    root = Path(__file__).resolve().parents[1]
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, text=True) as process:
        lines = [process.stdout.readline().strip() for _ in range(3)]
        assert lines[-1] == "READY"
        base = lines[0].split()[1]
        assert fetch(base + "/robots.txt")[0] == 200
        assert base in sources.read_text("utf-8")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0


def test_listed_on_pages_link_to_their_articles(server: PortalServer) -> None:
    for entry in EXPECTED["articles"]:
        base = server.base_url(entry["source"])
        for page in entry["listed_on"]:
            links = links_in(get_text(server, entry["source"], page), base + page)
            assert base + entry["path"] in links, (page, entry["path"])
