"""The article page: clean text in paragraphs, its original URL, its capture and every copy.

The lead is shown once (in bold; the text repeats it as its first paragraph), dates as a
Vietnamese reader writes them with the ISO value in `<time datetime>`, and the capture the
text came from is one click away as its WARC record (`/-/capture/<id>`). A withdrawn article
answers 410 Gone.

Crawled text is data. It reaches HTML only through Jinja's autoescaping or `markupsafe.escape`,
and a URL becomes a link only when it is http(s), so a `javascript:` URL stays inert text.
"""

import json
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from crawler.serve.captures import capture_record
from crawler.serve.dates import vietnamese_date
from crawler.serve.search import HIT_OPEN

WITHDRAWN = "select article_id from withdrawals where restored_at is null"

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


def body_without_lead(lead: list[str], body: list[str]) -> list[str]:
    """The text's paragraphs less the lead it opens with, so the lead shows once."""
    same = lambda a, b: " ".join(a.split()) == " ".join(b.split())  # noqa: E731
    if lead and len(body) >= len(lead) and all(map(same, lead, body)):
        return body[len(lead) :]
    return body


def _json_list(value: str | None) -> list[str]:
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


async def _withdrawn(db, article_id: int) -> bool:
    rows = await db.execute(f"select ? in ({WITHDRAWN}) as gone", [article_id])
    return bool(rows.first()["gone"])


async def _fetch(db, article_id: int) -> tuple[dict, list[dict]]:
    if await _withdrawn(db, article_id):
        raise NotFound(f"Article {article_id} was withdrawn")
    rows = await db.execute(
        "select a.*, s.name as portal, s.province from articles a"
        " left join sources s on s.slug = a.source where a.id = ?",
        [article_id],
    )
    if not rows.rows:
        raise NotFound(f"No article {article_id}")
    copies = await db.execute(
        "select url, fetched_url, source, relation, similarity, first_seen, last_seen,"
        " warc_file, warc_offset from article_urls"
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
    lead = paragraphs(article["lead"])
    context = {
        "article": article,
        "original_href": kept["href"] if kept else web_url(article["url"]),
        "published": vietnamese_date(article["published"]),
        "updated": vietnamese_date(article["updated"]),
        "capture": kept if kept and kept["warc_file"] else None,
        "lead": lead,
        "paragraphs": body_without_lead(lead, paragraphs(article["text"])),
        "categories": _json_list(article["categories"]),
        "tags": _json_list(article["tags"]),
        "copies": copies,
        "database": _database(datasette).name,
    }
    html = await datasette.render_template("article.html", context, request=request)
    return Response.html(html)


async def capture_view(datasette, request):
    """The WARC record (one gzip member, as captured) the article's kept text came from."""
    db = _database(datasette)
    article_id = int(request.url_vars["id"])
    if await _withdrawn(db, article_id):
        raise NotFound(f"Article {article_id} was withdrawn")
    rows = await db.execute(
        "select u.warc_file, u.warc_offset from articles a"
        " join article_urls u on u.url = a.url where a.id = ?",
        [article_id],
    )
    row = rows.first() if rows.rows else None
    if row is None or not row["warc_file"] or db.path is None:
        raise NotFound(f"No capture recorded for article {article_id}")
    record = capture_record(Path(db.path).parent, row["warc_file"], row["warc_offset"])
    if record is None:
        raise NotFound(f"The capture file of article {article_id} is not here")
    return Response(
        record,
        content_type="application/warc",
        headers={"content-disposition": f'attachment; filename="article-{article_id}.warc.gz"'},
    )


async def timeline_moved(datasette):
    """The hand-drawn timeline became the coverage dashboard; old links still arrive."""
    return Response.redirect(datasette.urls.path("/-/dashboards/coverage"))


@hookimpl
def register_routes():
    return [
        (r"^/-/article/(?P<id>\d+)$", article_view),
        (r"^/-/capture/(?P<id>\d+)$", capture_view),
        (r"^/-/timeline$", timeline_moved),
    ]


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
