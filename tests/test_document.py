"""A page is decoded and parsed once; the faster ways in give the same tree."""

import pytest
from lxml import etree

from crawler.extract.decoding import decode_page
from crawler.extract.document import parse_html, read_document

PAGE = (
    "<!DOCTYPE html><html><head><title>Tin</title></head><body><div class='noi-dung'>"
    "<h1>Hội nghị tổng kết</h1><p>Sáng nay,&nbsp;UBND huyện họp.</p></div></body></html>"
)
BODIES = {
    "one line under a doctype": PAGE.encode(),
    "lines": PAGE.replace("><", ">\n<").encode(),
    "xml declaration": b"<?xml version='1.0' encoding='utf-8'?>\n" + PAGE.encode(),
    "unicode whitespace first": ("\u3000\u00a0" + PAGE).encode(),
    "ascii whitespace first": ("\r\n\t " + PAGE).encode(),
    "a fragment": "<div><p>Tin ngắn: UBND huyện họp.</p><p>Hai.</p></div>".encode(),
    "control characters": PAGE.replace("Sáng", "S\x0cáng").encode(),
    "mojibake": PAGE.encode().decode("cp1252", errors="replace").encode(),
    "legacy charset": PAGE.replace("<head>", "<head><meta charset='windows-1258'>").encode(
        "cp1258", errors="ignore"
    ),
}


def _shape(tree) -> tuple:
    return etree.tostring(tree.getroottree()), tree.tag, tree.getroottree().getroot().tag


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_the_tree_read_from_utf8_bytes_is_the_tree_of_the_decoded_text(body):
    html, verbatim = decode_page(body, None)
    text_tree, text_whole = parse_html(html)
    bytes_tree, bytes_whole = parse_html(html, body if verbatim else None)
    assert _shape(bytes_tree) == _shape(text_tree)
    assert bytes_whole == text_whole
    document = read_document(body, None)
    assert _shape(document.tree) == _shape(text_tree) and document.html == html


def test_only_a_page_read_as_utf8_unchanged_is_verbatim():
    assert decode_page(BODIES["one line under a doctype"], None)[1]
    assert not decode_page(BODIES["mojibake"], None)[1]
    assert not decode_page(BODIES["legacy charset"], None)[1]
