"""Re-crawls fetch only what is new or changed; changed texts keep their old version."""

from ops_portal import Portal, crawl, query


def test_second_crawl_of_unchanged_portal_fetches_no_article_again(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=4) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(db, registry)
        first = len(portal.article_requests())
        portal.requests.clear()
        crawl(db, registry)
        second = portal.article_requests()
        assert {"/", "/sitemap.xml"} <= set(portal.requests)  # listings are always fetched
    assert (first, second) == (4, [])
    runs = query(db, "SELECT status, articles_new, not_refetched FROM crawls ORDER BY id")
    assert runs == [("finished", 4, 0), ("finished", 0, 4)]
    assert query(db, "SELECT count(*) FROM articles") == [(4,)]


def test_article_with_newer_lastmod_is_refetched_and_old_text_kept_as_version(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=3) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(db, registry)
        path = next(iter(portal.articles))
        portal.articles[path] = portal.articles[path].replace(
            "</article>", "<p>Cập nhật: số liệu được điều chỉnh theo báo cáo mới.</p></article>"
        )
        portal.lastmod[path] = "2099-01-01T00:00:00+07:00"
        portal.requests.clear()
        crawl(db, registry)
        assert portal.article_requests() == [path]
    (version,) = query(db, "SELECT url, text, replaced_by_crawl FROM article_versions")
    assert version[0].endswith(path) and "Cập nhật" not in version[1] and version[2] == 2
    (text,) = query(db, "SELECT text FROM articles WHERE url LIKE ?", f"%{path}")[0]
    assert "Cập nhật: số liệu được điều chỉnh" in text
    assert query(db, "SELECT count(*) FROM articles") == [(3,)]


def test_refresh_fetches_every_article_and_versions_only_changed_texts(tmp_path):
    db = tmp_path / "archive.db"
    with Portal(count=3) as portal:
        registry = portal.write_sources(tmp_path / "sources.toml")
        crawl(db, registry)
        path = list(portal.articles)[1]
        portal.articles[path] = portal.articles[path].replace("Theo báo cáo", "Theo số liệu")
        portal.requests.clear()
        crawl(db, registry, "--refresh")
        assert sorted(portal.article_requests()) == sorted(portal.articles)
    assert query(db, "SELECT count(*) FROM article_versions") == [(1,)]
    assert query(db, "SELECT articles_new, articles_seen FROM crawls WHERE id = 2") == [(0, 3)]


def test_second_crawl_of_the_sample_portals_fetches_no_article_page_again(tmp_path):
    from conftest import EXPECTED

    from sample.server import PortalServer

    article_paths = {(case["source"], case["path"]) for case in EXPECTED["articles"]}
    db = tmp_path / "archive.db"

    def own_article_requests(server, slug: str) -> list:
        # Both sample portals live on 127.0.0.1, so each crawl also follows the other's links,
        # as pages outside its article pattern; count each portal's own article fetches.
        server.requests.clear()
        crawl(db, registry, slug=slug)
        return [r for r in server.requests if r.slug == slug and (slug, r.path) in article_paths]

    with PortalServer() as server:
        registry = server.write_sources(tmp_path / "sources.toml")
        first = [own_article_requests(server, slug) for slug in server.slugs()]
        second = [own_article_requests(server, slug) for slug in server.slugs()]
    assert all(first) and second == [[], []]
    assert query(db, "SELECT DISTINCT status FROM crawls") == [("finished",)]
    assert query(db, "SELECT count(*) FROM crawls WHERE id > 2 AND not_refetched > 0") == [(2,)]
