"""A paper built on Next.js: every page carries its data as __NEXT_DATA__ and a JSON-LD
NewsArticle; articles rendered on the server also have the text in HTML, articles rendered in
the browser only an empty <div id="__next"> and the JSON. A news sitemap lists every article."""

import json

from portals_cms.common import Article, FixturePortal, Page, esc, sitemap

SLUG = "nextjs"
BUILD = "k3Yq9vTz2"


class Portal(FixturePortal):
    SLUG = SLUG

    def build(self) -> None:
        self.add("/", self.home())
        self.add("/sitemaps/news.xml", sitemap([self.article_url(a) for a in self.articles]))
        for article in self.articles:
            self.add(self.path(article), self.article_page(article))

    def path(self, article: Article) -> str:
        return f"/{article.extra['section']}/{article.extra['slug']}-post{article.id}.html"

    def article_url(self, article: Article) -> str:
        return self.base + self.path(article)

    def home(self) -> Page:
        cards = "".join(
            f'<div class="story"><a class="story__title" href="{self.path(a)}">{esc(a.title)}</a></div>'
            for a in self.articles
            if a.extra["rendered"] == "server"
        )
        data = {
            "props": {
                "pageProps": {"items": [{"id": a.id, "url": self.path(a)} for a in self.articles]}
            },
            "page": "/",
            "buildId": BUILD,
        }
        return Page(self.frame("Báo Cao Nguyên", f'<main class="home">{cards}</main>', data, ""))

    def article_page(self, article: Article) -> Page:
        content_html = (
            f"<p><strong>{esc(article.lead)}</strong></p>" if article.lead else ""
        ) + article.body_html()
        data = {
            "props": {
                "pageProps": {
                    "article": {
                        "id": article.id,
                        "title": article.title,
                        "sapo": article.lead,
                        "content": content_html,
                        "publishedAt": article.published,
                        "author": article.author,
                    }
                }
            },
            "page": "/[section]/[slug]",
            "query": {"section": article.extra["section"]},
            "buildId": BUILD,
        }
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": article.published,
            "author": {"@type": "Person", "name": article.author},
            "mainEntityOfPage": self.article_url(article),
            "articleBody": "\n\n".join(article.text),
        }
        head = (
            f'<link rel="canonical" href="{self.article_url(article)}"><meta property="og:type" content="article">'
            f'<meta property="og:title" content="{esc(article.title)}">'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        )
        if article.extra["rendered"] == "browser":
            body = '<div class="skeleton">Đang tải…</div>'
        else:
            body = f"""<main class="detail"><article class="article">
<h1 class="article__title">{esc(article.title)}</h1>
<div class="article__meta"><span class="article__author">{esc(article.author)}</span> · <time>{
                article.day()
            } {article.time()}</time></div>
<div class="article__body">{content_html}</div></article>
<section class="related"><h2>Đọc thêm</h2>{
                "".join(
                    f'<a href="{self.path(a)}">{esc(a.title)}</a>'
                    for a in self.articles
                    if a is not article and a.extra["rendered"] == "server"
                )
            }</section></main>"""
        return Page(self.frame(article.title, body, data, head))

    def frame(self, title: str, body: str, data: dict, head: str) -> str:
        next_data = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charSet="utf-8"><title>{esc(title)} | Báo Cao Nguyên</title>
<meta name="viewport" content="width=device-width"/>{head}
<link rel="preload" href="/_next/static/chunks/main-3f2a.js" as="script"/></head>
<body><div id="__next"><header class="header"><a href="/">BÁO CAO NGUYÊN</a><nav><a href="/">Trang chủ</a></nav></header>{body}
<footer class="footer">Báo Cao Nguyên điện tử (trang mẫu kiểm thử)</footer></div>
<script id="__NEXT_DATA__" type="application/json">{next_data}</script>
<script src="/_next/static/chunks/main-3f2a.js" defer></script></body></html>"""
