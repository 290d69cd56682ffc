"""Crawled text made safe to print: nothing from a page may drive the reader's terminal.

A title can carry escape sequences (colours, cursor moves, window titles, hyperlinks, even
"set clipboard") or bidi overrides that reorder what the reader sees; all are removed.
"""

import re
import unicodedata

# ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (to BEL or ST), two-byte escapes;
# then their single-byte C1 forms.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def safe_for_terminal(text: str, keep_newlines: bool = True) -> str:
    """`text` without escape sequences, control characters (but tab, newline) or bidi controls."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    kept = "\t\n" if keep_newlines else "\t"
    return "".join(
        ch
        for ch in text
        if ch in kept or (unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS)
    )
