"""The CMS families provincial portals run on, each a fixture portal walked by one real crawl:
listing (WebForms postbacks included) → article discovery → extraction → archive.

Per family: at least 99 % of its articles archived, no two distinct stories merged, every
article's stored paragraphs exactly the published ones (NFC), AMP and print views no story of
their own; and the crawl's completeness account says where every article URL went.
"""

import sqlite3
import unicodedata

import pytest
from conftest import FAST, run_archive
from portals_cms.server import FAMILIES, CmsPortals

from crawler.crawl.urls import canonical_url


@pytest.fixture(scope="module")
def cms_crawl(tmp_path_factory):
    """One crawl of every family portal; yields the portals and an open archive connection."""
    folder = tmp_path_factory.mktemp("cms-crawl")
    with CmsPortals() as portals:
        sources = portals.write_sources(folder / "sources.toml")
        db = folder / "archive.db"
        result = run_archive("crawl", *FAMILIES, "--sources", str(sources), "--db", str(db), *FAST)
        assert result.returncode == 0, result.stderr[-3000:]
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        yield portals, conn, result
        conn.close()


def stored_story(conn, url: str) -> sqlite3.Row | None:
    """The story an address was filed under, with that address's own text (its copy, when
    another version of the story is the kept one)."""
    row = conn.execute(
        "SELECT a.id, coalesce(c.text, a.text) AS text, coalesce(c.title, a.title) AS title,"
        " a.doubtful FROM article_urls u JOIN articles a ON a.id = u.article_id"
        " LEFT JOIN article_copies c ON c.url = u.url WHERE u.url = ?",
        (canonical_url(url),),
    ).fetchone()
    return row


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def archived_stories(conn, portal) -> dict:
    stories = {a.id: stored_story(conn, portal.article_url(a)) for a in portal.articles}
    return {aid: row for aid, row in stories.items() if row is not None}


@pytest.mark.parametrize("slug", list(FAMILIES))
def test_family_portal_is_archived_whole_and_unmerged(cms_crawl, slug):
    portals, conn, _ = cms_crawl
    portal = portals.portals[slug]
    archived = archived_stories(conn, portal)
    missing = sorted({a.id for a in portal.articles} - set(archived))
    assert len(archived) >= 0.99 * len(portal.articles), missing
    assert len({row["id"] for row in archived.values()}) == len(archived), "stories merged"
    own = conn.execute("SELECT count(*) FROM articles WHERE source = ?", (slug,)).fetchone()[0]
    assert own == len(portal.articles), "an AMP/print view or an alias became a story"
    flagged = {aid for aid, row in archived.items() if row["doubtful"]}
    assert flagged == {a.id for a in portal.articles if a.extra.get("doubtful")}


@pytest.mark.parametrize("slug", list(FAMILIES))
def test_family_portal_articles_are_stored_verbatim(cms_crawl, slug):
    portals, conn, _ = cms_crawl
    portal = portals.portals[slug]
    archived = archived_stories(conn, portal)
    wrong = [
        (article.id, field, stored[:300])
        for article in portal.articles
        if article.id in archived
        for field, stored, published in (
            ("title", archived[article.id]["title"], nfc(article.title)),
            ("text", archived[article.id]["text"], "\n\n".join(nfc(p) for p in article.text)),
        )
        if stored != published
    ]
    assert wrong == [], "stored text is not the published text"


def account(conn, slug: str) -> dict:
    return dict(conn.execute("SELECT * FROM completeness WHERE source = ?", (slug,)).fetchone())


@pytest.mark.parametrize("slug", list(FAMILIES))
def test_completeness_account_places_every_article_url_found(cms_crawl, slug):
    _, conn, _ = cms_crawl
    row = account(conn, slug)
    outcomes = ("archived", "merged", "rejected", "failed", "unchanged", "variants")
    assert sum(row[k] for k in outcomes) == row["discovered"]
    assert row["by_sitemap"] + row["by_feed"] + row["by_listing"] == row["discovered"]
    assert (row["rejected"], row["failed"], row["unchanged"]) == (0, 0, 0)


