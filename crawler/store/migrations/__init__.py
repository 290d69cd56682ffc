"""Schema migrations, applied in name order, each once, each in its own transaction.

A migration is a module `mNNNN_<what>.py` here with `migrate(conn)`; numbers are never reused
and an applied migration is never edited: a change of schema is a new module.
"""

import importlib
import pkgutil
import sqlite3
from datetime import UTC, datetime


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this database has not applied yet, in order."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("m"))
    return [name for name in names if name not in done]


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Bring the schema up to date; returns the names applied now."""
    applied = []
    for name in pending(conn):
        module = importlib.import_module(f"{__name__}.{name}")
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            if name not in {row[0] for row in conn.execute("SELECT name FROM _migrations")}:
                module.migrate(conn)
                stamp = datetime.now(UTC).isoformat(timespec="seconds")
                conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, stamp))
                applied.append(name)
    return applied
