"""Lines that are not article text: an editor's SEO notes and "by …" bylines.

They are recognised line by line, because a pasted draft often runs them into the paragraph
around them ("by admin" / "focus keyword : …" on consecutive lines of one block).
"""

from __future__ import annotations

import re

# An SEO plugin's name before the note: "Yoast focus keyphrase: …", "Rank Math focus keyword: …".
_PLUGIN = r"(?:(?:yoast(?:\s*seo)?|rank\s*math|aioseo|all\s*in\s*one\s*seo|seopress)\s*)?"
_FOCUS = r"focus\s*key\s*(?:word|phrase)s?"
# A colon, or a dash with space around it ("Focus keyword - x", "Focus keyphrase – x"). Only
# the focus forms take a dash: "Keywords – the words people type" is a sentence.
_COLON = r"\s*:\s*"
_COLON_OR_DASH = r"(?:\s*:|\s+-|\s*[–—])\s*"
# An editor's leftover note: "focus keyword : …", "Focus Keyphrase – …", "keyword: …".
KEYPHRASE_NOTE_RE = re.compile(
    rf"^\s*{_PLUGIN}(?:{_FOCUS}{_COLON_OR_DASH}|key\s*(?:word|phrase){_COLON})"
    r"(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
SEO_NOTE_RE = re.compile(
    rf"^\s*(?:{_PLUGIN}{_FOCUS}{_COLON_OR_DASH}|{_PLUGIN}(?:key\s*(?:word|phrase)s?|seo\s*title|"
    rf"meta\s*(?:description|title)|slug|target\s*keyword){_COLON})\S",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(r"^(?:by|posted by|written by|author:?)\s+(?P<name>\S.{0,60}?)\s*$", re.I)
_NOTE_MAX_WORDS = 30


def is_seo_note(text: str) -> bool:
    return len(text.split()) <= _NOTE_MAX_WORDS and bool(SEO_NOTE_RE.match(text))


def is_byline(text: str) -> bool:
    return bool(BYLINE_RE.match(text))


def is_aside_line(text: str) -> bool:
    """A line that should stand as a block of its own, out of the article text."""
    return is_seo_note(text) or is_byline(text)
