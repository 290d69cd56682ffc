"""Portal spider decisions that need no network: article URLs and failure names."""

import pytest

from spiders.portal import looks_like_article_url


@pytest.mark.parametrize(
    "url",
    [
        "https://baoquangnam.vn/thoi-su/phuoc-son-ket-nap-dang-vien-3141592.html",
        "http://phuocson.quangnam.gov.vn/Default.aspx?tabid=120&ArticleId=4521",
        "https://danang.gov.vn/chinh-quyen/chi-tiet?id=58231",
        "https://baodanang.vn/xa-hoi/khanh-thanh-cau-vuot-song-han-sau-hai-nam-thi-cong/",
    ],
)
def test_article_urls_are_recognised(url):
    assert looks_like_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://baoquangnam.vn/",
        "https://baoquangnam.vn/thoi-su/",
        "https://baoquangnam.vn/thoi-su/trang-2.html",
        "https://baoquangnam.vn/lien-he.html",
        "https://baodanang.vn/chinh-tri/page-12",
    ],
)
def test_listing_and_section_urls_are_not_articles(url):
    assert not looks_like_article_url(url)
