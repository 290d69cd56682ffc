"""The element helpers answer exactly as the lxml calls they stand in for, at less cost."""

import pytest
from lxml import etree

from crawler.extract.article import _take_scripts
from crawler.extract.document import read_document
from crawler.extract.elements import in_document, marked, marked_below, text_of
from crawler.extract.metadata import _canonical_href
from crawler.extract.rejection import _is_embed, _is_right_aligned, _is_text_field

MARKED = "//*[@class or @id or @itemprop or @data-component or @data-testid]"
PAGES = {
    "article": (
        "<html><head><title>Tin</title></head><body><div id='main' class=''>"
        "<h1 itemprop='headline'>Hội nghị <b>tổng kết</b></h1><p>Sáng nay,<br>UBND huyện"
        " <a href='/a'>Phước Sơn</a> họp.</p><ul data-testid='related'><li><a>Tin 1</a></li>"
        "<li data-component='x'><span>Tin 2</span> tail</li></ul></div>"
        "<footer><p class='copy'>© Báo <i>Quảng Nam</i></p></footer></body></html>"
    ),
    "second html root": (
        "<html><body><div class='a'><p>x</p></div></body></html>"
        "<html><body><p id='b'>y</p><span class='c'>z</span></body></html>"
    ),
    "fragment": "<p class='x'>only <em>a</em> fragment</p><div id=y><p>z</p></div>",
}
TAGS = [("div", "p"), ("p", "span", "li", "a", "footer"), ("section", "nav")]


def _trees():
    for source in PAGES.values():
        tree = read_document(source.encode(), None).tree
        yield tree
        yield from tree.iter("div", "ul", "p")  # asked from inside the page as well


@pytest.mark.parametrize("tags", TAGS)
def test_in_document_is_the_xpath_union_of_those_tags(tags):
    for tree in _trees():
        assert in_document(tree, *tags) == tree.xpath("|".join(f"//{tag}" for tag in tags))


def test_marked_elements_are_those_the_xpath_finds():
    for tree in _trees():
        assert marked(tree) == tree.xpath(MARKED)
        for el in tree.iter(etree.Element):
            assert marked_below(el) == el.xpath("." + MARKED)


def test_text_of_is_text_content():
    for tree in _trees():
        for el in tree.iter(etree.Element):
            assert text_of(el) == el.text_content()


ATTRIBUTES = (
    "<html><head><link rel='canonical'><link rel='canonical' href=' /bai-1 '>"
    "<script type='application/ld+json'>{}</script><script>var a;</script></head><body>"
    "<p style='text-align: right'>Ký tên</p><p align='right'>Tên</p><p align='RIGHT'>x</p>"
    "<div style='float:right'>y</div><div align='right'>z</div><p style=''>w</p>"
    "<iframe src='https://youtube.com/embed/1'></iframe><iframe src='/ban-do'></iframe>"
    "<iframe></iframe><video></video><form><input><input type='text'><input type='email'>"
    "<input type=''><input type='hidden'><div><textarea></textarea></div></form>"
    "<form><button>Tìm</button></form></body></html>"
)
SELECTIONS = [
    ("//p[contains(@style,'right') or @align='right']|//div[contains(@style,'right')]",
     lambda tree: [el for el in in_document(tree, "p", "div") if _is_right_aligned(el)]),
    ("//video|//iframe[contains(@src,'youtube') or contains(@src,'video')]",
     lambda tree: [el for el in in_document(tree, "video", "iframe") if _is_embed(el)]),
    ("//input[@type='text' or @type='email' or not(@type)]|//textarea",
     lambda tree: [el for el in in_document(tree, "input", "textarea") if _is_text_field(el)]),
    ('//script[@type="application/ld+json"]', _take_scripts),
]  # fmt: skip


@pytest.mark.parametrize("xpath, select", SELECTIONS, ids=lambda x: "" if callable(x) else x)
def test_attribute_selections_are_the_xpaths_they_replace(xpath, select):
    expected = read_document(ATTRIBUTES.encode(), None).tree.xpath(xpath)
    found = select(read_document(ATTRIBUTES.encode(), None).tree)
    assert [el.sourceline for el in found] == [el.sourceline for el in expected] != []
    assert [(el.tag, el.attrib) for el in found] == [(el.tag, el.attrib) for el in expected]


def test_the_canonical_link_is_the_first_one_with_an_address():
    assert _canonical_href(read_document(ATTRIBUTES.encode(), None).tree, {}) == "/bai-1"
