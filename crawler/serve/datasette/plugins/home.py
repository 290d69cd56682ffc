"""The home page for researchers: search, articles, charts and canned queries come first.

Datasette's own index lists tables; ours puts what a researcher opens first on top and the
tables after, with the internal ones hidden (metadata.yml) but still one click or query away.
"""

from datasette import hookimpl

DATABASE = "archive"
# what a researcher opens first; every other visible table and view follows by name
FIRST = ("articles", "article_catalogue", "article_urls", "sources", "article_versions")
PUBLIC_ARTICLES = (
    "select count(*) from articles"
    " where id not in (select article_id from withdrawals where restored_at is null)"
)


@hookimpl
def extra_template_vars(template, request, datasette):
    if template != "index.html" or DATABASE not in datasette.databases:
        return None

    async def home():
        queries = await datasette.get_canned_queries(DATABASE, request.actor if request else None)
        db = datasette.get_database(DATABASE)
        count = await db.execute(PUBLIC_ARTICLES)
        hidden = set(await db.hidden_table_names())
        visible = [t for t in await db.table_names() if t not in hidden] + await db.view_names()
        return {
            "archive_tables": [t for t in FIRST if t in visible]
            + sorted(t for t in visible if t not in FIRST),
            "archive_hidden": len(hidden),
            "archive_queries": [
                {"name": name, "title": query.get("title") or name}
                for name, query in queries.items()
            ],
            "archive_articles": count.first()[0],
            "archive_database": DATABASE,
        }

    return home
