"""Behaviour of template learning and template block removal."""

from lxml.html import document_fromstring

from crawler.extract.templates import block_fingerprints, drop_template_blocks, learn_template

SIDEBAR = "<div class='side'>Đường dây nóng của Báo Kon Tum: 0260 3862 000, email bt@kt.vn</div>"
OWN = "Nội dung riêng của bài viết số 3 về nông thôn mới ở huyện Đăk Hà, số thứ tự 3."


def page(n: int) -> str:
    return (
        f"<html><body><h1>Bài số {n}</h1><p>Nội dung riêng của bài viết số {n} về nông thôn "
        f"mới ở huyện Đăk Hà, số thứ tự {n}.</p>{SIDEBAR}</body></html>"
    )


def test_block_shared_by_most_pages_is_learned():
    template = learn_template(page(n) for n in range(6))
    assert block_fingerprints(SIDEBAR) & template
    assert not block_fingerprints(page(1)).isdisjoint(template)


def test_article_text_is_not_learned():
    template = learn_template(page(n) for n in range(6))
    own = block_fingerprints(
        "<p>Nội dung riêng của bài viết số 3 về nông thôn mới ở huyện Đăk Hà, số thứ tự 3.</p>"
    )
    assert not own & template


def test_too_few_pages_learn_nothing():
    assert learn_template([page(1), page(2)], min_pages=5) == frozenset()


def test_fingerprint_ignores_diacritics_and_spacing():
    a = block_fingerprints("<p>Đường dây nóng   của Báo Kon Tum: 0260 3862 000</p>")
    b = block_fingerprints("<p>Duong day nong cua Bao Kon Tum: 0260 3862 000</p>")
    assert a == b and a


def test_template_blocks_are_dropped_but_the_headline_block_stays():
    template = learn_template(page(n) for n in range(6))
    tree = document_fromstring(page(9))
    drop_template_blocks(tree, template)
    text = tree.text_content()
    assert "Đường dây nóng" not in text and "bài viết số 9" in text
