"""The shipped registry and the registry's public shape."""

from pathlib import Path

import pytest

from crawler.sources import SourceError, load_sources, select_sources

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_registry_loads_and_names_the_central_provinces():
    registry = load_sources(ROOT / "sources.toml")
    provinces = {source.province for source in registry.values()}
    assert {"Quảng Nam", "Đà Nẵng", "Huế"} <= provinces
    assert all(not source.checked_live for source in registry.values())


def test_allowed_domains_default_to_start_url_hosts_without_port(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        '[sources.mau]\nname = "Mẫu"\nprovince = "Quảng Nam"\n'
        'start_urls = ["http://127.0.0.1:8801/"]\n',
        encoding="utf-8",
    )
    (source,) = select_sources(path, ["mau"])
    assert source.allowed_domains == ("127.0.0.1",)
    assert source.allows_host("127.0.0.1")
    assert not source.allows_host("127.0.0.2")
    assert source.is_article_url("http://127.0.0.1:8801/a-1.html") is None


def test_a_source_on_an_explicit_port_keeps_to_that_port(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        '[sources.mau]\nname = "Mẫu"\nprovince = "Huế"\nstart_urls = ["http://127.0.0.1:8801/"]\n'
        '[sources.bao]\nname = "Báo"\nprovince = "Huế"\nstart_urls = ["https://bao.vn/"]\n',
        encoding="utf-8",
    )
    local, paper = select_sources(path, ["mau", "bao"])
    assert local.allows_url("http://127.0.0.1:8801/tin/a-1.html")
    assert not local.allows_url("http://127.0.0.1:8802/tin/a-1.html")
    assert not local.allows_url("ftp://127.0.0.1:8801/a")
    assert paper.allows_url("http://m.bao.vn:8080/a-1.html")


def test_subdomains_are_in_scope_lookalikes_are_not(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(
        '[sources.bqn]\nname = "Báo Quảng Nam"\nprovince = "Quảng Nam"\n'
        "start_urls = [\"https://baoquangnam.vn/\"]\narticle_pattern = '-\\d+\\.html$'\n",
        encoding="utf-8",
    )
    (source,) = select_sources(path, ["bqn"])
    assert source.allows_host("m.baoquangnam.vn")
    assert not source.allows_host("fakebaoquangnam.vn")
    assert source.is_article_url("https://baoquangnam.vn/thoi-su/le-hoi-123.html")
    assert not source.is_article_url("https://baoquangnam.vn/thoi-su/")


def test_unknown_slug_error_lists_the_known_ones():
    with pytest.raises(SourceError, match="unknown source nowhere .*known: .*baoquangnam"):
        select_sources(ROOT / "sources.toml", ["nowhere"])
