"""WordPress: date permalinks, category pages with /page/N/, the feed, the core sitemap
(wp-sitemap.xml), ?p=N shortlinks that redirect to the permalink, and an AMP view of every post
(<link rel="amphtml">, /amp/) whose canonical is the post. The feed gives one post by its AMP
address, as AMP plugins sometimes make it do."""

from portals_cms.common import XML, Article, FixturePortal, Page, esc, sitemap

SLUG = "wordpress"
CATEGORY = "/category/tin-tuc/"
PER_PAGE = 2


class Portal(FixturePortal):
    SLUG = SLUG

    def build(self) -> None:
        pages = -(-len(self.articles) // PER_PAGE)
        for number in range(1, pages + 1):
            self.add(self.list_path(number), self.listing(number, pages))
        self.add("/", self.listing(1, pages))
        self.add("/feed/", self.feed())
        self.add("/wp-sitemap.xml", self.sitemap_index())
        self.add(
            "/wp-sitemap-posts-post-1.xml", sitemap([self.article_url(a) for a in self.articles])
        )
        for article in self.articles:
            self.add(self.path(article), self.article_page(article))
            self.add(self.path(article) + "amp/", self.amp_page(article))
            self.add(f"/?p={article.id}", Page("", status=301, location=self.article_url(article)))

    def list_path(self, number: int) -> str:
        return CATEGORY if number == 1 else f"{CATEGORY}page/{number}/"

    def path(self, article: Article) -> str:
        return f"/{article.extra['date']}/{article.extra['slug']}/"

    def article_url(self, article: Article) -> str:
        return self.base + self.path(article)

    def sitemap_index(self) -> Page:
        return Page(
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.base}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>",
            XML,
        )

    def feed(self) -> Page:
        def link(a: Article) -> str:
            return self.article_url(a) + ("amp/" if a is self.articles[1] else "")

        items = "".join(
            f"<item><title>{esc(a.title)}</title><link>{link(a)}</link>"
            f'<guid isPermaLink="false">{self.base}/?p={a.id}</guid><description>{esc(a.paragraphs[0][:120])}</description></item>'
            for a in self.articles
        )
        return Page(
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Bình Sơn</title>'
            f"<link>{self.base}/</link>{items}</channel></rss>",
            "application/rss+xml; charset=UTF-8",
        )

    def listing(self, number: int, pages: int) -> Page:
        chosen = self.articles[(number - 1) * PER_PAGE : number * PER_PAGE]
        posts = "".join(
            f'<article class="post-{a.id} post type-post status-publish format-standard hentry category-tin-tuc">'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{self.path(a)}" rel="bookmark">{esc(a.title)}</a></h2>'
            f'<time class="entry-date published" datetime="{a.published}">{a.day()}</time></header>'
            f'<div class="entry-summary"><p>{esc(a.paragraphs[0][:150])}…</p></div></article>'
            for a in chosen
        )
        nav = ""
        if number < pages:
            nav += f'<div class="nav-previous"><a href="{self.list_path(number + 1)}">Bài cũ hơn</a></div>'
        if number > 1:
            nav += f'<div class="nav-next"><a href="{self.list_path(number - 1)}">Bài mới hơn</a></div>'
        body = f'<main id="main" class="site-main">{posts}<nav class="navigation posts-navigation">{nav}</nav></main>'
        return Page(self.frame("Tin tức", body, ""))

    def article_page(self, article: Article) -> Page:
        lead = f"<p><strong>{esc(article.lead)}</strong></p>" if article.lead else ""
        related = "".join(
            f'<div class="jp-relatedposts-post"><a class="jp-relatedposts-post-a" href="/?p={a.id}">{esc(a.title)}</a></div>'
            for a in self.articles
            if a is not article
        )
        body = f"""<main id="main" class="site-main">
<article id="post-{article.id}" class="post-{article.id} post type-post status-publish format-standard hentry category-tin-tuc">
<header class="entry-header"><h1 class="entry-title">{esc(article.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{article.published}">{article.day()}</time></span>
<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/bientap/">Biên tập viên</a></span></span></div></header>
<div class="entry-content">{lead}{article.body_html()}
<p style="text-align: right;"><strong>{esc(article.author)}</strong></p>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3><ul><li><a href="https://www.facebook.com/sharer.php?u={self.article_url(article)}">Facebook</a></li><li><a href="https://twitter.com/intent/tweet?url={self.article_url(article)}">Twitter</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Bài viết liên quan</h3>{related}</div>
</div></article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Để lại bình luận</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-form-comment"><label for="comment">Bình luận</label><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
<p class="comment-form-author"><label for="author">Tên</label><input id="author" name="author" type="text"></p>
<p class="comment-form-email"><label for="email">Email</label><input id="email" name="email" type="email"></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Phản hồi"></p></form></div></div>
</main>"""
        head = f'<link rel="amphtml" href="{self.article_url(article)}amp/"><link rel="canonical" href="{self.article_url(article)}">'
        head += f'<link rel="shortlink" href="{self.base}/?p={article.id}"><meta property="og:type" content="article">'
        return Page(self.frame(article.title, body, head))

    def amp_page(self, article: Article) -> Page:
        lead = f"<p><strong>{esc(article.lead)}</strong></p>" if article.lead else ""
        return Page(f"""<!doctype html>
<html amp lang="vi"><head><meta charset="utf-8"><title>{esc(article.title)} – Báo Bình Sơn</title>
<link rel="canonical" href="{self.article_url(article)}"><meta name="viewport" content="width=device-width">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{{visibility:hidden}}</style></head>
<body><header class="amp-wp-header"><a href="{self.base}/">Báo Bình Sơn</a></header>
<article class="amp-wp-article"><header class="amp-wp-article-header"><h1 class="amp-wp-title">{esc(article.title)}</h1>
<div class="amp-wp-meta amp-wp-posted-on"><time datetime="{article.published}">{article.day()}</time></div></header>
<div class="amp-wp-article-content">{lead}{article.body_html()}<p><strong>{esc(article.author)}</strong></p></div></article>
<footer class="amp-wp-footer"><a href="{self.article_url(article)}">Xem bản đầy đủ</a></footer></body></html>""")

    def frame(self, title: str, body: str, head: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="UTF-8"><title>{esc(title)} – Báo Bình Sơn</title>{head}
<meta name="generator" content="WordPress 6.5.4"><link rel="alternate" type="application/rss+xml" href="{
            self.base
        }/feed/"></head>
<body class="post-template-default single single-post"><div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">Báo Bình Sơn</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/">Trang chủ</a></li><li><a href="{
            CATEGORY
        }">Tin tức</a></li></ul></nav>
<form role="search" method="get" class="search-form" action="/"><input type="search" class="search-field" placeholder="Tìm kiếm …" name="s"></form></header>
<div id="content" class="site-content">{body}
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>{
            "".join(f'<li><a href="{self.path(a)}">{esc(a.title)}</a></li>' for a in self.articles)
        }</ul></section></aside></div>
<footer id="colophon" class="site-footer">Báo Bình Sơn điện tử (trang mẫu kiểm thử) – Vận hành bởi WordPress</footer></div></body></html>"""
