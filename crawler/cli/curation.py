"""Commands that curate what the archive shows: withdraw and restore articles, repair search."""

from pathlib import Path

import click

from crawler.cli.common import db_option, fail, main, require_archive
from crawler.terminal import safe_for_terminal


@main.command()
@click.argument("target", metavar="URL|ID")
@click.option("--reason", required=True, help="Why it is withdrawn (kept in `withdrawals`).")
@click.option("--by", help="Who withdraws it (default: the login name).")
@db_option
def withdraw(target: str, reason: str, by: str | None, db: Path) -> None:
    """Withdraw an article (takedown): hidden from search, Datasette and exports.

    Nothing is deleted: the article, its URLs and its captures stay, and `withdrawals` keeps
    who withdrew it, when and why. `archive restore` undoes it.

    Example:

        archive withdraw https://baoquangnam.vn/bai-viet-123.html --reason "court order 12/2026"
    """
    _curate(db, "withdrawn", lambda archive: archive.withdraw(target, reason, by))


@main.command()
@click.argument("target", metavar="URL|ID")
@click.option("--reason", default="", help="Why it is shown again.")
@click.option("--by", help="Who restores it (default: the login name).")
@db_option
def restore(target: str, reason: str, by: str | None, db: Path) -> None:
    """Restore a withdrawn article: searchable, browsable and exported again.

    Example:

        archive restore 123 --reason "order lifted"
    """
    _curate(db, "restored", lambda archive: archive.restore(target, by, reason))


@main.command()
@click.option("--all", "everything", is_flag=True, help="Fold every article again.")
@db_option
def reindex(everything: bool, db: Path) -> None:
    """Repair the search index after articles were edited by hand (sqlite3 shell, DB Browser).

    Deletions leave the index at once; inserted or edited articles are listed in `search_stale`
    until this command folds them again. --all rebuilds the whole index.

    Example:

        archive reindex --db archive.db
    """
    from crawler.store.archive import Archive, ArchiveError

    require_archive(db)
    try:
        with Archive(db) as archive:
            count = archive.reindex(everything)
    except ArchiveError as exc:
        fail(str(exc))
    click.echo(f"{count} search entries rewritten")


def _curate(db: Path, done: str, change) -> None:
    """Run one withdrawal or restoration on the archive and say which article it touched."""
    from crawler.store.archive import Archive, ArchiveError
    from crawler.store.withdrawals import WithdrawalError

    require_archive(db)
    try:
        with Archive(db) as archive:
            row = change(archive)
    except (WithdrawalError, ArchiveError) as exc:
        fail(str(exc))
    click.echo(safe_for_terminal(f"{done}: article {row['article_id']} {row['title']}"))
