"""Characters page text must not carry into a report as they are, shared by every medium.

Page text and file names are untrusted. A control character drives a terminal (ESC starts colour,
OSC 8 hyperlinks and OSC 52 clipboard writes; CR overwrites the line), a bidi override or isolate
shows text in an order other than the one it is read in, an invisible format character hides
text, U+2028 ends a line for JavaScript and `str.splitlines()`, and a lone surrogate (a file name
that is not UTF-8) cannot be written as UTF-8 at all. Each medium decides how to show them:
the terminal, CSV, XML and HTML as visible escapes (`visible`), JSON as `\\u` escapes
(`formats.json.dumps`).
"""

from __future__ import annotations

import re

# Zero-width (non-)joiners shape Persian and Indic words and join emoji, and the prepended
# concatenation marks (U+0600–0605, U+06DD, …) are visible signs: every other format character
# (Unicode category Cf) is invisible and is made visible. tests/test_output_hardening.py checks
# this list against the running Python's Unicode database.
KEPT_FORMAT_CHARACTERS = frozenset(
    "\u200c\u200d\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
    "\U000110bd\U000110cd"
)

UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL
    "\u00ad\u061c\u180e\u200b\u200e\u200f"  # soft hyphen, bidi marks, zero-width space
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # joiners, deprecated formats, BOM
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"  # format controls
    "\U000e0001\U000e0020-\U000e007f"  # tag characters (text hidden from the reader)
    "\ud800-\udfff"  # lone surrogates: a file name that is not UTF-8
    "\ufffe\uffff"  # not characters (and not allowed in XML)
    "]"
)


def notation(char: str) -> str:
    """A character as Python writes it in a string: \\x1b, \\u202e, \\U000e0041."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every unsafe character written as its escape, except those in `keep`."""
    return UNSAFE.sub(lambda m: m[0] if m[0] in keep else notation(m[0]), text)
