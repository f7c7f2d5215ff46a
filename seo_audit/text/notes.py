"""Lines that are not article text: an editor's SEO notes and "by …" bylines.

They are recognised line by line, because a pasted draft often runs them into the paragraph
around them ("by admin" / "focus keyword : …" on consecutive lines of one block).
"""

from __future__ import annotations

import re

# An editor's leftover note: "focus keyword : …", "Focus Keyphrase: …", "keyword: …".
KEYPHRASE_NOTE_RE = re.compile(
    r"^\s*(?:focus\s*key\s*(?:word|phrase)|key\s*(?:word|phrase))\s*:\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
SEO_NOTE_RE = re.compile(
    r"^\s*(?:focus\s*key\s*(?:word|phrase)s?|key\s*(?:word|phrase)s?|seo\s*title|"
    r"meta\s*(?:description|title)|slug|target\s*keyword)\s*:\s*\S",
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