def test_webforms_list_pages_behind_postbacks_are_walked(cms_crawl):
    """The oldest article is linked from list page 3 alone, a page that only a postback of the
    list's form (__EVENTTARGET, __EVENTARGUMENT, __VIEWSTATE) answers with."""
    portals, conn, _ = cms_crawl
    portal = portals.portals["webforms"]
    posts = [r for r in portals.requests if r[:2] == ("webforms", "POST")]
    oldest = canonical_url(portal.article_url(portal.articles[-1]))
    found_by = conn.execute("SELECT found_by FROM discovered_urls WHERE url = ?", (oldest,))
    assert found_by.fetchone()[0] == "postback"
    assert 2 <= len(posts) <= 6  # list pages 2 and 3, each asked for a bounded number of times


def test_amp_view_from_the_feed_is_a_variant_of_its_article_not_a_story(cms_crawl):
    portals, conn, _ = cms_crawl
    portal = portals.portals["wordpress"]
    amp = canonical_url(portal.article_url(portal.articles[1]) + "amp/")
    row = conn.execute("SELECT outcome, detail FROM discovered_urls WHERE url = ?", (amp,))
    assert tuple(row.fetchone()) == ("variant", portal.article_url(portal.articles[1]))
    assert not conn.execute("SELECT 1 FROM article_urls WHERE url = ?", (amp,)).fetchone()


def test_liferay_links_by_journal_id_join_their_story_as_exact_copies(cms_crawl):
    _, conn, _ = cms_crawl
    merged = conn.execute(
        "SELECT url, rule FROM discovered_urls WHERE source = 'liferay' AND outcome = 'merged'"
    ).fetchall()
    assert merged and all("/-/journal_content/" in url and rule == "exact" for url, rule in merged)


def test_print_views_linked_from_articles_are_never_fetched(cms_crawl):
    portals, _, _ = cms_crawl
    asked = [target for slug, _, target in portals.requests if slug in ("webforms", "joomla")]
    assert not [t for t in asked if "Print.aspx" in t or "print=1" in t]


@pytest.mark.parametrize("article_id", [2291, 2287, 2280])
def test_webforms_pages_in_windows_1258_or_under_a_wrong_charset_keep_every_word(
    cms_crawl, article_id
):
    """2291: windows-1258 declared; 2287: windows-1258 under a utf-8 header; 2280: UTF-8
    under an iso-8859-1 header. Every published paragraph is stored, letter for letter."""
    portals, conn, _ = cms_crawl
    portal = portals.portals["webforms"]
    article = next(a for a in portal.articles if a.id == article_id)
    row = stored_story(conn, portal.article_url(article))
    assert row is not None
    assert [p for p in article.text if nfc(p) not in row["text"]] == []


def test_a_second_crawl_fetches_no_article_again_and_accounts_each_as_unchanged(
    cms_crawl, tmp_path
):
    """Identities hold across runs: a resumed or repeated crawl of postback lists, Liferay
    portlet links and Joomla menu links finds every article archived, under whatever spelling."""
    portals, conn, _ = cms_crawl
    db = tmp_path / "again.db"
    copy = sqlite3.connect(db)
    conn.backup(copy)
    copy.close()
    sources = portals.write_sources(tmp_path / "sources.toml")
    slugs = ("webforms", "liferay", "joomla")
    (last_crawl,) = conn.execute("SELECT max(id) FROM crawls").fetchone()
    before = len(portals.requests)
    result = run_archive("crawl", *slugs, "--sources", str(sources), "--db", str(db), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    articles = {
        canonical_url(portals.portals[s].article_url(a))
        for s in slugs
        for a in portals.portals[s].articles
    }
    asked = {canonical_url(portals.portals[s].base + t) for s, _, t in portals.requests[before:]}
    assert asked & articles == set()
    again = sqlite3.connect(db)
    rows = again.execute(
        "SELECT source, discovered, unchanged, archived FROM completeness WHERE crawl_id > ?",
        (last_crawl,),
    ).fetchall()
    again.close()
    assert sorted(rows) == sorted((s, n, n, 0) for s, n in [(s, row_count(conn, s)) for s in slugs])


def row_count(conn, slug: str) -> int:
    """Distinct article URLs the first crawl of a portal accounted for."""
    sql = "SELECT count(*) FROM discovered_urls WHERE source = ? AND outcome != 'variant'"
    return conn.execute(sql, (slug,)).fetchone()[0]
