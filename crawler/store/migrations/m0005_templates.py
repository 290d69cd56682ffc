"""Learned page templates: per source, fingerprints of blocks that recur across its pages."""


def migrate(conn) -> None:
    conn.execute(
        """CREATE TABLE templates (
            source TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            pages INTEGER NOT NULL,
            learned TEXT NOT NULL,
            PRIMARY KEY (source, fingerprint)
        )"""
    )
