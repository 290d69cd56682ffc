"""The element helpers answer exactly as the lxml calls they stand in for, at less cost."""

import pytest
from lxml import etree

from crawler.extract.document import read_document
from crawler.extract.elements import in_document, marked, marked_below, text_of

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
