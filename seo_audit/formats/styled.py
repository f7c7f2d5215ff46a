"""Styled lines for the terminal report, without loading rich unless the output is styled.

`Text` keeps what rich's `Text` keeps (the plain string, a base style, styled spans) and does
what the report asks of it (append, add, slice) as rich does. A `Terminal` prints it: plain
text when the stream is no terminal (a pipe, a file, CI, an editor), which is what rich
prints there; through rich, converted span for span, when colour or bold may be shown. rich
and its console cost ~15 ms of a cold single-page check, most of which a pipe never needs.

Page text is still never read as markup: a line is a plain string and spans, as before.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text as RichText

# What rich's Text removes from every string it is given (rich.control.strip_control_codes):
# bell, backspace, vertical tab, form feed, carriage return.
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))


class Text:
    """A line (or lines) of the report: text, a base style, and styled spans over it."""

    __slots__ = ("_spans", "plain", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text.translate(_STRIPPED)
        self.style = style
        self._spans: list[tuple[int, int, str]] = []

    def __len__(self) -> int:
        return len(self.plain)

    def __str__(self) -> str:
        return self.plain

    @property
    def cell_len(self) -> int:
        from rich.cells import cell_len  # the table of wide characters only (~1 ms)

        return cell_len(self.plain)

    def append(self, text: str | Text, style: str | None = None) -> Text:
        if isinstance(text, Text):
            if style is not None:
                raise ValueError("style must not be set when appending a Text")
            return self.append_text(text)
        if text:
            clean = text.translate(_STRIPPED)
            offset = len(self.plain)
            self.plain += clean
            if style:
                self._spans.append((offset, offset + len(clean), style))
        return self

    def append_text(self, text: Text) -> Text:
        offset = len(self.plain)
        if text.plain:
            if text.style:
                self._spans.append((offset, offset + len(text.plain), text.style))
            self._spans.extend((start + offset, end + offset, s) for start, end, s in text._spans)
            self.plain += text.plain
        return self

    def __add__(self, other: str | Text) -> Text:
        result = Text(self.plain, self.style)
        result._spans = list(self._spans)
        return result.append(other)

    def __getitem__(self, part: slice) -> Text:
        begin, end, step = part.indices(len(self.plain))
        if step != 1:
            raise TypeError("a Text is sliced in steps of one")
        piece = Text(self.plain[begin:end], self.style)
        for start, stop, style in self._spans:
            start, stop = max(start, begin) - begin, min(stop, end) - begin
            if stop > start:
                piece._spans.append((start, stop, style))
        return piece

    def to_rich(self) -> RichText:
        from rich.text import Span
        from rich.text import Text as RichText

        spans = [Span(start, end, style) for start, end, style in self._spans]
        return RichText(self.plain, style=self.style, spans=spans)


class Terminal:
    """Where the report's lines go: `print(line)`, and the width lines are broken at."""

    def __init__(self, stream: TextIO, color: bool | None, width: int | None) -> None:
        self._stream = stream
        self._rich: Console | None = None
        if width is None and not stream.isatty():
            width = 100
        if _unstyled(stream, color) and width is not None:
            self.width = width
            return
        from rich.console import Console

        self._rich = Console(
            file=stream,
            force_terminal=color,
            no_color=color is False,
            highlight=False,
            emoji=False,
            soft_wrap=True,  # lines are broken by formats/wrap.py, at word boundaries
            width=width,
        )
        self.width = self._rich.width

    def print(self, line: Text | None = None) -> None:
        if self._rich is not None:
            self._rich.print(*(() if line is None else (line.to_rich(),)))
        else:
            self._stream.write(("" if line is None else line.plain) + "\n")


def _unstyled(stream: TextIO, color: bool | None) -> bool:
    """Whether rich would write no escape code at all to this stream (Console.is_terminal
    false), so that plain text is exactly what it prints. Unsure cases go to rich."""
    if color is not None:
        return not color
    if os.environ.get("FORCE_COLOR") is not None or "TTY_COMPATIBLE" in os.environ:
        return False
    if hasattr(builtins, "get_ipython"):  # Jupyter, IPython
        return False
    if hasattr(sys.stdin, "__module__") and sys.stdin.__module__.startswith("idlelib"):
        return False
    isatty: Any = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:
        return False
