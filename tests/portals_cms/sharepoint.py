"""SharePoint publishing pages: the page-wide aspnetForm, every article the same page
/Pages/chi-tiet-tin.aspx told apart by ?ItemID=, list links carrying a ?Source= return
address, and the text in a rich-HTML field control."""

from urllib.parse import quote

from portals_cms.common import Article, FixturePortal, Page, esc

SLUG = "sharepoint"
LIST = "/Pages/tin-tuc.aspx"
PER_PAGE = 2


class Portal(FixturePortal):
    SLUG = SLUG
    ignored_params = ("Source",)

    def build(self) -> None:
        pages = -(-len(self.articles) // PER_PAGE)
        for number in range(1, pages + 1):
            target = LIST if number == 1 else f"{LIST}?Page={number}"
            self.add(target, self.listing(number, pages))
        self.add("/", self.listing(1, pages))
        for article in self.articles:
            self.add(f"/Pages/chi-tiet-tin.aspx?ItemID={article.id}", self.article_page(article))

    def article_url(self, article: Article) -> str:
        return f"{self.base}/Pages/chi-tiet-tin.aspx?ItemID={article.id}"

    def listing(self, number: int, pages: int) -> Page:
        chosen = self.articles[(number - 1) * PER_PAGE : number * PER_PAGE]
        back = quote(LIST if number == 1 else f"{LIST}?Page={number}", safe="")
        items = "".join(
            f'<div class="item link-item"><a href="/Pages/chi-tiet-tin.aspx?ItemID={a.id}'
            f'&amp;Source={back}">{esc(a.title)}</a><div class="description">{a.day()}</div></div>'
            for a in chosen
        )
        pager = " ".join(
            f"<span>{n}</span>" if n == number else f'<a href="{LIST}?Page={n}">{n}</a>'
            for n in range(1, pages + 1)
        )
        return Page(
            self.frame(
                "Tin tức", f'<div class="dfwp-list">{items}</div><div class="paging">{pager}</div>'
            )
        )

    def article_page(self, article: Article) -> Page:
        lead = (
            f'<div class="sapo"><strong>{esc(article.lead)}</strong></div>' if article.lead else ""
        )
        author = (
            f'<p style="text-align:right"><strong>{esc(article.author)}</strong></p>'
            if article.author
            else ""
        )
        content = f"""
<div class="article-header"><h1 class="ms-rteElement-H1">{esc(article.title)}</h1>
<div class="article-date">{article.day()} {article.time()}</div></div>
<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline">
{lead}{article.body_html()}{author}</div>
<div class="related-news"><h3>Tin liên quan</h3><ul>{
            "".join(
                f'<li><a href="/Pages/chi-tiet-tin.aspx?ItemID={a.id}">{esc(a.title)}</a></li>'
                for a in self.articles
                if a is not article
            )
        }</ul></div>"""
        return Page(self.frame(article.title, content))

    def frame(self, title: str, content: str) -> str:
        return f"""<!DOCTYPE html>
<html dir="ltr" lang="vi-VN"><head><meta http-equiv="X-UA-Compatible" content="IE=10">
<meta http-equiv="Content-type" content="text/html; charset=utf-8">
<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css">
</head>
<body><form method="post" action="./chi-tiet-tin.aspx" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x4A1B,29 Mar 2024">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAg">
<input type="hidden" name="__VIEWSTATEGENERATOR" value="BAB98CB3"></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="top-banner">SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH KON RẪY
<div class="search-box"><input name="ctl00$PlaceHolderSearchArea$SmallSearchInputBox1$csr_sbox" type="text" title="Tìm kiếm..."></div></div>
<div class="top-nav"><a href="/">Trang chủ</a> <a href="{LIST}">Tin tức</a> <a href="/Pages/van-ban.aspx">Văn bản</a> <a href="/Pages/lien-he.aspx">Liên hệ</a></div>
<div class="main-zone"><div class="left-zone">{content}</div>
<div class="right-zone"><div class="ms-webpart-chrome-title">Liên kết</div>
<a href="/Pages/thu-tuc-hanh-chinh.aspx">Thủ tục hành chính</a></div></div>
<div class="footer">Bản quyền thuộc Sở Tài nguyên và Môi trường tỉnh Kon Rẫy (trang mẫu kiểm thử)</div>
</div></div></form></body></html>"""
