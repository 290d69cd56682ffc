"""What `archive reextract` last extracted from each captured URL, and with which extractor.

`extractions` has one row per URL `archive reextract` processed: the payload digest of the
capture it read, the extractor it ran (a fingerprint of the extraction code and its options,
see crawler.ops.reextract) and what came out ("article", or the rejection's kind). A re-run
whose capture and extractor are both unchanged has nothing to do for that URL.
"""

SCHEMA = """
CREATE TABLE extractions (
    url TEXT PRIMARY KEY,
    payload_digest TEXT NOT NULL,
    extractor TEXT NOT NULL,
    outcome TEXT NOT NULL,
    extracted TEXT NOT NULL
);
"""


def migrate(conn) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
