"""Liferay e-government portals: the article is a journal content shown by an asset-publisher
portlet; links carry p_p_id/p_p_lifecycle/p_p_state/p_p_mode and a ..._redirect return address
that differ by the page linking them, every page declares its layout (the news page) as its
canonical URL, as Liferay 6.2 does, list pages are ..._cur=N of the same portlet, and some
links name the article by its journal id (/-/journal_content/56_INSTANCE_…/groupId/articleId)."""

from urllib.parse import quote

from portals_cms.common import Article, FixturePortal, Page, esc

SLUG = "liferay"
HOME = "/web/guest/trang-chu"
LIST = "/web/guest/tin-tuc"
INSTANCE = "Xb2KqLm9"
PORTLET = f"101_INSTANCE_{INSTANCE}"
STATE = f"p_p_id={PORTLET}&amp;p_p_lifecycle=0&amp;p_p_state=normal&amp;p_p_mode=view"
PER_PAGE = 2


class Portal(FixturePortal):
    SLUG = SLUG
    ignored_params = (f"_{PORTLET}_redirect",)

    def build(self) -> None:
        pages = -(-len(self.articles) // PER_PAGE)
        self.add(LIST, self.listing(1, pages))
        for number in range(2, pages + 1):
            self.add(self.list_target(number).replace("&amp;", "&"), self.listing(number, pages))
        self.add(HOME, self.home())
        self.add("/", self.home())
        for article in self.articles:
            page = self.article_page(article)
            self.add(self.path(article), page)
            self.add(self.path(article) + "?" + STATE.replace("&amp;", "&"), page)
            self.add(f"/web/guest/-/journal_content/56_INSTANCE_Ab12/10180/{article.id}", page)

    def path(self, article: Article) -> str:
        return f"{LIST}/-/asset_publisher/{INSTANCE}/content/{article.extra['slug']}"

    def article_url(self, article: Article) -> str:
        return self.base + self.path(article)

    def list_target(self, number: int) -> str:
        return f"{LIST}?{STATE}&amp;_{PORTLET}_cur={number}"

    def link(self, article: Article, back: str) -> str:
        """An asset-publisher link: portlet state and the address to come back to."""
        redirect = quote(back.replace("&amp;", "&"), safe="")
        return f"{self.path(article)}?{STATE}&amp;_{PORTLET}_redirect={redirect}"

    def listing(self, number: int, pages: int) -> Page:
        chosen = self.articles[(number - 1) * PER_PAGE : number * PER_PAGE]
        here = LIST if number == 1 else self.list_target(number)
        items = "".join(
            f'<div class="asset-abstract"><h3 class="asset-title"><a href="{self.link(a, here)}">'
            f'{esc(a.title)}</a></h3><div class="asset-summary">{esc(a.paragraphs[0][:150])}…</div>'
            f'<div class="asset-metadata">{a.day()}</div></div>'
            for a in chosen
        )
        pager = "".join(
            f'<li class="active"><span>{n}</span></li>'
            if n == number
            else f'<li><a href="{LIST if n == 1 else self.list_target(n)}">{n}</a></li>'
            for n in range(1, pages + 1)
        )
        portlet = f'{items}<div class="taglib-page-iterator"><ul class="pager lfr-pagination-buttons">{pager}</ul></div>'
        return Page(self.frame("Tin tức - Sự kiện", self.portlet(portlet)))

    def home(self) -> Page:
        first = self.articles[0]
        # the home page links its featured article with a jsessionid, by journal id, and plainly
        items = (
            f'<li><a href="{self.path(first)};jsessionid=8F1C2D3E4A5B6C7D?{STATE}">{esc(first.title)}</a></li>'
            + "".join(
                f'<li><a href="/web/guest/-/journal_content/56_INSTANCE_Ab12/10180/{a.id}">{esc(a.title)}</a></li>'
                for a in self.articles[1:3]
            )
            + f'<li><a href="{LIST}">Xem tất cả tin tức</a></li>'
        )
        return Page(
            self.frame(
                "Trang chủ", f'<div class="portlet-body"><h2>Tin nổi bật</h2><ul>{items}</ul></div>'
            )
        )

    def article_page(self, article: Article) -> Page:
        lead = f'<p class="sapo"><strong>{esc(article.lead)}</strong></p>' if article.lead else ""
        others = "".join(
            f'<li><a href="{self.link(a, LIST)}">{esc(a.title)}</a></li>'
            for a in self.articles
            if a is not article
        )
        content = f"""<div class="asset-full-content">
<h3 class="header-title"><span>{esc(article.title)}</span></h3>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{article.day()} {article.time()}</span></div>
<div class="journal-content-article">{lead}{article.body_html()}
<p style="text-align: right;"><strong>{esc(article.author)}</strong></p></div>
<div class="taglib-social-bookmarks">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
</div>
<div class="asset-links"><h4>Các tin khác</h4><ul>{others}</ul></div>"""
        return Page(self.frame(article.title, self.portlet(content)))

    def portlet(self, body: str) -> str:
        return (
            f'<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" id="p_p_id_{PORTLET}_">'
            f'<span id="p_{PORTLET}"></span><section class="portlet" id="portlet_{PORTLET}">'
            f'<div class="portlet-content"><div class="portlet-body">{body}</div></div></section></div>'
        )

    def frame(self, title: str, content: str) -> str:
        return f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN"><head><title>{esc(title)} - Cổng thông tin điện tử tỉnh Lâm Giang</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type">
<link href="{self.base}{LIST}" rel="canonical">
<script type="text/javascript">var themeDisplay={{getCompanyId:function(){{return "10154";}},getScopeGroupId:function(){{return "10180";}}}};</script>
</head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<div id="wrapper"><header id="banner" role="banner"><h1 class="site-title">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LÂM GIANG</h1>
<nav class="sort-pages modify-pages" id="navigation"><ul><li><a href="{HOME}">Trang chủ</a></li>
<li><a href="{LIST}">Tin tức - Sự kiện</a></li><li><a href="/web/guest/van-ban">Văn bản</a></li></ul></nav></header>
<div id="content"><div class="portlet-layout row-fluid"><div class="portlet-column span8" id="column-1">{content}</div>
<div class="portlet-column span4" id="column-2"><div class="portlet-body"><h4>Liên kết website</h4>
<a href="/web/guest/dich-vu-cong">Dịch vụ công trực tuyến</a></div></div></div></div>
<footer id="footer">Cơ quan chủ quản: Văn phòng UBND tỉnh Lâm Giang (giả định, trang mẫu kiểm thử)</footer></div>
</body></html>"""
