"""Taking a draft's template syntax out of the text before it is rendered, as its generator
would: Hugo and Jekyll run shortcodes and Liquid before Markdown, MDX parses components and
expressions as code.

Each tag the site processes (text/templates.py) is replaced by a placeholder, a run of
private-use characters that Markdown treats as a word: a link target `({% link … %})` stays a
link, a `## Heading {/*id*/}` a heading, and every line keeps its number (the lines of a tag
that spans several carry a continuation mark). The page stage removes the placeholders from
prose and turns embeds and figures into the Page's embeds and images.

Paired tags whose inside is code (`{{< highlight >}}`, `{% highlight %}`) become fenced code
blocks when they stand on lines of their own, so the `#` lines inside are not headings;
`{% raw %}` keeps what it holds as written; a `{% comment %}` block is one template. Syntax in
fenced code and code spans is code, left as it is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from seo_audit.sources.document import Template
from seo_audit.text.templates import Tag, inline_math, pairs, scan

__all__ = [
    "CONTINUATION",
    "PLACEHOLDER_RE",
    "STATIC_DIALECTS",
    "TakenOut",
    "placeholder",
    "take_out",
]

# Every dialect a static-site generator processes; WordPress shortcodes are not one of them.
STATIC_DIALECTS = ("hugo", "liquid", "nunjucks", "container", "attributes", "math")
_OPEN, _CLOSE, CONTINUATION = "\ue000", "\ue001", "\ue002"
_DIGITS = "".join(chr(0xE010 + d) for d in range(10))
PLACEHOLDER_RE = re.compile(f"{_OPEN}([{_DIGITS}]+){_CLOSE}")
_TO_DIGITS = str.maketrans("0123456789", _DIGITS)
_FROM_DIGITS = str.maketrans(_DIGITS, "0123456789")
_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*(?:>[ \t]?)*[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_BACKTICKS_RE = re.compile(r"`+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
_MATH_BLOCK_RE = re.compile(r"(\$\$|\\\[)[ \t]*\n([\s\S]*)\n[ \t]*(\$\$|\\\])")


Edit = tuple[int, int, "Tag | None", str]  # start, end, the tag recorded, its replacement


def placeholder(number: int) -> str:
    return _OPEN + str(number).translate(_TO_DIGITS) + _CLOSE


def placeholder_number(match: re.Match[str]) -> int:
    return int(match.group(1).translate(_FROM_DIGITS))


@dataclass(frozen=True)
class TakenOut:
    text: str  # the body with placeholders, line for line
    templates: tuple[Template, ...]


def take_out(
    body: str, first_line: int, dialects: Iterable[str], mdx: str, math_inline: bool = False
) -> TakenOut:
    """Replace the template syntax of `dialects` (and MDX: "", "lite" or "full") in a draft's
    body; `first_line` is the body's line in the file."""
    masked = _mask_code(body)
    tags = scan(masked, dialects, mdx)
    if math_inline:
        tags = _merged(tags, inline_math(masked))
    tags, blocks = _regions(body, tags)
    edits: list[Edit] = [
        (t.start, t.end, t, "{}" + f"\n{CONTINUATION}" * t.text.count("\n")) for t in tags
    ]
    edits += _fence_edits(body, blocks)
    templates: list[Template] = []
    pieces: list[str] = []
    cursor = 0
    line = first_line  # the line `cursor` is on, counted on as the edits go
    for start, end, tag, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < cursor:
            continue
        pieces.append(body[cursor:start])
        line += body.count("\n", cursor, start)
        if tag is not None:
            replacement = replacement.replace("{}", placeholder(len(templates)))
            templates.append(Template(tag, line))
        pieces.append(replacement)
        line += body.count("\n", start, end)
        cursor = end
    pieces.append(body[cursor:])
    return TakenOut("".join(pieces), tuple(templates))


def _merged(tags: list[Tag], more: list[Tag]) -> list[Tag]:
    kept = list(tags)
    for tag in more:
        if not any(t.start < tag.end and tag.start < t.end for t in tags):
            kept.append(tag)
    return sorted(kept, key=lambda t: t.start)


