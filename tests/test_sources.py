"""Registry and command-line validation: every bad key or argument is one line naming the
problem, exit code 2, and nothing is crawled on a half-read configuration."""

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sources import SourceError, load_sources

ROOT = Path(__file__).resolve().parent.parent
GOOD = """[sources.tot]
name = "Báo Tốt"
province = "Quảng Nam"
start_urls = ["http://127.0.0.1:9/"]
"""

# (entry lines replacing or extending the good one, words the message must contain)
BAD_ENTRIES = [
    ('[sources."Bad Slug"]\nname = "x"\nprovince = "y"\nstart_urls = ["http://a.vn/"]', "slug"),
    ("[sources]\nhong = 3", "must be a table"),
    (GOOD + "colour = 'red'", "unknown key colour"),
    (GOOD.replace('name = "Báo Tốt"\n', ""), "'name' is required"),
    (GOOD.replace('province = "Quảng Nam"\n', ""), "'province' is required"),
    (GOOD.replace('name = "Báo Tốt"', "name = 5"), "'name' must be a string"),
    (GOOD.replace('start_urls = ["http://127.0.0.1:9/"]\n', ""), "'start_urls' needs"),
    (
        GOOD.replace('["http://127.0.0.1:9/"]', '"http://127.0.0.1:9/"'),
        "'start_urls' must be a list",
    ),
    (GOOD.replace('["http://127.0.0.1:9/"]', '[""]'), "'start_urls' must be a list"),
    (GOOD.replace("http://127.0.0.1:9/", "ftp://a.vn/"), "'start_urls' has a URL"),
    (GOOD + 'sitemaps = ["/sitemap.xml"]', "'sitemaps' has a URL"),
    (GOOD + 'feeds = ["javascript:alert(1)"]', "'feeds' has a URL"),
    (GOOD + "feeds = [1]", "'feeds' must be a list"),
    (GOOD + 'allowed_domains = ["https://a.vn/tin"]', "'allowed_domains' has"),
    (GOOD + 'allowed_domains = ["a vn"]', "'allowed_domains' has"),
    (GOOD + 'allowed_domains = "a.vn"', "'allowed_domains' must be a list"),
    (GOOD + "article_pattern = '(unclosed'", "'article_pattern' is not a valid regex"),
    (GOOD + "article_pattern = 3", "'article_pattern' must be a string"),
    (GOOD + 'kind = "blog"', "'kind' must be one of"),
    (GOOD + 'prune_xpath = ["//div[@class="]', "'prune_xpath' has an invalid XPath"),
    (GOOD + 'prune_xpath = "//div"', "'prune_xpath' must be a list"),
    (GOOD + 'schedule = "every day"', "'schedule' is not a cron expression"),
    (GOOD + 'schedule = ["0 6 * * *"]', "'schedule' must be a string"),
    (GOOD + 'checked_live = "yes"', "'checked_live' must be true or false"),
    (GOOD + "notes = 1", "'notes' must be a string"),
    (GOOD + 'render = "javascript"', "'render' must be one of http, auto, browser"),
    (GOOD + "render = true", "'render' must be a string"),
    ("[sources.tot\nname = 1", "not valid TOML"),
    ("title = 'no sources here'", "no [sources.<slug>] tables"),
]


def archive(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "crawler.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.mark.parametrize("text, message", BAD_ENTRIES, ids=[m for _, m in BAD_ENTRIES])
def test_every_bad_registry_key_is_named_in_the_error(tmp_path, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_sources(path)


@pytest.mark.parametrize("text, message", BAD_ENTRIES[:6], ids=[m for _, m in BAD_ENTRIES[:6]])
def test_a_bad_registry_is_one_line_exit_2_and_no_crawl(tmp_path, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text + "\n" + GOOD.replace("tot", "khac"), encoding="utf-8")
    result = archive("crawl", "khac", "--sources", str(path), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("archive: error: ") and message in line
    assert not (tmp_path / "a.db").exists()  # the good entry beside it was not crawled


def test_a_registry_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(SourceError, match="not valid TOML"):
        load_sources(path)


def test_a_missing_registry_is_a_clear_error(tmp_path):
    result = archive("crawl", "x", "--sources", str(tmp_path / "none.toml"))
    assert result.returncode == 2
    assert "no such registry file" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["-s", "DOWNLOAD_DELAY"], "-s expects NAME=VALUE"),
        (["-s", "download_delay=1"], "-s expects NAME=VALUE"),
        (["-s", "DOWNLOAD_DELYA=1"], "unknown setting"),
        (["-s", "DOWNLOAD_TIMEOUT=soon"], "expected int"),
        (["-s", "RETRY_BACKOFF_BASE=fast"], "expected float"),
        (["-s", "ROBOTSTXT_OBEY=perhaps"], "expected bool"),
        (["-s", "DOWNLOADER_MIDDLEWARES=[1]"], "expected a JSON object"),
        (["nowhere"], "unknown source nowhere"),
        ([], "name at least one source slug"),
    ],
)
def test_bad_crawl_arguments_are_one_line_and_exit_2(tmp_path, args, message):
    registry = tmp_path / "sources.toml"
    registry.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "a.db"
    result = archive("crawl", *args, "--sources", str(registry), "--db", str(db))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("archive: error: ") and message in line
    assert not db.exists()


def test_the_shipped_registry_is_valid():
    assert load_sources(ROOT / "sources.toml")


@pytest.mark.parametrize("mode", ["http", "auto", "browser"])
def test_render_mode_is_read_and_plain_http_is_the_default(tmp_path, mode):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD + f'render = "{mode}"\n' + GOOD.replace("tot", "khac"), "utf-8")
    registry = load_sources(path)
    assert registry["tot"].render == mode
    assert registry["khac"].render == "http"
