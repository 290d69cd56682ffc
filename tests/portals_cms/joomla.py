"""Joomla: index.php?option=com_content&view=article&id=N:slug, the same article reached
through other menus with other catid/Itemid values, category lists paged with limitstart, a
print view (tmpl=component&print=1) and an e-mail-a-friend form (com_mailto) per article."""

from urllib.parse import quote

from portals_cms.common import Article, FixturePortal, Page, esc

SLUG = "joomla"
CATEGORY = "/index.php?option=com_content&view=category&id=8&Itemid=101"
PER_PAGE = 2


class Portal(FixturePortal):
    SLUG = SLUG

    def build(self) -> None:
        pages = -(-len(self.articles) // PER_PAGE)
        for number in range(1, pages + 1):
            self.add(self.list_target(number), self.listing(number, pages))
        self.add("/", self.home())
        self.add("/index.php", self.home())
        for article in self.articles:
            page = self.article_page(article)
            self.add(self.target(article), page)
            self.add(self.target(article, itemid=435), page)
            self.add(
                self.target(article) + "&tmpl=component&print=1&layout=default&page=",
                self.print_page(article),
            )
            mailto = f"/index.php?option=com_mailto&tmpl=component&link={quote(self.target(article), safe='')}"
            self.add(mailto, Page(self.mail_form(article)))

    def list_target(self, number: int) -> str:
        return CATEGORY if number == 1 else f"{CATEGORY}&limitstart={(number - 1) * PER_PAGE}"

    def target(self, article: Article, itemid: int = 101) -> str:
        slug = article.extra["slug"]
        return f"/index.php?option=com_content&view=article&id={article.id}:{slug}&catid=8&Itemid={itemid}"

    def article_url(self, article: Article) -> str:
        return self.base + self.target(article)

    def listing(self, number: int, pages: int) -> Page:
        chosen = self.articles[(number - 1) * PER_PAGE : number * PER_PAGE]
        items = "".join(
            f'<div class="items-row"><div class="item"><h2 class="item-title"><a href="{esc(self.target(a))}">'
            f'{esc(a.title)}</a></h2><dl class="article-info"><dd class="published">{a.day()}</dd></dl>'
            f'<p>{esc(a.paragraphs[0][:160])}…</p><p class="readmore"><a href="{esc(self.target(a))}">Xem tiếp…</a></p></div></div>'
            for a in chosen
        )
        pager = "".join(
            f"<li><span>{n}</span></li>"
            if n == number
            else f'<li><a href="{esc(self.list_target(n))}" class="pagenav">{n}</a></li>'
            for n in range(1, pages + 1)
        )
        body = f'<div class="blog"><h1>Tin tức - Sự kiện</h1>{items}<div class="pagination"><ul>{pager}</ul></div></div>'
        return Page(self.frame("Tin tức - Sự kiện", body))

    def home(self) -> Page:
        latest = "".join(
            f'<li><a href="{esc(self.target(a, itemid=435))}">{esc(a.title)}</a></li>'
            for a in self.articles
        )
        body = f'<div class="moduletable"><h3>Tin mới nhất</h3><ul class="latestnews">{latest}</ul></div>'
        return Page(self.frame("Trang chủ", body))

    def article_page(self, article: Article) -> Page:
        print_link = esc(self.target(article) + "&tmpl=component&print=1&layout=default&page=")
        mailto = esc(
            f"/index.php?option=com_mailto&tmpl=component&link={quote(self.target(article), safe='')}"
        )
        body = f"""<div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">{esc(article.title)}</h2></div>
<div class="icons"><ul class="actions"><li class="print-icon"><a href="{print_link}" title="In" rel="nofollow">In</a></li>
<li class="email-icon"><a href="{mailto}" title="Gửi email cho bạn bè">Email</a></li></ul></div>
<dl class="article-info muted"><dd class="createdby" itemprop="author">Viết bởi <span itemprop="name">{esc(article.author)}</span></dd>
<dd class="published"><time datetime="{article.published}" itemprop="datePublished">Ngày đăng: {article.day()} {article.time()}</time></dd>
<dd class="hits">Lượt xem: 1{article.id}</dd></dl>
<div itemprop="articleBody">{article.body_html()}</div>
<ul class="pager pagenav"><li class="previous"><a href="{esc(self.target(self.articles[-1]))}" rel="prev">&lt; Trước</a></li></ul>
</div>"""
        return Page(self.frame(article.title, body))

    def print_page(self, article: Article) -> Page:
        return Page(
            f'<!DOCTYPE html><html lang="vi-vn"><head><meta charset="utf-8"><title>{esc(article.title)}</title>'
            '<meta name="robots" content="noindex, nofollow"></head><body class="contentpane">'
            f'<div class="item-page"><h2>{esc(article.title)}</h2><dl class="article-info"><dd>{article.day()}</dd></dl>'
            f"{article.body_html()}</div></body></html>"
        )

    def mail_form(self, article: Article) -> str:
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Gửi email</title></head><body>'
            '<form action="/index.php" method="post" id="mailtoForm"><h2>Gửi liên kết này cho bạn bè</h2>'
            '<label>Email người nhận</label><input type="text" name="mailto"><label>Người gửi</label>'
            '<input type="text" name="sender"><label>Email của bạn</label><input type="text" name="from">'
            '<label>Tiêu đề</label><input type="text" name="subject" value="'
            + esc(article.title)
            + '">'
            '<button type="submit">Gửi</button></form></body></html>'
        )

    def frame(self, title: str, body: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="vi-vn" dir="ltr"><head><meta charset="utf-8"><base href="{self.base}/index.php">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{esc(title)} - Trang tin điện tử huyện Ea Krông Nam</title></head>
<body class="site com_content">
<div class="container"><header class="header"><a class="brand" href="/">TRANG TIN ĐIỆN TỬ HUYỆN EA KRÔNG NAM</a>
<form action="/index.php" method="post" class="form-inline"><input name="searchword" id="mod-search-searchword" type="search" placeholder="Tìm kiếm...">
<input type="hidden" name="task" value="search"><input type="hidden" name="option" value="com_search"></form></header>
<nav class="navigation"><ul class="nav menu"><li><a href="/">Trang chủ</a></li><li><a href="{esc(CATEGORY)}">Tin tức - Sự kiện</a></li>
<li><a href="/index.php?option=com_content&amp;view=featured&amp;Itemid=102">Giới thiệu</a></li></ul></nav>
<main id="content" role="main">{body}</main>
<div id="aside"><div class="moduletable"><h3>Liên kết</h3><a href="/index.php?option=com_weblinks&amp;view=category&amp;id=9">Website các xã</a></div></div>
<footer class="footer">© 2024 UBND huyện Ea Krông Nam (giả định, trang mẫu kiểm thử)</footer></div></body></html>"""
