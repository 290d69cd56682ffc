"""Security: the crawler never fetches outside a source's scope or onto private addresses,
and nothing from a crawled page can drive the terminal of someone reading the output."""

import asyncio
import ipaddress
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from scrapy import Request

from crawler.cli import main
from crawler.crawl.middlewares import GuardRefused, ScopeGuardMiddleware, is_public_address
from crawler.extract import Extracted
from crawler.sources import Source
from crawler.store.archive import Archive
from tests.hostile_crawl import rows, run_crawl, write_registry
from tests.hostile_server import HostileHTTPServer, article_html

PUBLIC = "203.113.131.1"  # a public address (VNPT) standing in for a portal's


class FakeSpider:
    def __init__(self, source: Source) -> None:
        self.source = source


def portal(*start_urls: str, domains: tuple[str, ...] = ()) -> FakeSpider:
    domains = domains or tuple(urlsplit(url).hostname for url in start_urls)
    return FakeSpider(
        Source(slug="p", name="P", province="Q", start_urls=start_urls, allowed_domains=domains)
    )


def guard(dns: dict[str, list[str]]) -> ScopeGuardMiddleware:
    async def resolve(host: str) -> list[str]:
        return dns.get(host, [host])

    return ScopeGuardMiddleware(resolve)


def refusal(middleware: ScopeGuardMiddleware, url: str, spider: FakeSpider) -> str | None:
    try:
        asyncio.run(middleware.check(Request(url), spider))
    except GuardRefused as exc:
        return exc.kind
    return None


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "192.0.2.1",
    ],
)
def test_private_loopback_link_local_and_special_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2001:4860:4860::8888"])
def test_ordinary_internet_addresses_are_public(address):
    assert is_public_address(address)


DNS = {
    "baoquangnam.vn": [PUBLIC],
    "m.baoquangnam.vn": ["10.0.0.5"],  # an in-scope name pointing into the intranet
    "cdn.baoquangnam.vn": [PUBLIC, "127.0.0.1"],  # one bad address among good ones
    "metadata.baoquangnam.vn": ["169.254.169.254"],
    "intranet.tinh.vn": ["10.20.0.8"],
}


@pytest.mark.parametrize(
    "url, kind",
    [
        ("https://baoquangnam.vn/tin-1.html", None),
        ("https://m.baoquangnam.vn/tin-1.html", "private-address"),
        ("https://cdn.baoquangnam.vn/tin-1.html", "private-address"),
        ("https://metadata.baoquangnam.vn/latest/meta-data/", "private-address"),
        ("http://127.0.0.1/admin", "off-site"),
        ("http://169.254.169.254/latest/meta-data/", "off-site"),
        ("https://evil.example/", "off-site"),
        ("ftp://baoquangnam.vn/x", "bad-scheme"),
    ],
)
def test_a_portal_on_a_public_name_cannot_reach_private_addresses(url, kind):
    spider = portal("https://baoquangnam.vn/")
    assert refusal(guard(DNS), url, spider) == kind


def test_a_portal_configured_on_an_intranet_address_may_fetch_that_address_only():
    spider = portal("http://intranet.tinh.vn/", domains=("tinh.vn",))
    dns = DNS | {"other.tinh.vn": ["169.254.169.254"]}
    assert refusal(guard(dns), "http://intranet.tinh.vn/tin-1.html", spider) is None
    assert refusal(guard(dns), "http://other.tinh.vn/", spider) == "private-address"


def test_every_address_of_a_host_is_checked_once_per_crawl():
    asked = []

    async def resolve(host: str) -> list[str]:
        asked.append(host)
        return [PUBLIC]

    middleware, spider = ScopeGuardMiddleware(resolve), portal("https://baoquangnam.vn/")
    for n in range(3):
        assert refusal(middleware, f"https://baoquangnam.vn/{n}.html", spider) is None
    assert asked == ["baoquangnam.vn"]


def test_the_checked_address_is_the_one_the_downloader_connects_to():
    from scrapy.resolver import dnscache

    answers = iter([[PUBLIC], ["127.0.0.1"]])  # a rebinding DNS server: public, then private

    async def resolve(host: str) -> list[str]:
        return next(answers)

    middleware, spider = ScopeGuardMiddleware(resolve), portal("https://baoquangnam.vn/")
    assert refusal(middleware, "https://baoquangnam.vn/tin-1.html", spider) is None
    assert dnscache["baoquangnam.vn"] == PUBLIC
    assert refusal(middleware, "https://baoquangnam.vn/tin-2.html", spider) is None
    assert dnscache["baoquangnam.vn"] == PUBLIC


