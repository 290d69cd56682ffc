"""A page whose HTML is an empty shell a script fills still gives its article, from the data
the page carries (__NEXT_DATA__, JSON-LD articleBody), paragraph by paragraph."""

import json

from crawler.extract import ExtractOptions, extract_article

PARAGRAPHS = [
    "Công trình cấp nước sinh hoạt tập trung ở xã Ia Kriêng vừa hoàn thành, cung cấp nước sạch"
    " cho gần 900 hộ dân mà nhiều năm nay phải mua nước chở bằng xe bồn vào mùa khô.",
    "Mỗi hộ dùng nước trả 6.000 đồng/m³; tổ quản lý của xã dùng tiền thu được để bảo dưỡng máy"
    " bơm, thay vật liệu lọc hoặc sửa đường ống khi cần.",
]
URL = "https://baocaonguyen.vn/thoi-su/dua-nuoc-sach-ve-vung-han-post88090.html"


def shell(next_data: dict | None, article_body: str | None) -> bytes:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Đưa nước sạch về vùng hạn phía Tây",
        "datePublished": "2024-06-20T11:20:00+07:00",
    }
    if article_body:
        ld["articleBody"] = article_body
    scripts = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    if next_data:
        scripts += f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(next_data)}'
        scripts += "</script>"
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        "<title>Đưa nước sạch về vùng hạn phía Tây | Báo Cao Nguyên</title>"
        '<meta property="og:title" content="Đưa nước sạch về vùng hạn phía Tây">'
        f'</head><body><div id="__next"><div class="skeleton">Đang tải…</div></div>{scripts}'
        "</body></html>"
    ).encode()


def test_next_data_content_gives_the_paragraphs_of_a_browser_rendered_article():
    content = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    data = {"props": {"pageProps": {"article": {"id": 88090, "content": content}}}}
    article = extract_article(shell(data, None), URL, ExtractOptions(expected_article=True))
    assert article.text.split("\n\n") == PARAGRAPHS
    assert article.title == "Đưa nước sạch về vùng hạn phía Tây"
    assert article.published.startswith("2024-06-20T11:20")


def test_json_ld_article_body_gives_paragraphs_at_its_line_breaks():
    article = extract_article(shell(None, "\n\n".join(PARAGRAPHS)), URL)
    assert article.text.split("\n\n") == PARAGRAPHS


def test_a_query_cache_handed_over_in_an_inline_script_gives_the_paragraphs():
    content = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    state = {"queries": [{"state": {"data": {"detail": {"id": 7, "contentHtml": content}}}}]}
    cache = json.dumps(state, ensure_ascii=False).replace("<", "\\u003c")
    page = shell(None, None).replace(
        b"</body>",
        f'<script>window["__RQ_1"] = [];window["__RQ_1"].push({cache})</script></body>'.encode(),
    )
    article = extract_article(page, URL, ExtractOptions(expected_article=True))
    assert article.text.split("\n\n") == PARAGRAPHS
