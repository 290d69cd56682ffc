"""The `archive` command group and what every command shares: options, errors, settings checks."""

import json
import sys
from pathlib import Path

import click

from crawler.store.archive import ArchiveError

DEFAULT_DB = Path("archive.db")
DEFAULT_SOURCES = Path("sources.toml")

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="Archive file.",
)
sources_option = click.option(
    "--sources",
    "registry",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_SOURCES,
    show_default=True,
    help="Portal registry file.",
)


def fail(message: str) -> None:
    """One line on stderr and exit code 2: nothing runs on a half-read configuration."""
    click.echo(f"archive: error: {message}", err=True)
    sys.exit(2)


def require_archive(db: Path) -> None:
    """An existing archive, its schema brought up to date before anything reads it."""
    from crawler.store.archive import Archive

    if not db.is_file():
        fail(f"{db}: no such archive (crawl first, or name one with --db)")
    try:
        Archive(db).close()
    except ArchiveError as exc:
        fail(str(exc))


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier() or not name.isupper():
            fail(f"-s expects NAME=VALUE with an upper-case setting name, got {pair!r}")
        check_setting(name, value)
        overrides[name] = value
    return overrides


def check_setting(name: str, value: str) -> None:
    """A misspelt name or a value of the wrong type fails here, not mid-crawl in Scrapy."""
    from scrapy.settings import BaseSettings, Settings

    known = Settings()
    known.setmodule("crawler.crawl.settings")
    if name not in known:
        fail(f"-s {name}: unknown setting")
    default = known[name]
    try:
        if isinstance(default, bool):
            Settings({name: value}).getbool(name)
        elif isinstance(default, int | float):
            float(value)
        elif isinstance(default, BaseSettings | dict) and not isinstance(json.loads(value), dict):
            raise ValueError
    except (ValueError, TypeError):
        if isinstance(default, BaseSettings | dict):
            fail(f"-s {name}={value!r}: expected a JSON object")
        fail(f"-s {name}={value!r}: expected {type(default).__name__} like {default!r}")


@click.group()
@click.version_option(package_name="vn-provincial-archive")
def main() -> None:
    """Archive Vietnam's provincial news portals into a searchable SQLite file.

    Example:

        archive crawl baoquangnam --db archive.db
    """
