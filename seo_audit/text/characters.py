"""Characters no later stage can handle, cleaned where text enters a Document or a Page.

- Lone surrogates (U+D800–U+DFFF on their own): a truncated emoji in JSON-LD (`"\\ud83d"`,
  which json.loads turns into a surrogate) or a `"\\uD800"` escape in YAML front matter. No
  encoder writes them, so a reporter printing one would crash; each becomes U+FFFD. A high and
  a low surrogate side by side (YAML's `"\\ud83d\\ude00"`) are joined into their character.
- Control characters XML does not allow (C0 controls but tab, newline and carriage return):
  lxml refuses to set them as an element's text, so pruning an element next to a form feed
  made the whole page unauditable. A form feed is white space in HTML, and a vertical tab is
  Word's line break in pasted text: both become a space. The others render as nothing and are
  dropped.
"""

from __future__ import annotations

import re

__all__ = ["without_lone_surrogates", "xml_compatible", "xml_compatible_utf8"]

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_XML_INCOMPATIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters, each looked for with `in`: a search in C for one character is ~4x
# faster over a page's HTML than the pattern's (0.13 ms against 0.55), and nearly every page
# has none of them.
_XML_INCOMPATIBLE = (
    *(chr(code) for code in range(0x00, 0x09)),
    "\x0b",
    "\x0c",
    *(chr(code) for code in range(0x0E, 0x20)),
    "\ufffe",
    "\uffff",
)


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (pairs joined)."""
    # Nearly every text is ASCII or encodes cleanly: both are checked in C, faster than the
    # pattern (which cost ~1 ms a page when it ran on every string).
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    if _SURROGATE_RE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _xml_character(match: re.Match[str]) -> str:
    return " " if match.group(0) in "\x0b\x0c" else ""


def xml_compatible(text: str) -> str:
    """`text` without the control characters XML forbids (a form feed or vertical tab becomes a
    space), and without lone surrogates."""
    return without_lone_surrogates(_xml_characters(text))


def xml_compatible_utf8(text: str) -> bytes:
    """`xml_compatible(text)` encoded as UTF-8, encoding once: text that encodes has no lone
    surrogate (the parser's input, ~0.1 ms a page saved)."""
    text = _xml_characters(text)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return without_lone_surrogates(text).encode("utf-8")


def _xml_characters(text: str) -> str:
    if any(character in text for character in _XML_INCOMPATIBLE):
        text = _XML_INCOMPATIBLE_RE.sub(_xml_character, text)
    return text
