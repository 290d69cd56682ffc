"""The `archive` command line: documented commands, clear errors, JSON Lines extraction."""

import json

import pytest
from click.testing import CliRunner

from crawler.cli import main

PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Phước Sơn: kết nạp 15 đảng viên mới - Cổng TTĐT huyện Phước Sơn</title></head>
<body><div class="menu"><a href="/">Trang chủ</a></div><article>
<h1>Phước Sơn: kết nạp 15 đảng viên mới</h1>
<p>Sáng 12/3, Huyện ủy Phước Sơn tổ chức lễ kết nạp đảng viên mới cho 15 quần chúng ưu tú là
người đồng bào Bh'noong tại các xã vùng cao của huyện.</p>
<p>Phát biểu tại buổi lễ, Bí thư Huyện ủy đề nghị các đảng viên mới tiếp tục rèn luyện, phát huy
vai trò tiên phong trong phát triển kinh tế, giữ gìn an ninh trật tự ở thôn bản.</p>
<p>Năm 2024, Đảng bộ huyện phấn đấu kết nạp thêm 80 đảng viên, chú trọng đoàn viên thanh niên
và người có uy tín trong cộng đồng.</p></article></body></html>"""


def commands():
    return sorted(main.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_help_ends_with_an_example(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"archive {name}" in result.output.split("Example:")[1]


def test_top_level_help_lists_commands_and_an_example():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "Example:" in result.output
    for name in commands():
        assert name in result.output


def test_unknown_source_is_a_one_line_error_with_exit_2(tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text('[sources.a]\nname="A"\nprovince="Huế"\nstart_urls=["http://a.vn/"]\n')
    result = CliRunner().invoke(main, ["crawl", "zzz", "--sources", str(registry)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "unknown source zzz" in result.output


def test_malformed_setting_override_is_refused(tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text('[sources.a]\nname="A"\nprovince="Huế"\nstart_urls=["http://a.vn/"]\n')
    result = CliRunner().invoke(main, ["crawl", "a", "--sources", str(registry), "-s", "delay"])
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.output


def test_extract_prints_one_json_object_per_file(tmp_path):
    page = tmp_path / "bai.html"
    page.write_text(PAGE, encoding="utf-8")
    empty = tmp_path / "rong.html"
    empty.write_text("<html><body><a href='/'>Trang chủ</a></body></html>", encoding="utf-8")
    url = "https://phuocson.quangnam.gov.vn/tin-tuc/4521-ket-nap-dang-vien.aspx"
    result = CliRunner().invoke(main, ["extract", str(page), str(empty), "--url", url])
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["file"] == str(page) and first["url"] == url
    assert first["title"] == "Phước Sơn: kết nạp 15 đảng viên mới"
    assert "đồng bào Bh'noong" in first["text"]
    assert {"published", "author", "language"} <= set(first)
    assert second["file"] == str(empty) and "error" in second


def test_dedup_rebuild_twice_reports_the_same_clusters(tmp_path):
    from crawler.extract import Extracted
    from crawler.store.archive import Archive

    db = tmp_path / "archive.db"
    text = "\n\n".join(
        f"Đoạn {n}: huyện Phước Sơn triển khai kế hoạch phát triển đảng viên ở thôn {n}, "
        f"gắn với xây dựng nông thôn mới và giữ gìn an ninh vùng biên giới."
        for n in range(8)
    )
    with Archive(db) as archive:
        for n, url in enumerate(("http://a.vn/tin-1.html", "http://b.vn/bai-2.html")):
            body = text if n == 0 else "(BST) - " + text + "\n\nThêm một câu của trang huyện."
            archive.store_article(
                None, "a" if n == 0 else "b", url, Extracted(url=url, title=f"Tin {n}", text=body)
            )
    first = CliRunner().invoke(main, ["dedup", "--rebuild", "--db", str(db)])
    second = CliRunner().invoke(main, ["dedup", "--rebuild", "--db", str(db)])
    assert first.exit_code == second.exit_code == 0, first.output
    assert "articles=1" in first.output and "clusters=1" in first.output
    assert first.output == second.output


def test_search_on_a_missing_archive_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["search", "phuoc son", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 2
    assert "no such archive" in result.output
