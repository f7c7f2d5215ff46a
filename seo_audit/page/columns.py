"""Where on its line a finding points: the column (and the end of the text it names) in the
source the writer has open, the HTML file or the Markdown draft itself, never the rendered HTML.

lxml gives each element's line but no column, and the ~90 places rules yield findings know a
line only. Messages quote the text they are about in “…” (a sentence, a heading, the note, an
embed's text, text.words.cut marks a cut quote with "…"), so the quote is looked up on the
finding's line: its first words, with markup, entities and line wrapping allowed between them.
A finding that quotes nothing, or whose quote is not on its line, points at the first character
of the line's text (the tag or front-matter key it names) and runs to the end of the line's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A rule message's quotations (curly quotes, as every builtin rule writes them).
_QUOTE_RE = re.compile(r"“([^”]{1,400})”")
# What may stand between two words of a quote in the source: white space, tags, entities,
# Markdown emphasis and link syntax.
_BETWEEN = r"(?:\s|<[^<>]{0,300}>|&[#\w]{1,10};|[*_`~\[\]]|\]\([^()\s]{0,300}\))+"
# The most words of a cut quote searched for: enough to tell two sentences apart on a line.
_MOST_WORDS = 6
# Lines a quote may run over: a hard-wrapped sentence, heading or placeholder.
_WRAPPED_LINES = 4
_ENTITY = r"&[#\w]{1,10};"


@dataclass(frozen=True)
class Span:
    """Where a finding's text is: the 1-based column of its first character on the finding's
    line, and the line and 1-based column of the character after its last (as SARIF's
    startColumn, endLine and endColumn). A quote a hard-wrapped paragraph breaks over lines
    ends on a later line."""

    column: int
    end_line: int
    end_column: int


def locate(lines: Sequence[str], line: int | None, message: str) -> Span | None:
    """The span a finding on `line` (1-based) with `message` covers, or None when the line is
    unknown or outside the source."""
    if line is None or not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    stripped = text.rstrip()
    start = len(stripped) - len(stripped.lstrip())
    whole_line = Span(start + 1, line, max(len(stripped), start) + 1)
    if "“" not in message:
        return whole_line
    # The finding's line and the next few: a wrapped sentence goes on below its first line.
    following = "\n".join(lines[line - 1 : line - 1 + _WRAPPED_LINES])
    for quote in _QUOTE_RE.findall(message):
        span = _find_quote(following, len(text), quote, line, whole_line.end_column)
        if span is not None:
            return span
    return whole_line


def _find_quote(
    following: str, first_length: int, quote: str, line: int, line_end: int
) -> Span | None:
    cut = quote.endswith("…")
    words = quote.rstrip("…").split()
    if not words:
        return None
    counts = list(range(min(len(words), _MOST_WORDS), 0, -1))
    if not cut and len(words) > _MOST_WORDS:  # the whole quote first, however long
        counts.insert(0, len(words))
    for count in counts:
        pattern = _BETWEEN.join(_word_pattern(word) for word in words[:count])
        # Whole words: a quoted "so" is not the "so" in "also".
        if words[0][0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if words[count - 1][-1].isalnum():
            pattern += r"(?!\w)"
        match = re.search(pattern, following)
        if match is None or match.start() >= first_length:
            continue  # not there, or only on a later line
        if count == len(words) and not cut:
            before_end = following[: match.end()]
            end_line = line + before_end.count("\n")
            end_column = match.end() - (before_end.rfind("\n") + 1) + 1
            return Span(match.start() + 1, end_line, end_column)
        # Part of the quote is here: the span runs on to the end of the line's text.
        end = match.end()
        if "\n" in following[match.start() : end]:
            end = first_length
        return Span(match.start() + 1, line, max(line_end, end + 1))
    return None


def _word_pattern(word: str) -> str:
    """A word as the source may spell it: punctuation and non-ASCII letters may be written as
    entities (`&rsquo;`, `&#233;`), `&` as `&amp;`."""
    parts = []
    for char in word:
        if char.isascii() and char.isalnum():
            parts.append(char)
        else:
            parts.append(f"(?:{re.escape(char)}|{_ENTITY})")
    return "".join(parts)
