"""ASP.NET WebForms / DotNetNuke: one page-wide <form id="Form"> with __VIEWSTATE, layout
tables, the article in a table cell, a reader-comment box inside the same form, and a news list
whose later pages exist only as answers to a postback of that form (__doPostBack)."""

import base64

from portals_cms.common import Article, FixturePortal, Page, esc

SLUG = "webforms"
LIST = "/Tin-tuc.aspx"
PAGER = "dnn$ctr410$ArticleList$pager"
PER_PAGE = 3


def viewstate(name: str) -> str:
    return base64.b64encode(f"/wEPDwUKMTY3{name}|dnn".encode()).decode()


class Portal(FixturePortal):
    SLUG = SLUG

    def build(self) -> None:
        self.add(LIST, self.listing(1))
        self.add("/", self.listing(1))
        for article in self.articles:
            self.add(self.path(article), self.article_page(article))
            self.add(f"/Print.aspx?ArticleID={article.id}", self.print_page(article))

    @property
    def last_page(self) -> int:
        return -(-len(self.articles) // PER_PAGE)

    def path(self, article: Article) -> str:
        return f"/Tin-tuc/ArticleID/{article.id}/{article.extra['slug']}.aspx"

    def article_url(self, article: Article) -> str:
        return self.base + self.path(article)

    def post(self, target: str, form: dict[str, str]) -> Page | None:
        """The answer to a postback: the list page the pager asked for, or ASP.NET's error
        when the form came back without the page's own view state."""
        if target != LIST:
            return None
        state = base64.b64decode(form.get("__VIEWSTATE", "") or "=").decode("utf-8", "replace")
        if not state.startswith("/wEPDwUKMTY3tin-tuc-"):
            return Page(
                "<html><body><h2>Validation of viewstate MAC failed.</h2></body></html>", status=500
            )
        current = int(state.removeprefix("/wEPDwUKMTY3tin-tuc-").split("|")[0])
        if form.get("__EVENTTARGET") != PAGER:
            return self.listing(current)
        argument = form.get("__EVENTARGUMENT", "")
        wanted = current + 1 if argument == "Page$Next" else int(argument.removeprefix("Page$"))
        return self.listing(min(max(wanted, 1), self.last_page))

    def listing(self, number: int) -> Page:
        chosen = self.articles[(number - 1) * PER_PAGE : number * PER_PAGE]
        items = "\n".join(
            f'<tr><td class="Normal"><a class="TieuDeTin" href="{self.path(a)}">{esc(a.title)}</a>'
            f' <span class="NgayDang">({a.day()})</span><br>{esc(a.paragraphs[0][:140])}…</td></tr>'
            for a in chosen
        )
        pager = " ".join(
            f"<span class='CurrentPage'>{n}</span>"
            if n == number
            else f"<a class='PagerLink' href=\"javascript:__doPostBack('{PAGER}','Page${n}')\">{n}</a>"
            for n in range(1, self.last_page + 1)
        )
        if number < self.last_page:
            pager += f" <a class='PagerLink' href=\"javascript:__doPostBack('{PAGER}','Page$Next')\">Trang sau &raquo;</a>"
        content = (
            f'<table width="100%" class="DanhSachTin">{items}</table>'
            f'<div class="Pager">Trang: {pager}</div>'
        )
        return Page(self.frame("Tin tức - Sự kiện", content, LIST, f"tin-tuc-{number}"))

    def article_page(self, article: Article) -> Page:
        wire = article.extra.get("wire_encoding", "utf-8")
        header = article.extra.get("header_charset", wire)
        # "Các tin khác": the three newer articles, so older list pages are reached by postback only
        index = self.articles.index(article)
        others = "".join(
            f'<li><a href="{self.path(a)}">{esc(a.title)}</a> ({a.day()})</li>'
            for a in self.articles[max(0, index - 3) : index]
        )
        lead = f'<span class="Lead"><b>{esc(article.lead)}</b></span>' if article.lead else ""
        content = f"""
<table width="100%" cellpadding="3" class="ChiTietTin">
<tr><td class="Breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="{LIST}">Tin tức - Sự kiện</a></td></tr>
<tr><td><span class="Head">{esc(article.title)}</span></td></tr>
<tr><td><span class="SubHead">Ngày đăng: {article.day()} {article.time()}</span></td></tr>
<tr><td class="Normal">{lead}
<div class="NoiDung" style="text-align:justify">{article.body_html()}</div>
<p style="text-align:right"><b>{esc(article.author)}</b></p></td></tr>
<tr><td align="right"><a href="/Print.aspx?ArticleID={article.id}" target="_blank">In bài viết</a> |
 <a href="javascript:history.back()">Quay lại</a></td></tr>
<tr><td class="TinKhac"><b>Các tin khác</b><ul>{others}</ul></td></tr>
<tr><td class="YKien"><b>Ý kiến bạn đọc</b><br>
Họ tên: <input name="dnn$ctr420$GopY$txtHoTen" type="text" id="dnn_ctr420_GopY_txtHoTen"><br>
Email: <input name="dnn$ctr420$GopY$txtEmail" type="text" id="dnn_ctr420_GopY_txtEmail"><br>
Nội dung: <textarea name="dnn$ctr420$GopY$txtNoiDung" rows="4" cols="60"></textarea><br>
<input type="submit" name="dnn$ctr420$GopY$btnGui" value="Gửi ý kiến"></td></tr>
</table>"""
        html = self.frame(article.title, content, self.path(article), f"bai-{article.id}", wire)
        return Page(html, f"text/html; charset={header}", wire_encoding=wire)

    def print_page(self, article: Article) -> Page:
        lead = f"<p><b>{esc(article.lead)}</b></p>" if article.lead else ""
        return Page(
            f"<html><head><meta charset='utf-8'><title>{esc(article.title)}</title></head>"
            f"<body onload='window.print()'><h2>{esc(article.title)}</h2><p>{article.day()}</p>"
            f"{lead}{article.body_html()}<p align='right'><b>{esc(article.author)}</b></p>"
            "</body></html>"
        )

    def frame(self, title: str, content: str, action: str, state: str, charset="utf-8") -> str:
        """The DotNetNuke skin: every page inside one form, menus in layout tables."""
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(title)} - Cổng thông tin điện tử huyện Sơn Trà Thượng</title>
<script type="text/javascript">
function __doPostBack(eventTarget, eventArgument) {{
  var theForm = document.forms['Form'];
  if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
    theForm.__EVENTTARGET.value = eventTarget; theForm.__EVENTARGUMENT.value = eventArgument;
    theForm.submit();
  }}
}}
</script>
</head>
<body>
<form name="Form" method="post" action="{action}" id="Form" enctype="multipart/form-data">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(state)}">
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEWBQKh2o6kB">
<table width="990" align="center" cellpadding="0" cellspacing="0" class="Khung">
<tr><td colspan="2" class="Banner">CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN SƠN TRÀ THƯỢNG
 <span class="TimKiem"><input name="dnn$dnnSEARCH$txtSearch" type="text" class="NormalTextBox">
 <input type="submit" name="dnn$dnnSEARCH$cmdSearch" value="Tìm kiếm"></span>
 <a href="javascript:__doPostBack('dnn$dnnLOGIN$cmdLogin','')">Đăng nhập</a></td></tr>
<tr><td colspan="2" class="MenuNgang"><a href="/">Trang chủ</a> | <a href="{LIST}">Tin tức - Sự kiện</a>
 | <a href="/Gioi-thieu.aspx">Giới thiệu</a></td></tr>
<tr><td width="210" valign="top" class="CotTrai"><table><tr><td class="TieuDeMenu">DANH MỤC</td></tr>
<tr><td><a href="{LIST}">Tin tức - Sự kiện</a></td></tr><tr><td><a href="/Van-ban.aspx">Văn bản chỉ đạo, điều hành</a></td></tr>
<tr><td><a href="/Thu-tuc.aspx">Thủ tục hành chính</a></td></tr></table></td>
<td width="780" valign="top" class="ContentPane">{content}</td></tr>
<tr><td colspan="2" class="Footer">Cơ quan chủ quản: UBND huyện Sơn Trà Thượng (giả định) - Giấy phép số 09/GP-STTTT (mẫu kiểm thử)</td></tr>
</table>
</form></body></html>"""
