"""Crawled text printed to a terminal cannot control it."""

import pytest

from crawler.terminal import safe_for_terminal


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b[31mĐỏ\x1b[0m",  # colour
        "\x1b[2J\x1b[HĐỏ",  # clear screen, cursor home
        "\x1b]0;pwned\x07Đỏ",  # window title
        "\x1b]52;c;cm0gLXJmIH4=\x1b\\Đỏ",  # write the clipboard
        "\x1b]8;;http://evil.example/\x1b\\Đỏ\x1b]8;;\x1b\\",  # hyperlink
        "\x9b31mĐỏ",  # 8-bit CSI
        "\x9d0;title\x9cĐỏ",  # 8-bit OSC
        "\x1bPqdcs\x1b\\Đỏ",  # device control string
        "Đ\x00\x07\x08\x7fỏ",  # NUL, bell, backspace, delete
        "\u202eĐỏ\u202c",  # right-to-left override
        "\x1bcĐỏ",  # full reset
    ],
)
def test_escape_sequences_and_controls_are_removed(hostile):
    assert safe_for_terminal(hostile) == "Đỏ"


def test_vietnamese_text_and_layout_are_kept():
    text = "Quảng Nam:\tmưa lớn\nĐà Nẵng: nắng"
    assert safe_for_terminal(text) == text


def test_newlines_can_be_removed_for_one_line_output():
    assert safe_for_terminal("tiêu đề\r\ngiả", keep_newlines=False) == "tiêu đềgiả"
