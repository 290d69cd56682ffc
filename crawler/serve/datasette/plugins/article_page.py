"""The article page: clean text in paragraphs, its original URL and every copy, all escaped.

Crawled text is data. It reaches HTML only through Jinja's autoescaping or `markupsafe.escape`,
and a URL becomes a link only when it is http(s), so a `javascript:` URL stays inert text.
"""

import json

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from crawler.serve.search import HIT_OPEN

DATABASE = "archive"
ARTICLE_LINK_COLUMNS = {("articles", "id"), ("article_catalogue", "id"), (None, "article")}


def _database(datasette):
    return (
        datasette.get_database(DATABASE)
        if DATABASE in datasette.databases
        else (datasette.get_database())
    )


def web_url(url: str | None) -> str | None:
    """The URL if it is safe to link to (http or https), else None."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _json_list(value: str | None) -> list[str]:
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


async def _fetch(db, article_id: int) -> tuple[dict, list[dict]]:
    rows = await db.execute(
        "select a.*, s.name as portal, s.province from articles a"
        " left join sources s on s.slug = a.source where a.id = ?",
        [article_id],
    )
    if not rows.rows:
        raise NotFound(f"No article {article_id}")
    copies = await db.execute(
        "select url, fetched_url, source, relation, similarity, first_seen, last_seen"
        " from article_urls"
        " where article_id = ? order by first_seen, url",
        [article_id],
    )
    return dict(rows.first()), [dict(row) for row in copies.rows]


async def article_view(datasette, request):
    article, copies = await _fetch(_database(datasette), int(request.url_vars["id"]))
    # Links go to the address we fetched: the identity key folds www./m. hosts, which a
    # portal may not answer on.
    for copy in copies:
        copy["href"] = web_url(copy["fetched_url"] or copy["url"])
    kept = next((c for c in copies if c["url"] == article["url"]), None)
    context = {
        "article": article,
        "original_href": kept["href"] if kept else web_url(article["url"]),
        "lead": paragraphs(article["lead"]),
        "paragraphs": paragraphs(article["text"]),
        "categories": _json_list(article["categories"]),
        "tags": _json_list(article["tags"]),
        "copies": copies,
        "database": _database(datasette).name,
    }
    html = await datasette.render_template("article.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/-/article/(?P<id>\d+)$", article_view)]


def _highlight(snippet: str) -> Markup:
    """Escape a snippet, then turn its **hit** markers (opening = closing) into <mark>."""
    pieces = str(escape(snippet)).split(HIT_OPEN)
    return Markup(
        "".join(piece if n % 2 == 0 else f"<mark>{piece}</mark>" for n, piece in enumerate(pieces))
    )


@hookimpl
def render_cell(value, column, table, datasette):
    is_link = (table, column) in ARTICLE_LINK_COLUMNS or column == "article_id"
    if is_link and isinstance(value, int):
        href = datasette.urls.path(f"/-/article/{value}")
        return Markup(f'<a href="{escape(href)}">{value}</a>')
    if table is None and column == "snippet" and isinstance(value, str):
        return _highlight(value)
    return None
