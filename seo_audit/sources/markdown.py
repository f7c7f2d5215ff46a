"""Markdown drafts: front matter, template syntax, rendering, and a map back to the draft's
lines.

Front matter (YAML, TOML or JSON, sources/frontmatter.py) becomes the Document's declared
fields (sources/fields.py), so the page stage never reads it. The template syntax the site
processes is taken out before rendering (sources/templates.py). The body is rendered with
markdown-it-py: every block element gets a `data-seo-audit-line` attribute and every raw HTML
block a marker comment; the anchors are read back from the rendered text, so any line of the
rendered HTML maps to the line of the draft a writer has open.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath

from seo_audit.sources.document import Document
from seo_audit.sources.fields import declared_fields
from seo_audit.sources.frontmatter import Draft, split_front_matter
from seo_audit.sources.ref import SourceRef
from seo_audit.sources.templates import STATIC_DIALECTS, take_out

__all__ = [
    "LINE_ATTRIBUTE",
    "Draft",
    "LineMap",
    "draft_document",
    "line_anchors",
    "render",
    "split_front_matter",
]

LINE_ATTRIBUTE = "data-seo-audit-line"
_ANCHOR_RE = re.compile(r'<!--seo-audit-line:(\d+)-->|\sdata-seo-audit-line="(\d+)"')
# Front matter that says the page typesets math: then $…$ in a sentence is math, not money.
_MATH_KEYS = ("math", "katex", "mathjax")
# What MDX sites (Astro, Docusaurus, Next.js, Gatsby) process besides MDX itself.
_MDX_DIALECTS = ("mdx", "container", "attributes", "math")


def render(draft: Draft, body: str | None = None, mdx: bool = False) -> str:
    """Render the body (or `body`, the same lines with template syntax taken out) to HTML
    carrying source-line anchors (1-based lines of the whole file). MDX has no indented code
    blocks: indentation there is only layout inside components."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    if mdx:
        md.disable("code")
    tokens = md.parse(draft.body if body is None else body)
    # Tokens without a map of their own (table cells) take the line of the block they open in.
    open_lines: list[int] = []
    for token in tokens:
        line = token.map[0] + 1 + draft.body_offset if token.map else None
        if token.type == "html_block" and line is not None:
            token.content = f"<!--seo-audit-line:{line}-->\n{token.content}"
        elif token.type in ("fence", "code_block") and line is not None:
            # <pre><code …> is followed on its line by the first line of code, which for a
            # fence is the line after the fence: each line of code keeps its own number.
            token.attrSet(LINE_ATTRIBUTE, str(line + 1 if token.type == "fence" else line))
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


def line_anchors(html: str) -> list[tuple[int, int]]:
    """(line in the rendered HTML, line in the draft) for every anchor render() wrote: a block
    element's attribute sits on its start tag's line, a marker comment just above the raw HTML
    it describes."""
    anchors = []
    line, counted = 1, 0
    for match in _ANCHOR_RE.finditer(html):
        line += html.count("\n", counted, match.start())
        counted = match.start()
        if match.group(1) is not None:
            anchors.append((line + 1, int(match.group(1))))
        else:
            anchors.append((line, int(match.group(2))))
    return anchors


def draft_document(ref: SourceRef, text: str) -> Document:
    draft = split_front_matter(ref.name, text)
    declared = declared_fields(draft.front_matter, draft.key_lines, ref, ref.name)
    mdx = PurePath(ref.name).suffix.lower() == ".mdx"
    dialects = ref.reading.dialects
    if dialects is None:
        dialects = STATIC_DIALECTS
    if mdx:  # no generator runs shortcodes or Liquid on MDX: {{…}} is a JSX expression there
        dialects = tuple(d for d in dialects if d in _MDX_DIALECTS)
    full_mdx = mdx or "mdx" in dialects
    math_inline = "math" in dialects and any(
        draft.front_matter.get(key) is True for key in _MATH_KEYS
    )
    taken = take_out(
        draft.body,
        draft.body_offset + 1,
        [d for d in dialects if d != "mdx"],
        "full" if full_mdx else "lite",
        math_inline,
    )
    html = render(draft, taken.text, mdx=full_mdx)
    return Document(
        ref=ref,
        text=text,
        html=html,
        format="markdown",
        draft=True,
        front_matter=draft.front_matter,
        declared=declared,
        line_anchors=tuple(line_anchors(html)),
        layout_title=ref.reading.layout_title,
        templates=taken.templates,
        dialects=(*dialects, "mdx") if "mdx" not in dialects else tuple(dialects),
    )
