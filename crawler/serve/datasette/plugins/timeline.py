"""Articles over time: `/-/timeline` draws articles per month as an inline SVG bar chart.

Server-side SVG keeps the page free of JavaScript and of anything fetched from elsewhere.
"""

from datasette import hookimpl
from datasette.utils.asgi import Response

DATABASE = "archive"
WIDTH, HEIGHT, LABEL_SPACE = 900, 240, 40

MONTHLY_SQL = """
select substr(published, 1, 7) as month, count(*) as articles
from articles
where published is not null and (:source = '' or source = :source)
group by month order by month
"""


def bars(counts: list[tuple[str, int]]) -> list[dict]:
    """Geometry of one bar per month, scaled to the chart's height."""
    if not counts:
        return []
    peak = max(n for _, n in counts) or 1
    step = WIDTH / len(counts)
    return [
        {
            "month": month,
            "count": n,
            "x": round(i * step, 2),
            "width": round(max(step - 2, 1), 2),
            "height": round(n / peak * HEIGHT, 2),
            "y": round(HEIGHT - n / peak * HEIGHT, 2),
            "label": month if len(counts) <= 24 or month.endswith("-01") else "",
        }
        for i, (month, n) in enumerate(counts)
    ]


async def timeline_view(datasette, request):
    db = (
        datasette.get_database(DATABASE)
        if DATABASE in datasette.databases
        else (datasette.get_database())
    )
    source = request.args.get("source", "")
    rows = await db.execute(MONTHLY_SQL, {"source": source})
    counts = [(row["month"], row["articles"]) for row in rows.rows]
    sources = await db.execute("select distinct source from articles order by source")
    context = {
        "bars": bars(counts),
        "total": sum(n for _, n in counts),
        "source": source,
        "sources": [row["source"] for row in sources.rows],
        "width": WIDTH,
        "height": HEIGHT,
        "label_space": LABEL_SPACE,
        "database": db.name,
    }
    html = await datasette.render_template("timeline.html", context, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/-/timeline$", timeline_view)]
