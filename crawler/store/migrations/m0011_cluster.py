"""Distributed crawls: a crawl run per cluster batch run, and how far the ingest has read.

`crawls.run_key` names the Redis batch run a crawl row stands for (NULL for local crawls);
`stream_positions` keeps, per results stream, the last entry committed to the archive, in the
same transaction as the entry, so an ingest restarted after a kill skips what it already stored.
"""

SCHEMA = """
ALTER TABLE crawls ADD COLUMN run_key TEXT;
CREATE UNIQUE INDEX crawls_run_key ON crawls(run_key) WHERE run_key IS NOT NULL;
CREATE TABLE stream_positions (
    stream TEXT PRIMARY KEY,
    last_id TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
