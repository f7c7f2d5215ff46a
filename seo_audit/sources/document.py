"""Document: what a Reader yields and the page stage parses. Format-specific work (decoding,
rendering Markdown, mapping lines back to the draft, reading front matter) is done by then, so
later stages never branch on the format."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from seo_audit.sources.ref import SourceRef
from seo_audit.text.characters import without_lone_surrogates
from seo_audit.text.templates import Tag

Format = Literal["html", "markdown"]
# Where a finding about a declared field points when the field has no line of its own.
DECLARED_LINE = 1


class TooDeep(ValueError):
    """Data nested deeper than `freeze` allows."""


def freeze(value: Any, max_depth: int | None = None) -> Any:
    """A deep read-only copy: mappings become MappingProxyType (keys str), lists and tuples
    tuples, and strings lose their lone surrogates (text.characters). Iterative, so data
    nested thousands deep cannot exhaust the stack; deeper than `max_depth` raises TooDeep."""
    if not isinstance(value, Mapping | list | tuple):
        return without_lone_surrogates(value) if isinstance(value, str) else value
    done: dict[int, Any] = {}  # id of a container -> its frozen copy, once its items are
    opened: set[int] = set()
    stack: list[tuple[Any, int, bool]] = [(value, 1, False)]
    while stack:
        node, depth, items_done = stack.pop()
        if items_done:
            done[id(node)] = _frozen_container(node, done)
            continue
        if id(node) in done:
            continue  # one container in two places, frozen once
        if id(node) in opened:
            raise ValueError("the data contains itself")
        if max_depth is not None and depth > max_depth:
            raise TooDeep(f"nested more than {max_depth} levels deep")
        opened.add(id(node))
        stack.append((node, depth, True))
        for item in node.values() if isinstance(node, Mapping) else node:
            if isinstance(item, Mapping | list | tuple) and id(item) not in done:
                stack.append((item, depth + 1, False))
    return done[id(value)]


def _frozen_container(node: Any, done: Mapping[int, Any]) -> Any:
    def frozen_item(item: Any) -> Any:
        if isinstance(item, Mapping | list | tuple):
            return done[id(item)]
        return without_lone_surrogates(item) if isinstance(item, str) else item

    if isinstance(node, Mapping):
        return MappingProxyType(
            {without_lone_surrogates(str(k)): frozen_item(v) for k, v in node.items()}
        )
    return tuple(frozen_item(item) for item in node)


def _no_lines() -> Mapping[str, int]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Declared:
    """Fields the writer (front matter) or a CMS set outside the HTML, already normalised.
    `title` is the SEO title (the `<title>`: `seoTitle`, else `title`); `heading` is the
    front-matter `title` a layout prints as the page's H1. `lines` gives each field's line
    in the draft ("title", "description", "keyphrase", "author", …)."""

    title: str | None = None
    heading: str | None = None
    description: str | None = None
    canonical: str | None = None
    lang: str | None = None
    slug: str | None = None
    authors: tuple[str, ...] = ()
    keyphrase: str | None = None
    # Where the keyphrase was declared, as reports name it: a draft's front matter, or a CMS
    # export's SEO plugin field ("Yoast field", "Rank Math field").
    keyphrase_source: str | None = None
    synonyms: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()  # rules switched off for the whole page
    draft: bool = False  # `draft: true` (Hugo, Docusaurus, Astro) or `published: false`
    # Robots directives as a generator writes them into the page's <meta name="robots">:
    # `robots: noindex, follow`, `noindex: true`, `robots: {index: false}`.
    robots: str | None = None
    lines: Mapping[str, int] = field(default_factory=_no_lines, compare=False)

    def line_of(self, name: str) -> int:
        """The line of a declared field (DECLARED_LINE when it has none)."""
        return self.lines.get(name, DECLARED_LINE)


@dataclass(frozen=True)
class HttpFacts:
    """What HTTP said about a fetched page (URL, sitemap and crawl inputs; archive records):
    the URL asked for, the final URL after redirects (the page's identity in reports), the
    status, the response headers (names lower-cased, in order, repeats kept) and each
    redirect hop as (status, Location). Rules read HTTP-only signals (X-Robots-Tag, `Link:
    rel=canonical`, the scheme) from here; None on a Document means the page was not fetched."""

    url: str
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...] = ()
    redirects: tuple[tuple[int, str], ...] = ()
    # Where the run found the URL, for a report on an error page: "linked from <page>
    # (“anchor”)", "listed in the sitemap", or "" (given on the command line).
    found: str = ""

    @property
    def answered_error(self) -> bool:
        """The site answered no page: a 4xx/5xx status, or a redirect still unfollowed at
        the end (a loop, too many hops). Only the rules for such pages run on it."""
        return self.status >= 300

    def header(self, name: str) -> str | None:
        """The first value of a header, or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)

    def header_values(self, name: str) -> tuple[str, ...]:
        """Every value of a header, in order (X-Robots-Tag and Link may repeat)."""
        wanted = name.lower()
        return tuple(value for key, value in self.headers if key == wanted)


@dataclass(frozen=True)
class Template:
    """A piece of template syntax in a draft (text.templates.Tag) and the line it starts on.
    The reader replaced it with a placeholder (see sources/templates.py); its index in
    Document.templates is the placeholder's number."""

    tag: Tag
    line: int


@dataclass(frozen=True)
class Document:
    """One page as read. `text` is the source as the writer has it open (suppression comments
    and lines refer to it); `html` is what the page stage parses. A `draft` is the article
    alone: its body is all article, and the site's layout adds the head (title, canonical,
    lang). `line_of` maps a line of `html` to a line of `text`. In a draft's `html`, the
    template syntax the site processes stands as placeholders numbering `templates`."""

    ref: SourceRef
    text: str
    html: str
    format: Format
    draft: bool = False
    front_matter: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    declared: Declared = Declared()
    line_anchors: Sequence[tuple[int, int]] = ()  # (line in html, line in text), drafts only
    # The site's layout prints the front-matter title as the page's H1 (drafts).
    layout_title: bool = False
    templates: tuple[Template, ...] = ()  # template syntax the reader took out of the text
    # The dialects whose syntax the site processes; the rest is a leftover readers see.
    dialects: tuple[str, ...] = ()
    http: HttpFacts | None = None  # set when the page was fetched over HTTP

    @property
    def name(self) -> str:
        return self.ref.name

    def line_mapper(self) -> Callable[[int | None], int | None]:
        if not self.line_anchors:
            return lambda line: line
        from seo_audit.sources.markdown import LineMap

        return LineMap(list(self.line_anchors))