@pytest.fixture(scope="module")
def redirect_crawl(tmp_path_factory):
    """The loopback portal redirects off-site and into private space; one listed in scope."""
    folder = tmp_path_factory.mktemp("security")
    with HostileHTTPServer() as server:
        paths = ["/bai/to-offsite.html", "/bai/to-metadata.html", "/bai/to-private.html"]
        entry = {
            "start_urls": [server.base + p for p in paths],
            # a careless registry entry listing the private hosts as its own domains
            "allowed_domains": ["127.0.0.1", "10.0.0.1", "169.254.169.254"],
            "article_pattern": "/bai/",
        }
        registry = write_registry(folder / "sources.toml", {"loopback": entry})
        result = run_crawl(folder / "archive.db", registry, "loopback", DOWNLOAD_TIMEOUT=3)
        yield server, folder / "archive.db", result


def test_redirects_into_private_space_are_refused_even_when_listed_in_scope(redirect_crawl):
    server, db, result = redirect_crawl
    assert result.returncode == 0, result.stderr[-2000:]
    kinds = dict(rows(db, "SELECT url, kind FROM crawl_errors"))
    assert kinds[server.base + "/bai/to-offsite.html"] == "off-site"
    # 10.0.0.1 and 169.254.169.254 are "in scope" here, but not the portal's own address
    refused = {url: kind for url, kind in kinds.items() if kind == "private-address"}
    assert set(refused) == {
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    }
    assert "timeout" not in kinds.values()  # refused before any connection was tried


def test_off_site_redirect_target_is_never_fetched(redirect_crawl):
    server, _, _ = redirect_crawl
    assert server.hits["/bai/good-999.html"] == 0  # localhost:port is the same server


def test_extract_output_carries_no_terminal_escapes(tmp_path):
    page = tmp_path / "tin.html"
    title = "Tin \x1b]0;pwned\x07nóng\x1b[2J \x9b31m\u202eđỏ"
    page.write_text(article_html("escape", title=title), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(page), "--url", "http://x.vn/tin-1.html"])
    assert result.exit_code == 0
    for forbidden in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert forbidden not in result.output
    assert "nóng" in json.loads(result.output)["title"]


def test_stored_titles_keep_no_control_characters(tmp_path):
    with HostileHTTPServer() as server:
        # only this page is an article, so DEPTH_LIMIT=1 ends the crawl at the home page's links
        entry = {"start_urls": [server.base + "/bai/escape.html"], "article_pattern": "/escape"}
        registry = write_registry(tmp_path / "sources.toml", {"esc": entry})
        result = run_crawl(tmp_path / "archive.db", registry, "esc", DEPTH_LIMIT=1)
    assert result.returncode == 0
    ((title, text),) = rows(tmp_path / "archive.db", "SELECT title, text FROM articles")
    assert not any(ch in title + text for ch in "\x1b\x07\x9b")


def test_serve_binds_to_localhost_by_default():
    (host,) = [p for p in main.commands["serve"].params if p.name == "host"]
    assert host.default == "127.0.0.1"


def test_serve_listens_on_loopback_only(tmp_path):
    db = tmp_path / "archive.db"
    Archive(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while (listening := listeners(port)) == [] and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert listening == ["127.0.0.1"]


def listeners(port: int) -> list[str]:
    """Addresses listening on `port`, from /proc/net/tcp and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(str(ipaddress.ip_address(bytes.fromhex(address)[::-1])))
    return found


@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/archive/articles/-/insert"),
        ("post", "/archive/-/create"),
        ("post", "/archive/articles/1/-/delete"),
        ("get", "/archive.json?sql=DELETE+FROM+articles"),
        ("get", "/archive.json?sql=UPDATE+articles+SET+title%3D'x'"),
        ("get", "/archive.json?sql=ATTACH+DATABASE+'/tmp/x.db'+AS+x"),
    ],
)
def test_serve_exposes_no_write_path(tmp_path, method, path):
    from crawler.serve.app import datasette_for

    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        crawl = archive.start_crawl("x")
        archive.store_article(crawl, "x", "http://x.vn/1.html", Extracted("u", "Tin", "Nội dung"))
    before = rows(db, "SELECT id, title FROM articles")

    async def attempt():
        datasette = datasette_for(db)
        return await getattr(datasette.client, method)(path)

    response = asyncio.run(attempt())
    assert response.status_code >= 400
    assert rows(db, "SELECT id, title FROM articles") == before
