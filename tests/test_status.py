"""`archive status` tells at a glance which portals stopped yielding or changed template."""

import json
import sqlite3

from click.testing import CliRunner
from ops_portal import Portal, crawl

from crawler.cli import main
from crawler.ops.status import STATUS_SQL, source_status
from crawler.sources import Source
from crawler.store.archive import Archive
from crawler.store.completeness import UrlOutcome

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
    assert {"article_urls_last_run", "rejected_last_run", "rejected_by_rule_last_run"} <= set(
        columns
    )


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
    assert "article URLs in last run: 2 found" in text and "2 archived" in text
    account = row["completeness"]
    assert (account["discovered"], account["archived"], account["rejected"]) == (2, 2, 0)


def test_crawl_not_on_a_terminal_logs_quiet_progress_lines(tmp_path):
    with Portal(count=6, delay=0.3) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        result = crawl(
            tmp_path / "archive.db", registry, "-s", "PROGRESS_INTERVAL=0.5", "-s", "LOG_LEVEL=INFO"
        )
    lines = [line for line in result.stderr.splitlines() if "pages/min" in line]
    assert lines and "articles" in lines[-1] and "errors" in lines[-1]


def account_run(archive: Archive, rejected: int, archived: int) -> int:
    crawl_id = run(archive, articles_new=archived)
    outcomes = [
        UrlOutcome("baosongthu", f"https://baosongthu.vn/tin-{n}.html", "listing", "archived")
        for n in range(archived)
    ] + [
        UrlOutcome(
            "baosongthu",
            f"https://baosongthu.vn/anh/phong-su-{n}.html",
            "sitemap" if n % 2 else "listing",
            "rejected",
            "gallery",
            "gallery: 5 images, 120 chars",
        )
        for n in range(rejected)
    ]
    archive.account_urls(crawl_id, outcomes)
    return crawl_id


def test_a_rejected_share_over_the_threshold_warns_and_shows_some_of_those_urls(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        account_run(archive, rejected=4, archived=16)
        status = status_of(archive)
        (warning,) = status.warnings
        assert warning.startswith("4 of 20 article URLs rejected as not articles (20%; gallery 4)")
        assert warning.count("https://baosongthu.vn/anh/phong-su-") == 3
        assert "gallery: 5 images, 120 chars" in warning
        assert status.completeness["rejected_by_rule"] == "gallery 4"
        assert (status.completeness["by_sitemap"], status.completeness["by_listing"]) == (2, 18)
        (lenient,) = source_status(archive.conn, {"baosongthu": SONGTHU}, rejected_share=0.25)
        assert lenient.warnings == []


def test_a_rejected_share_at_the_threshold_is_no_warning(tmp_path):
    with Archive(tmp_path / "archive.db") as archive:
        archive.register_sources([SONGTHU])
        account_run(archive, rejected=1, archived=9)
        assert status_of(archive).warnings == []


def test_the_warning_share_is_a_setting_of_the_status_command(tmp_path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        archive.register_sources([SONGTHU])
        account_run(archive, rejected=1, archived=4)
    args = ["status", "--db", str(db), "--sources", str(tmp_path / "none.toml")]
    assert "WARNING: 1 of 5 article URLs rejected" in CliRunner().invoke(main, args).output
    relaxed = CliRunner().invoke(main, [*args, "-s", "COMPLETENESS_WARN_SHARE=0.5"]).output
    assert "WARNING" not in relaxed and "1 rejected (gallery 1)" in relaxed
