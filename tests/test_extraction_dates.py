"""Which date a page's many dates give as its publication date."""

from crawler.extract import extract_article

PARAGRAPH = (
    "Hội nghị tổng kết công tác năm của huyện đã diễn ra tại hội trường Ủy ban nhân dân "
    "huyện với sự tham dự của đại biểu các xã, thị trấn và các ban ngành đoàn thể. "
)


def page(header: str = "", head: str = "") -> bytes:
    return f"""<html lang="vi"><head><meta charset="utf-8">
<title>Huyện tổng kết công tác năm 2024</title>{head}</head><body>
<div class="detail"><h1>Huyện tổng kết công tác năm 2024</h1>{header}
<div class="content"><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH * 2}</p></div></div>
</body></html>""".encode()


def ld(published: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        f'"datePublished": "{published}"}}</script>'
    )


DATED_URL = "https://example.vn/2024/05/12/huyen-tong-ket-cong-tac.html"


def test_a_utc_timestamp_that_is_the_urls_day_somewhere_keeps_its_instant_on_that_day():
    result = extract_article(page(head=ld("2024-05-11T20:30:00+00:00")), DATED_URL)
    assert result.published == "2024-05-12T00:30:00+04:00"


def test_a_date_before_the_day_in_the_url_gives_way_to_it():
    result = extract_article(page('<div class="time">10/05/2024</div>'), DATED_URL)
    assert result.published == "2024-05-12T00:00:00+07:00"


def test_a_date_after_the_day_in_the_url_stands_published_after_filing():
    result = extract_article(page('<div class="time">13/05/2024</div>'), DATED_URL)
    assert result.published == "2024-05-13T00:00:00+07:00"


def test_a_page_without_a_date_of_its_own_takes_the_day_in_its_url():
    assert extract_article(page(), DATED_URL).published[:10] == "2024-05-12"


def test_a_number_in_the_url_is_no_day():
    url = "https://example.vn/tin-tuc/huyen-tong-ket-20240512.html"
    result = extract_article(page('<div class="time">10/05/2024</div>'), url)
    assert result.published == "2024-05-10T00:00:00+07:00"


def test_a_date_in_the_future_is_no_publication_date():
    header = '<div class="event">Khai mạc ngày 15/06/2099</div><div class="time">20/04/2016</div>'
    result = extract_article(page(header), "https://example.vn/tong-ket.html")
    assert result.published == "2016-04-20T00:00:00+07:00"


def test_the_heads_published_time_comes_before_a_json_ld_block():
    head = '<meta property="article:published_time" content="2024-05-06T08:29:34+07:00">'
    result = extract_article(page(head=head + ld("2024-05-04T07:29:00Z")), "https://x.vn/a.html")
    assert result.published == "2024-05-06T08:29:34+07:00"