def _regions(body: str, tags: list[Tag]) -> tuple[list[Tag], list[tuple[Tag, str]]]:
    """Tags to replace, and the (opening tag, fence) of code blocks made from paired code
    tags and display math. Tags inside code, raw and comment pairs are not replaced; a comment
    pair becomes one tag."""
    dropped: set[int] = set()
    merged: list[Tag] = []
    blocks: list[tuple[Tag, str]] = []
    starts = [t.start for t in tags]  # tags come sorted and apart
    for opening, closing in pairs(tags):
        kind = opening.kind
        if kind not in ("code", "template", "raw", "comment"):
            continue
        first = bisect.bisect_left(starts, opening.end)
        last = bisect.bisect_left(starts, closing.start)
        dropped |= {id(t) for t in tags[first:last]}
        if kind == "comment":
            dropped |= {id(opening), id(closing)}
            text = body[opening.start : closing.end]
            merged.append(
                Tag(opening.dialect, opening.name, opening.start, closing.end, text, args="")
            )
        elif kind in ("code", "template") and _alone(body, opening) and _alone(body, closing):
            dropped |= {id(opening), id(closing)}
            fence = _fence_for(body[opening.end : closing.start])
            blocks.append((opening, fence))
            blocks.append((closing, fence))
    for tag in tags:
        if tag.kind == "math" and _alone(body, tag) and _MATH_BLOCK_RE.fullmatch(tag.text):
            dropped.add(id(tag))
            blocks.append((tag, _fence_for(tag.text)))
    kept = [t for t in tags if id(t) not in dropped] + merged
    return sorted(kept, key=lambda t: t.start), blocks


def _fence_edits(body: str, blocks: list[tuple[Tag, str]]) -> list[Edit]:
    """Edits that turn block tags into fence lines: the opening line gets the fence with the
    tag's placeholder as its info string (the page stage reads from it why the block is not
    prose), the closing line the bare fence. Display math keeps its inside as the block."""
    edits: list[Edit] = []
    for tag, fence in blocks:
        extra_lines = f"\n{CONTINUATION}" * tag.text.count("\n")
        if tag.kind == "math":
            match = _MATH_BLOCK_RE.fullmatch(tag.text)
            assert match is not None
            line_start = body.rfind("\n", 0, tag.start) + 1
            indent = body[line_start : tag.start]
            edits.append((tag.start, tag.start + match.start(2), tag, fence + "{}\n"))
            edits.append((tag.start + match.end(2), tag.end, None, f"\n{indent}{fence}"))
        elif tag.closing:
            edits.append((tag.start, tag.end, None, fence + extra_lines))
        else:
            edits.append((tag.start, tag.end, tag, fence + "{}" + extra_lines))
    return edits


def _alone(body: str, tag: Tag) -> bool:
    """Whether the tag is all there is on its lines."""
    line_start = body.rfind("\n", 0, tag.start) + 1
    line_end = body.find("\n", tag.end)
    line_end = len(body) if line_end == -1 else line_end
    return not body[line_start : tag.start].strip() and not body[tag.end : line_end].strip()


def _fence_for(inside: str) -> str:
    longest = max((len(m.group(0)) for m in _BACKTICKS_RE.finditer(inside)), default=0)
    return "`" * max(3, longest + 1)


def _mask_code(body: str) -> str:
    """The body with fenced code blocks and code spans blanked (newlines kept), so no tag is
    looked for inside them."""
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE_RE.match(line)
        if fence is None:
            if match and not (match.group("fence")[0] == "`" and "`" in match.group("info")):
                fence = match.group("fence")
                lines[index] = " " * len(line)
            continue
        if (
            match
            and match.group("fence")[0] == fence[0]
            and len(match.group("fence")) >= len(fence)
        ) and not match.group("info").strip():
            fence = None
        lines[index] = " " * len(line)
    masked = "\n".join(lines)
    return _mask_code_spans(masked)


def _mask_code_spans(text: str) -> str:
    """Blank `code spans`: a run of backticks up to the next run of the same length, within a
    paragraph (not across a blank line). Each run is looked at once: linear in the text."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    breaks = [m.start() for m in _PARAGRAPH_BREAK_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    waiting: dict[int, int] = {}  # run length -> where the opening run starts
    paragraph = 0
    for start, end in runs:
        index = bisect.bisect_right(breaks, start)
        if index != paragraph:  # a new paragraph: nothing open carries over
            waiting.clear()
            paragraph = index
        length = end - start
        if length in waiting:
            opened = waiting.pop(length)
            # Runs and spans inside it were its text: the earliest opening with a closing wins.
            while spans and spans[-1][0] > opened:
                spans.pop()
            spans.append((opened, end))
            waiting = {k: v for k, v in waiting.items() if v < opened}
        else:
            waiting[length] = start
    if not spans:
        return text
    pieces = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
