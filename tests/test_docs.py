"""Documentation kept true: the schema page names every table and column of a new archive."""

import re
from pathlib import Path

from crawler.store.archive import Archive

ROOT = Path(__file__).resolve().parent.parent


def test_schema_page_names_every_table_and_column(tmp_path):
    page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", page))
    with Archive(tmp_path / "archive.db") as archive:
        tables = [t for t in archive.db.table_names() if not t.startswith("_")]
        tables = [t for t in tables if not archive.db[t].schema.startswith("CREATE VIRTUAL")]
        tables = [t for t in tables if not re.search(r"_fts(_|$)", t)]
        missing = [
            f"{table}.{column}"
            for table in tables
            for column in [table, *archive.db[table].columns_dict]
            if column not in documented
        ]
    assert missing == []


def test_readme_shows_the_two_setup_commands_and_ci_runs_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_documents_every_command():
    from crawler.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in main.commands if f"archive {name}" not in readme] == []


def test_readme_documents_every_setting_of_ours():
    import scrapy.settings.default_settings as scrapy_defaults

    import crawler.crawl.settings as settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ours = [
        name
        for name in vars(settings)
        if name.isupper() and not hasattr(scrapy_defaults, name) and name != "BOT_NAME"
    ]
    assert len(ours) > 20
    assert [name for name in ours if name not in readme] == []
