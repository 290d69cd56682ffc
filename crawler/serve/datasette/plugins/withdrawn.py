"""Withdrawn articles stay out of Datasette's pages: tables, facets, row pages, JSON and CSV.

Table views get a filter on the article id (`filters_from_request`), so counts and facets leave
them out too; a row page of a withdrawn article answers 410 Gone. The search index already
lacks them. Arbitrary SQL reads the file as it is: `docs/operations.md` says how to publish
an archive without withdrawn texts.
"""

import re
from urllib.parse import unquote

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import tilde_decode
from datasette.utils.asgi import Response

DATABASE = "archive"
WITHDRAWN = "select article_id from withdrawals where restored_at is null"
# table → the column naming its article
ARTICLE_COLUMN = {
    "articles": "id",
    "article_urls": "article_id",
    "article_copies": "article_id",
    "article_versions": "article_id",
    "article_signatures": "article_id",
    "articles_fts": "rowid",
    "articles_fts_marked": "rowid",
}
# row pages: table → SQL that finds the article of a primary key
ROW_ARTICLE = {
    "articles": "select id from articles where id = :pk",
    "article_versions": "select article_id from article_versions where id = :pk",
    "article_urls": "select article_id from article_urls where url = :pk",
    "article_copies": "select article_id from article_copies where url = :pk",
}
_ROW_PATH = re.compile(rf"^/{DATABASE}/(?P<table>[a-z_]+)/(?P<pk>[^/]+?)(?:\.json)?$")


@hookimpl
def filters_from_request(request, database, table, datasette):
    column = ARTICLE_COLUMN.get(table)
    if database != DATABASE or column is None:
        return None
    return FilterArguments([f"[{column}] not in ({WITHDRAWN})"])


async def is_withdrawn_row(datasette, table: str, pk: str) -> bool:
    db = datasette.get_database(DATABASE)
    params = {"pk": int(pk) if pk.isdigit() and table != "article_urls" else pk}
    result = await db.execute(f"select ({ROW_ARTICLE[table]}) in ({WITHDRAWN}) as gone", params)
    return bool(result.first()["gone"])


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            match = _ROW_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
            if match and match["table"] in ROW_ARTICLE and DATABASE in datasette.databases:
                pk = tilde_decode(unquote(match["pk"]))
                if await is_withdrawn_row(datasette, match["table"], pk):
                    response = Response.text("Withdrawn from the archive's public pages.", 410)
                    await response.asgi_send(send)
                    return
            await app(scope, receive, send)

        return guarded

    return wrap
