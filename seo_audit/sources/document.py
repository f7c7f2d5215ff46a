"""Document: what a Reader yields and the page stage parses. Format-specific work (decoding,
rendering Markdown, mapping lines back to the draft, reading front matter) is done by then, so
later stages never branch on the format."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from seo_audit.sources.ref import SourceRef

Format = Literal["html", "markdown"]
# Front matter has no line per key once loaded: findings about a declared field point here.
DECLARED_LINE = 1


def freeze(value: Any) -> Any:
    """A deep read-only copy: mappings become MappingProxyType, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Declared:
    """Fields the writer (front matter) or a CMS set outside the HTML, already normalised."""

    title: str | None = None
    description: str | None = None
    canonical: str | None = None
    lang: str | None = None
    slug: str | None = None
    authors: tuple[str, ...] = ()
    keyphrase: str | None = None
    synonyms: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()  # rules switched off for the whole page
    line: int = DECLARED_LINE


@dataclass(frozen=True)
class Document:
    """One page as read. `text` is the source as the writer has it open (suppression comments
    and lines refer to it); `html` is what the page stage parses. A `draft` is the article
    alone: its body is all article, and the site's layout adds the head (title, canonical,
    lang). `line_of` maps a line of `html` to a line of `text`."""

    ref: SourceRef
    text: str
    html: str
    format: Format
    draft: bool = False
    front_matter: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    declared: Declared = Declared()
    line_anchors: Sequence[tuple[int, int]] = ()  # (line in html, line in text), drafts only

    @property
    def name(self) -> str:
        return self.ref.name

    def line_mapper(self) -> Callable[[int | None], int | None]:
        if not self.line_anchors:
            return lambda line: line
        from seo_audit.sources.markdown import LineMap

        return LineMap(list(self.line_anchors))
