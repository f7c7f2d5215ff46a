"""Markdown drafts: YAML front matter, rendering, and a map back to the draft's lines.

The draft is rendered with markdown-it-py. Every block element gets a `data-seo-audit-line`
attribute and every raw HTML block a marker comment, so the Page builder can turn any line of the
rendered HTML back into the line of the draft a writer has open.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from seo_audit.errors import InputError

LINE_ATTRIBUTE = "data-seo-audit-line"
_MARKER_RE = re.compile(r"^seo-audit-line:(\d+)$")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Draft:
    front_matter: Mapping[str, Any]
    body: str
    body_offset: int  # lines before the body (front matter), to add to body line numbers


def split_front_matter(path: str, text: str) -> Draft:
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return Draft({}, text, 0)
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(path, f"front matter is not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of keys to values")
    offset = match.group(0).count("\n")
    return Draft({str(k): v for k, v in data.items()}, text[match.end() :], offset)


def render(draft: Draft) -> str:
    """Render the body to HTML carrying source-line anchors (1-based lines of the whole file)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(draft.body)
    # Tokens without a map of their own (table cells) take the line of the block they open in.
    open_lines: list[int] = []
    for token in tokens:
        line = token.map[0] + 1 + draft.body_offset if token.map else None
        if token.type == "html_block" and line is not None:
            token.content = f"<!--seo-audit-line:{line}-->\n{token.content}"
        elif token.nesting == 1:
            line = line or (open_lines[-1] if open_lines else None)
            if line is not None:
                token.attrSet(LINE_ATTRIBUTE, str(line))
            open_lines.append(line or 0)
        elif token.nesting == -1 and open_lines:
            open_lines.pop()
    html: str = md.renderer.render(tokens, md.options, {})
    return html


class LineMap:
    """Maps a line of the rendered HTML to a line of the draft, piecewise linearly."""

    def __init__(self, anchors: list[tuple[int, int]]) -> None:
        anchors = sorted(anchors)
        self._rendered = [rendered for rendered, _ in anchors]
        self._source = [source for _, source in anchors]

    def __call__(self, rendered_line: int | None) -> int | None:
        if rendered_line is None or not self._rendered:
            return rendered_line
        index = max(bisect.bisect_right(self._rendered, rendered_line) - 1, 0)
        return max(self._source[index] + rendered_line - self._rendered[index], 1)


def build_line_map(root: Any) -> LineMap:
    """Collect anchors from an lxml tree of rendered Markdown."""
    import lxml.etree

    anchors: list[tuple[int, int]] = []
    for element in root.iter():
        line = element.sourceline
        if line is None:
            continue
        if element.tag is lxml.etree.Comment:
            match = _MARKER_RE.match((element.text or "").strip())
            if match:
                # The marker sits on its own line just above the raw HTML it describes.
                anchors.append((line + 1, int(match.group(1))))
        elif isinstance(element.tag, str):
            value = element.get(LINE_ATTRIBUTE)
            if value and value.isdigit():
                anchors.append((line, int(value)))
    return LineMap(anchors)
