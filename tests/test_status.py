"""`archive status` tells at a glance which portals stopped yielding or changed template."""

import json
import sqlite3

from click.testing import CliRunner
from ops_portal import Portal, crawl

from crawler.cli import main
from crawler.ops.status import STATUS_SQL, source_status
from crawler.sources import Source
from crawler.store.archive import Archive

SONGTHU = Source(
    slug="baosongthu",
    name="Báo Sông Thu",
    province="Quảng Nam",
    start_urls=("https://baosongthu.vn/",),
    allowed_domains=("baosongthu.vn",),
    schedule="0 */6 * * *",
)


def run(archive: Archive, **counts: int) -> int:
    crawl_id = archive.start_crawl("baosongthu")
    if counts:
        archive.count(crawl_id, **counts)
    archive.finish_crawl(crawl_id, "finished")
    return crawl_id


def status_of(archive: Archive):
    (status,) = source_status(archive.conn, {"baosongthu": SONGTHU})
    return status


def test_three_runs_without_new_articles_raise_a_warning(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        run(archive, articles_new=5, pages=10)
        for _ in range(3):
            run(archive, pages=3)
        status = status_of(archive)
    assert status.warnings == ["no new articles in the last 3 runs"]
    assert status.result == "finished" and status.new_last_run == 0
    assert status.next_due is not None


def test_rising_share_of_pages_without_article_warns_of_a_template_change(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        run(archive, articles_new=9, not_articles=1)
        run(archive, articles_new=8, not_articles=2)
        assert status_of(archive).warnings == []
        run(archive, articles_new=1, not_articles=9)
        warnings = status_of(archive).warnings
    assert len(warnings) == 1 and "template change" in warnings[0] and "90%" in warnings[0]


def test_robots_txt_refusals_and_error_kinds_are_shown(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        run(archive, articles_new=3)
        crawl_id = run(archive, articles_new=1)
        archive.record_error(crawl_id, "baosongthu", "https://baosongthu.vn/a", "robots")
        archive.record_error(crawl_id, "baosongthu", "https://baosongthu.vn/b", "http-503")
        archive.record_error(crawl_id, "baosongthu", "https://baosongthu.vn/c", "http-503")
        status = status_of(archive)
    assert status.warnings == ["robots.txt now disallows us: 1 requests refused in the last run"]
    assert status.errors_last_run.count("http-503 2") == 1


def test_a_steady_robots_refusal_of_a_search_page_is_no_warning(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        for _ in range(2):
            crawl_id = run(archive, articles_new=3)
            archive.count(crawl_id, pages=20)
            archive.record_error(
                crawl_id, "baosongthu", "https://baosongthu.vn/tim-kiem/", "robots"
            )
        assert status_of(archive).warnings == []


def test_status_query_runs_as_plain_sql_for_datasette(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        run(archive, articles_new=2)
    conn = sqlite3.connect(tmp_path / "archive.db")
    columns = [d[0] for d in conn.execute(STATUS_SQL).description]
    assert conn.execute(STATUS_SQL).fetchone()[:1] == ("baosongthu",)
    assert {"last_run", "result", "articles_total", "new_last_run", "warning"} <= set(columns)


def test_status_command_after_a_real_crawl(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=2) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml", schedule="0 3 * * *")
        crawl(db, registry)
    args = ["status", "--db", str(db), "--sources", str(registry)]
    text = CliRunner().invoke(main, args).output
    assert "baosongthu: last run" in text and "finished" in text and "2 new in last run" in text
    output = CliRunner().invoke(main, [*args, "--json"]).output
    (row,) = [json.loads(line) for line in output.splitlines()]
    assert row["articles_total"] == 2 and "T03:00" in row["next_due"]


def test_crawl_not_on_a_terminal_logs_quiet_progress_lines(tmp_path):
    with Portal(count=6, delay=0.3) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        result = crawl(
            tmp_path / "archive.db", registry, "-s", "PROGRESS_INTERVAL=0.5", "-s", "LOG_LEVEL=INFO"
        )
    lines = [line for line in result.stderr.splitlines() if "pages/min" in line]
    assert lines and "articles" in lines[-1] and "errors" in lines[-1]
