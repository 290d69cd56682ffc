"""Provinces before and after the July 2025 mergers, and a catalogue that hides withdrawals.

`sources` gains `province_then` (the province as it was when the portal published) and
`province_now` (the province it belongs to since 1 July 2025), from crawler/provinces_2025.csv;
`province_mergers` keeps that table in the file so any tool can join on it. The catalogue view
offers both and leaves withdrawn articles out.
"""

from crawler.provinces import mergers, provinces

CATALOGUE = """
CREATE VIEW article_catalogue AS
    SELECT
        a.id,
        a.published,
        substr(a.published, 1, 4) AS year,
        substr(a.published, 1, 7) AS month,
        a.source,
        s.name AS portal,
        s.province,
        s.province_then,
        s.province_now,
        a.title,
        a.author,
        a.categories,
        a.url,
        a.first_seen
    FROM articles AS a LEFT JOIN sources AS s ON s.slug = a.source
    WHERE a.id NOT IN (SELECT article_id FROM withdrawals WHERE restored_at IS NULL)"""


def migrate(conn) -> None:
    conn.execute("ALTER TABLE sources ADD COLUMN province_then TEXT")
    conn.execute("ALTER TABLE sources ADD COLUMN province_now TEXT")
    for slug, province in conn.execute("SELECT slug, province FROM sources").fetchall():
        conn.execute(
            "UPDATE sources SET province_then = ?, province_now = ? WHERE slug = ?",
            (*provinces(province), slug),
        )
    conn.execute(
        "CREATE TABLE province_mergers (province_then TEXT PRIMARY KEY, province_now TEXT NOT NULL)"
    )
    conn.executemany("INSERT INTO province_mergers VALUES (?, ?)", sorted(mergers().values()))
    conn.execute("DROP VIEW IF EXISTS article_catalogue")
    conn.execute(CATALOGUE)
