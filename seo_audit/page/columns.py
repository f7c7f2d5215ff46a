"""Where on its line a finding points: the column (and the end of the text it names) in the
source the writer has open, the HTML file or the Markdown draft itself, never the rendered HTML.

lxml gives each element's line but no column, and the ~90 places rules yield findings know a
line only. Messages quote the text they are about in “…” (a sentence, a heading, the note, an
embed's text, text.words.cut marks a cut quote with "…"), so the quote is looked up on the
finding's line and the few after it, in the text as a reader reads it: tags, Markdown emphasis
and link targets left out, entities decoded, white space (line breaks too) as one space, each
character mapped back to its place in the source. The whole quote first, then its first words.
A finding that quotes nothing, or whose quote is not on its line, points at the first character
of the line's text (the tag or front-matter key it names) and runs to the end of the line's text.
One plain search per quote, no pattern built per message: this runs for every finding.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# A rule message's quotations (curly quotes, as every builtin rule writes them).
_QUOTE_RE = re.compile(r"“([^”]{1,400})”")
# What a reader does not read as text: tags, Markdown emphasis and link syntax (dropped),
# entities (decoded) and runs of white space (one space).
_MARKUP_RE = re.compile(
    r"(?P<drop><[^<>]{0,300}>|\]\([^()\s]{0,300}\)|[*_`~])"
    r"|(?P<entity>&[#\w]{1,10};)|(?P<space>\s+)"
)
# The most words of a quote's opening searched for: enough to tell two sentences apart.
_MOST_WORDS = 6
# Lines longer than this (a minified page's one line) are searched near the quote's first
# word only: reading all of them for each finding would cost more than the audit.
_LONGEST_READ = 4000
# Places a quote's first word is tried at before the whole lines are read.
_MOST_ANCHORS = 8
_PUNCTUATION = "\"'“”‘’«»()[]{}.,:;!?*_`~"
# Lines a quote may run over: a hard-wrapped sentence, heading or placeholder.
_WRAPPED_LINES = 4


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
        found = _find_near_anchor(following, len(text), quote)
        if found is None and len(following) <= _LONGEST_READ:
            found = _find_quote(_as_read(following), len(text), quote)
        if found is None:
            continue
        begin, end, whole = found
        if not whole or "\n" not in following[begin:end]:
            if not whole:  # part of the quote: the span runs on to the end of the line
                end = max(min(end, len(text)), whole_line.end_column - 1)
            return Span(begin + 1, line, end + 1)
        before_end = following[:end]
        return Span(begin + 1, line + before_end.count("\n"), end - before_end.rfind("\n"))
    return whole_line


@dataclass(frozen=True)
class _Read:
    """Source text as read (see the module docstring) and, for each run of it, where the run
    starts in the source."""

    text: str
    starts: tuple[int, ...]  # offsets in `text` where a run begins
    sources: tuple[int, ...]  # the source offset of each run's first character
    ends: tuple[int, ...]  # the source offset just after each run

    def source(self, offset: int, end: bool = False) -> int:
        """The source offset of a character of `text` (`end`: just after it)."""
        run = bisect.bisect_right(self.starts, offset) - 1
        if self.ends[run] - self.sources[run] != self.starts_length(run):
            return self.ends[run] if end else self.sources[run]  # an entity or white space
        return self.sources[run] + offset - self.starts[run] + (1 if end else 0)

    def starts_length(self, run: int) -> int:
        following = self.starts[run + 1] if run + 1 < len(self.starts) else len(self.text)
        return following - self.starts[run]


@lru_cache(maxsize=16)  # the findings of one page ask about the same few lines
def _as_read(source: str) -> _Read:
    pieces: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    ends: list[int] = []
    length = 0
    position = 0

    def add(text: str, start: int, end: int) -> None:
        nonlocal length
        if text:
            pieces.append(text)
            starts.append(length)
            sources.append(start)
            ends.append(end)
            length += len(text)

    for match in _MARKUP_RE.finditer(source):
        add(source[position : match.start()], position, match.start())
        if match.group("entity"):
            decoded = html.unescape(match.group())
            add(" " if decoded.isspace() else decoded, match.start(), match.end())
        elif match.group("space") and not (pieces and pieces[-1].endswith(" ")):
            add(" ", match.start(), match.end())
        position = match.end()
    add(source[position:], position, len(source))
    return _Read("".join(pieces), tuple(starts), tuple(sources), tuple(ends))


def _find_near_anchor(
    following: str, first_length: int, quote: str
) -> tuple[int, int, bool] | None:
    """The quote read in small windows around the places its first word is written as is:
    reading a whole long line (a minified page's) for each finding costs far more."""
    words = quote.rstrip("…").split()
    anchor = words[0].strip(_PUNCTUATION) if words else ""
    if not anchor:
        return None
    # Most quotes are written on their line as they read: no reading needed.
    cut = quote.endswith("…")
    target = " ".join(words)
    at = following.find(target, 0, first_length + len(target))
    if 0 <= at < first_length and _bounded(following, at, at + len(target), not cut):
        return at, at + len(target), not cut
    at = following.find(anchor, 0, first_length)
    for _ in range(_MOST_ANCHORS):
        if at < 0:
            return None
        start = max(0, at - len(words[0]))
        window = following[start : at + 3 * len(quote) + 200]
        found = _find_quote(_as_read(window), first_length - start, quote, first_only=True)
        if found is not None:
            begin, end, whole = found
            return begin + start, end + start, whole
        at = following.find(anchor, at + 1, first_length)
    return None


def _find_quote(
    read: _Read, first_length: int, quote: str, first_only: bool = False
) -> tuple[int, int, bool] | None:
    """(source start, source end, whether it is the whole quote) of the quote, or of its
    first words, starting on the finding's line."""
    cut = quote.endswith("…")
    words = quote.rstrip("…").split()
    if not words:
        return None
    counts = [len(words)] + [n for n in (_MOST_WORDS, 2, 1) if n < len(words)]
    # Near an anchor, only the whole quote counts: a prefix is looked for in the whole lines.
    for count in dict.fromkeys(counts[:1] if first_only else counts):
        target = " ".join(words[:count])
        # A cut quote may end inside a word; a whole one ends at a word's end.
        whole_words = not cut or count < len(words)
        at = read.text.find(target)
        while at >= 0:
            end = at + len(target)
            begin = read.source(at)
            if begin >= first_length:
                break  # only on a later line
            if _bounded(read.text, at, end, whole_words):
                return begin, read.source(end - 1, end=True), count == len(words) and not cut
            at = read.text.find(target, at + 1)
    return None


def _bounded(text: str, start: int, end: int, check_end: bool) -> bool:
    """No word runs on before the start (a quoted "so" is not the end of "also"), nor past
    the end unless the quote was cut there."""
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False
    return not (check_end and end < len(text) and text[end].isalnum() and text[end - 1].isalnum())
