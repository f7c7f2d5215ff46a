"""Lines for a terminal, broken at word boundaries at any width (the text report and `seo-audit
rules`). rich's own wrap either cuts a long word or, told not to, does not wrap at all: these
keep every word whole, a word longer than the width (a path, a URL) on a line of its own."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from rich.cells import cell_len  # the table of wide characters only, not rich's console

from seo_audit.formats.styled import Text


class Sized(Protocol):
    """A console, for the width its lines are broken at."""

    @property
    def width(self) -> int: ...


def wrapped(console: Sized, text: Text, indent: int = 0) -> Text:
    """`text` broken at spaces to the console's width, its continuation lines under `indent`
    (its own leading spaces start the first); a word longer than the width (a long path) stays
    whole on a line of its own rather than being cut."""
    lead = len(text.plain) - len(text.plain.lstrip(" "))
    width = max(console.width - max(indent, lead), 20)
    out = Text(" " * lead, style=text.style)
    for number, line in enumerate(_lines(text, lead, width)):
        if number:
            out.append("\n" + " " * indent)
        out.append_text(line)
    return out


_WORD = re.compile(r"\S+")


def _lines(text: Text, start: int, width: int) -> list[Text]:
    """The words of `text` from `start` in lines of at most `width` cells (rich's own wrap
    either cuts long words or, told not to, does not wrap at all)."""
    plain = text.plain
    lines: list[Text] = []
    begin = end = -1
    for word in _WORD.finditer(plain, start):
        if begin < 0:
            begin, end = word.span()
        elif cell_len(plain[begin : word.end()]) <= width:
            end = word.end()
        else:
            lines.append(text[begin:end])
            begin, end = word.span()
    if begin >= 0:
        lines.append(text[begin:end])
    return lines


def packed(console: Sized, items: Iterable[Text], indent: int = 0, lead: int | None = None) -> Text:
    """Items (a category and its score, a path) side by side two spaces apart, on as many
    lines as the width needs, continuation lines under `indent`; an item is never split."""
    width = max(console.width, 20)
    used = indent if lead is None else lead
    out = Text(" " * used)
    for number, item in enumerate(items):
        if number and used + 2 + item.cell_len > width:
            out.append("\n" + " " * indent)
            used = indent
        elif number:
            out.append("  ")
            used += 2
        out.append_text(item)
        used += item.cell_len
    return out
