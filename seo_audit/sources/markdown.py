"""Markdown drafts: YAML front matter, rendering, and a map back to the draft's lines.

The draft is rendered with markdown-it-py. Every block element gets a `data-seo-audit-line`
attribute and every raw HTML block a marker comment; the anchors are read back from the rendered
text, so any line of the rendered HTML maps to the line of the draft a writer has open. Front
matter keys become the Document's declared fields here, so the page stage never reads them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from seo_audit.errors import InputError
from seo_audit.sources.document import Declared, Document, freeze
from seo_audit.sources.ref import SourceRef

LINE_ATTRIBUTE = "data-seo-audit-line"
_ANCHOR_RE = re.compile(r'<!--seo-audit-line:(\d+)-->|\sdata-seo-audit-line="(\d+)"')
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


# Front matter is small: a declared list this long is an attack or an accident, not a draft.
MAX_LIST = 100
MAX_DEPTH = 50


class _Refused(yaml.YAMLError):
    """YAML that is valid but that front matter does not accept (aliases, deep nesting)."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with bounded nesting. An alias re-uses a node,
    so nine levels of them in 400 bytes expand to billions of strings (the "billion laughs");
    front matter has no need for them."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("uses a YAML alias (*name); aliases are not allowed", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise _Refused(f"is nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
        data = yaml.load(match.group(1) or "", Loader=_FrontMatterLoader) or {}
    except _Refused as error:
        raise InputError(path, f"front matter{_where(error)} {error.problem}") from None
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(
            path, f"front matter is not valid YAML{_where(error)}: {problem}"
        ) from None
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of keys to values")
    offset = match.group(0).count("\n")
    return Draft(freeze(data), text[match.end() :], offset)


def _where(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    return f" at line {mark.line + 2}" if mark is not None else ""


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


# Front matter keys for the focus keyphrase, as generators and SEO plugins name it.
KEYPHRASE_KEYS = ("keyphrase", "focus_keyphrase", "focus_keyword", "keyword")


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, Mapping | tuple):
        return None
    text = str(value).strip()
    return text or None


def _listed(path: str, key: str, values: tuple[str, ...]) -> tuple[str, ...]:
    if len(values) > MAX_LIST:
        raise InputError(
            path, f"front matter {key} lists {len(values)} entries; at most {MAX_LIST} are allowed"
        )
    return values


def declared_fields(front_matter: Mapping[str, Any], path: str = "front matter") -> Declared:
    """The fields the page stage reads, from frozen front matter (lists are tuples)."""
    fm = front_matter
    author = fm.get("author")
    authors = tuple(
        str(name).strip()
        for name in (author if isinstance(author, tuple) else [author])
        if _str(name)
    )
    keyphrase = next((v for k in KEYPHRASE_KEYS if (v := _str(fm.get(k)))), None)
    synonyms: tuple[str, ...] = ()
    value = fm.get("synonyms")
    if isinstance(value, str):
        synonyms = tuple(s.strip() for s in value.split(",") if s.strip())
    elif isinstance(value, tuple):
        synonyms = tuple(str(s).strip() for s in value if str(s).strip())
    disable: tuple[str, ...] = ()
    settings = fm.get("seo-audit")
    if isinstance(settings, Mapping):
        off = settings.get("disable") or ()
        disable = tuple(str(i) for i in (off if isinstance(off, tuple) else [off]))
    return Declared(
        title=_str(fm.get("title")),
        description=_str(fm.get("description")),
        canonical=_str(fm.get("canonical")),
        lang=_str(fm.get("lang") or fm.get("language")),
        slug=_str(fm.get("slug")),
        authors=_listed(path, "author", authors),
        keyphrase=keyphrase,
        synonyms=_listed(path, "synonyms", synonyms),
        disable=_listed(path, "seo-audit.disable", disable),
    )


def draft_document(ref: SourceRef, text: str) -> Document:
    draft = split_front_matter(ref.name, text)
    html = render(draft)
    return Document(
        ref=ref,
        text=text,
        html=html,
        format="markdown",
        draft=True,
        front_matter=draft.front_matter,
        declared=declared_fields(draft.front_matter, ref.name),
        line_anchors=tuple(line_anchors(html)),
    )
