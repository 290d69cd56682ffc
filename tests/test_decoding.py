"""Behaviour of `decode_html`."""

import pytest

from crawler.extract.decoding import UndecodablePage, decode_html

VIETNAMESE = "<html><body><p>Phước Sơn khởi công cầu treo</p></body></html>"


def test_utf8_without_any_declaration_decodes():
    assert decode_html(VIETNAMESE.encode(), None) == VIETNAMESE


def test_http_charset_wins_over_guessing():
    body = "<html><body>café</body></html>".encode("cp1252")
    assert "café" in decode_html(body, "iso-8859-1")


def test_meta_charset_windows_1258_is_honoured():
    html = '<html><head><meta charset="windows-1258"></head><body>Vi\u00ea\u0323t Nam</body></html>'
    assert "Vi\u00ea\u0323t" in decode_html(html.encode("cp1258"), None)


def test_byte_order_mark_decides_encoding():
    assert decode_html(b"\xef\xbb\xbf" + VIETNAMESE.encode(), "cp1252") == VIETNAMESE


def test_wrong_http_charset_falls_back_to_utf8():
    assert "Phước" in decode_html(VIETNAMESE.encode(), "bogus-charset")


@pytest.mark.parametrize("body", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n....", b"", b"   "])
def test_binary_or_empty_bodies_are_refused(body):
    with pytest.raises(UndecodablePage):
        decode_html(body, None)


def test_control_character_garbage_is_refused():
    with pytest.raises(UndecodablePage) as caught:
        decode_html(bytes(range(0, 32)) * 50 + b"<html>", None)
    assert caught.value.reason == "not-html"
