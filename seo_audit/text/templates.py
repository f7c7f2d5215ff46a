"""Template syntax: what static-site generators, MDX and WordPress write into a page's source
that is not prose. One table per dialect (the tag syntax, which paired tags hold code, literal
text or comments), one table of embeds and images by tag name, and one scanner for all.

A draft's reader replaces the syntax its site processes with placeholders before rendering
(sources/templates.py); the page stage turns those into embeds, images and skipped text, and
looks for the syntax of the other dialects in a published page's visible text, where it is a
leftover readers see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from seo_audit.text.mdx import mdx_tags
from seo_audit.text.urls import host_of, split_url

__all__ = [
    "DIALECTS",
    "LEFTOVER_DIALECTS",
    "Tag",
    "TagKind",
    "embed_of",
    "image_of",
    "scan",
]

# What a tag is to a reader of the rendered page: an embed or image the site renders, code or
# a template (the text inside is not prose), literal text, a comment (nothing), or markup
# around prose (a note box, an include, a component, a container, an attribute list).
TagKind = Literal["embed", "image", "code", "template", "raw", "comment", "markup", "math"]


@dataclass(frozen=True)
class Tag:
    """One piece of template syntax in a text."""

    dialect: str
    name: str  # "youtube", "highlight", "Intro", "import", "note"; "" for a bare expression
    start: int
    end: int
    text: str
    closing: bool = False  # {{< /note >}}, {% endraw %}, </Intro>, a closing :::
    args: str = ""  # what follows the name, as written

    @property
    def kind(self) -> TagKind:
        return kind_of(self)

    @property
    def params(self) -> tuple[tuple[str, str], ...]:
        """(key, value) pairs; positional arguments have the key ""."""
        return tuple(
            (m.group("key") or "", _unquoted(m.group("value")))
            for m in _PARAM_RE.finditer(self.args)
        )

    def param(self, *keys: str, position: int | None = None) -> str | None:
        params = self.params
        for key in keys:
            found = next((v for k, v in params if k.lower() == key), None)
            if found:
                return found
        if position is not None:
            positional = [v for k, v in params if not k]
            if len(positional) > position and positional[position]:
                return positional[position]
        return None


@dataclass(frozen=True)
class Dialect:
    """A template language: its tag syntax (a regex with the groups `name`, `args` and
    optionally `close`) and which paired tags hold code, literal text or comments."""

    name: str
    syntax: tuple[re.Pattern[str], ...]
    code: frozenset[str] = frozenset()  # the text between the pair is code
    template: frozenset[str] = frozenset()  # ... is template code (Hugo's inline shortcodes)
    raw: frozenset[str] = frozenset()  # ... is literal text, shown as written
    comment: frozenset[str] = frozenset()  # ... is a comment: nothing is shown
    closing_prefix: str = ""  # Liquid closes `x` with `endx`

    def is_closing(self, match: re.Match[str]) -> tuple[str, bool]:
        name = match.groupdict().get("name") or ""
        if "close" in match.groupdict() and match.group("close"):
            return name, True
        prefix = self.closing_prefix
        if prefix and name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :], True
        return name, False


_HUGO = Dialect(
    "hugo",
    (
        # {{< name args >}} and {{% name args %}}; {{</* … */>}} is Hugo's escape for showing one.
        # The arguments never hold another opening: each tag is looked for once, in linear
        # time even on text built of openings.
        re.compile(
            r"\{\{<(?!\s*/\*)\s*(?P<close>/)?\s*(?P<name>[A-Za-z_][\w./-]*)"
            r"(?P<args>(?:[^{>]|\{(?!\{)|>(?!\}\}))*?)\s*>\}\}"
        ),
        re.compile(
            r"\{\{%(?!\s*/\*)\s*(?P<close>/)?\s*(?P<name>[A-Za-z_][\w./-]*)"
            r"(?P<args>(?:[^{%]|\{(?!\{)|%(?!\}\}))*?)\s*%\}\}"
        ),
    ),
    code=frozenset({"highlight", "code", "code-toggle", "codeblock"}),
)
_LIQUID = Dialect(
    "liquid",
    (
        re.compile(r"\{%-?\s*(?P<name>[A-Za-z_#][\w-]*)(?P<args>(?:[^{%]|\{(?!%)|%(?!\}))*?)-?%\}"),
        # An object: {{ page.title }}, {{ "x" | uri_escape }}.
        re.compile(r"\{\{-?(?![<%{#/!])\s*(?P<name>)(?P<args>[^{}\n]{1,500}?)\s*-?\}\}"),
    ),
    code=frozenset({"highlight"}),
    raw=frozenset({"raw", "verbatim"}),
    comment=frozenset({"comment", "#"}),
    closing_prefix="end",
)
_NUNJUCKS = Dialect(
    "nunjucks",
    (re.compile(r"\{#(?P<name>)(?P<args>(?:[^{#]|\{(?!#)|#(?!\}))*)#\}"),),
    comment=frozenset({""}),
)
_CONTAINER = Dialect(
    # Docusaurus admonitions, Starlight asides, markdown-it-container: `:::note Title` … `:::`.
    "container",
    (re.compile(r"(?m)^[ \t]{0,3}:{3,}[ \t]*(?P<name>[\w-]*)(?P<args>[^\n]*?)[ \t]*$"),),
)
_ATTRIBUTES = Dialect(
    # Heading ids and attribute lists at the end of a line: `## Title {#id}`, kramdown's
    # `{: .class}` and `{:toc}`.
    "attributes",
    (re.compile(r"(?m)\{(?P<name>[:#.])(?P<args>[^{}\n#]{0,200})\}[ \t]*$"),),
)
_MATH = Dialect(
    "math",
    (
        re.compile(r"\$\$(?P<name>)(?P<args>(?:[^$]|\$(?!\$))+)\$\$"),
        re.compile(r"\\\((?P<name>)(?P<args>(?:[^\\]|\\(?![()]))+)\\\)"),
        # \[ … \] only as display math on lines of their own: "\[sic\]" is an escaped bracket.
        re.compile(r"(?m)^[ \t]*\\\[(?P<name>)(?P<args>(?:[^\\]|\\(?![\[\]]))+)\\\][ \t]*$"),
    ),
)
# Inline $…$ as pandoc reads it: no space inside either dollar, no digit after the closing one,
# so "$5 and $10" is money. Only for pages that say they use math (front matter `math: true`).
INLINE_MATH = re.compile(
    r"(?<![\\$\w])\$(?=[^\s$])(?P<name>)(?P<args>[^$\n]{1,500}?)(?<=\S)\$(?!\d)"
)
_WORDPRESS = Dialect(
    # [caption id="…"]…[/caption], [gallery ids="1,2"], [embed]…[/embed]; a bare "[Video]" or
    # "[citation needed]" is not one (see _wordpress_tags).
    "wordpress",
    (
        re.compile(
            r"\[(?P<close>/)?(?P<name>[A-Za-z][\w-]*)(?P<args>(?:\s[^\[\]\n]{0,500})?)\s*/?\]"
        ),
    ),
)
_MDX = Dialect("mdx", ())

DIALECTS: dict[str, Dialect] = {
    d.name: d for d in (_HUGO, _LIQUID, _NUNJUCKS, _CONTAINER, _ATTRIBUTES, _MATH, _WORDPRESS, _MDX)
}
# What a published page's visible text is searched for: syntax nobody writes as prose.
LEFTOVER_DIALECTS = ("hugo", "liquid", "nunjucks", "wordpress", "container")

# Embeds by tag name, folded (lower case, letters and digits only): a name containing the key
# is that provider's embed ("youtubeEmbed", "YouTubeIframe", "lite-youtube").
_EMBEDS = (
    ("youtube", "https://www.youtube.com/watch?v={}", True),
    ("vimeo", "https://vimeo.com/{}", True),
    ("tweet", "https://twitter.com/i/status/{}", False),
    ("twitter", "https://twitter.com/i/status/{}", False),
    ("instagram", "https://www.instagram.com/p/{}/", False),
    ("gist", "https://gist.github.com/{}", False),
)
# WordPress's own embed shortcodes, which take a URL or a src.
_URL_EMBEDS = frozenset({"embed", "video", "audio", "playlist"})
_IMAGE_NAMES = frozenset({"figure", "img", "image", "picture"})
_PARAM_RE = re.compile(
    r"(?:(?P<key>[\w:-]+)\s*=\s*)?(?P<value>\"[^\"]*\"|'[^']*'|`[^`]*`|\{[^{}]*\}|[^\s,\"'`=]+)"
)


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        return value[1:-1]
    if value.startswith("{") and value.endswith("}"):
        return _unquoted(value[1:-1].strip())
    return value


def folded_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def subject(tag: Tag) -> str:
    """What the tag is about, folded: its name, or for `{% include youtube.html … %}` (and
    Nunjucks' `{% include "x.njk" %}`, Liquid's `{% render %}`) the included file's name."""
    if tag.dialect == "liquid" and tag.name.lower() in ("include", "render", "include_relative"):
        included = tag.param(position=0) or ""
        return folded_name(included.rsplit("/", 1)[-1].split(".", 1)[0])
    return folded_name(tag.name)


def kind_of(tag: Tag) -> TagKind:
    dialect = DIALECTS[tag.dialect]
    name = tag.name.lower()
    if tag.dialect == "math":
        return "math"
    if name in dialect.comment or (tag.dialect == "mdx" and tag.text.startswith("{/*")):
        return "comment"
    if name in dialect.raw:
        return "raw"
    if name in dialect.code:
        return "code"
    if tag.dialect == "hugo" and name.endswith(".inline"):
        return "template"  # an inline shortcode's body is Go template code
    if not tag.closing and _provider(tag) is not None:
        return "embed"
    if not tag.closing and image_of(tag) is not None:
        return "image"
    return "markup"


def _provider(tag: Tag) -> tuple[str, str, bool] | None:
    if tag.dialect not in ("hugo", "liquid", "mdx", "wordpress"):
        return None
    folded = subject(tag)
    if tag.dialect == "wordpress" and folded in _URL_EMBEDS:
        return folded, "", folded in ("video", "embed")
    for key, template, is_video in _EMBEDS:
        if folded and (key in folded or (folded == "x" and key == "tweet")):
            return key, template, is_video
    return None


def embed_of(tag: Tag) -> tuple[str, bool] | None:
    """(URL, is a video) for an embed tag, or None. The URL is the tag's own address when it
    gives one, else built from the id it names ("" when it names none)."""
    provider = _provider(tag)
    if provider is None:
        return None
    key, template, is_video = provider
    positional = [value for name, value in tag.params if not name]
    if tag.dialect == "liquid" and tag.name.lower() in ("include", "render", "include_relative"):
        positional = positional[1:]  # the first is the included file
    url = tag.param("src", "url", "href", "link") or next(
        (p for p in positional if is_url(p)), None
    )
    if url:
        return url, is_video or _is_video(url)
    if not template:
        return "", is_video
    ident = tag.param("id", "v") or (positional[-1] if positional else "")
    if key == "gist" and len(positional) >= 2:
        ident = "/".join(positional[:2])
    return (template.format(ident) if ident else ""), is_video


def image_of(tag: Tag) -> tuple[str, str | None] | None:
    """(src, alt) for an image or figure tag, or None. Hugo's figure takes its alt from the
    caption when it has none."""
    if tag.dialect not in ("hugo", "liquid", "mdx") or tag.closing:
        return None
    folded = subject(tag)
    if folded not in _IMAGE_NAMES and not folded.endswith(("image", "figure")):
        return None
    src = tag.param("src", "source", "link", position=0)
    if src is None:
        return None
    alt = tag.param("alt") or tag.param("caption", "title")
    if alt is None and tag.dialect == "liquid":
        alt = tag.param(position=1)  # Eleventy's {% image "src", "alt" %}
    return src, alt


def _is_video(url: str) -> bool:
    host = host_of(url)
    return any(h in host for h in ("youtube", "youtu.be", "vimeo", "dailymotion", "wistia"))


def scan(text: str, dialects: Iterable[str], mdx: str = "") -> list[Tag]:
    """Every tag of the dialects in `text`, in order, none overlapping (the earliest wins, the
    longer of two starting together). `mdx` is "" (no MDX), "lite" (what is unambiguous in
    any Markdown: `{/* comments */}`, ESM lines, capitalised components) or "full"."""
    wanted = tuple(dialects)
    found: list[Tag] = []
    for name in wanted:
        if name == "mdx":
            continue
        dialect = DIALECTS[name]
        matches = [m for pattern in dialect.syntax for m in pattern.finditer(text)]
        tags = [_tag(dialect, m) for m in matches]
        if name == "wordpress":
            tags = _wordpress_tags(tags)
        found.extend(tags)
    if mdx or "mdx" in wanted:
        found.extend(
            Tag("mdx", name, start, end, text[start:end], closing, args)
            for name, start, end, closing, args in mdx_tags(text, full=mdx != "lite")
        )
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Tag] = []
    for tag in found:
        if not kept or tag.start >= kept[-1].end:
            kept.append(tag)
    return kept


def inline_math(text: str) -> list[Tag]:
    return [_tag(_MATH, m) for m in INLINE_MATH.finditer(text)]


def _tag(dialect: Dialect, match: re.Match[str]) -> Tag:
    name, closing = dialect.is_closing(match)
    if dialect.name == "container":
        closing = not name and not match.group("args").strip()
    args = match.groupdict().get("args") or ""
    return Tag(dialect.name, name, match.start(), match.end(), match.group(0), closing, args)


def _wordpress_tags(candidates: list[Tag]) -> list[Tag]:
    """Shortcodes, not bracketed words: a tag with attributes or a URL, a closing tag after its
    opening, and an opening tag that is closed later."""
    opened: set[str] = set()
    closed = {t.name.lower() for t in candidates if t.closing}
    kept = []
    for tag in candidates:
        name = tag.name.lower()
        if tag.closing:
            if name in opened:
                kept.append(tag)
        elif "=" in tag.args or "://" in tag.args or name in closed:
            opened.add(name)
            kept.append(tag)
    return kept


_MAX_NESTING = 64


def pairs(tags: list[Tag]) -> Iterator[tuple[Tag, Tag]]:
    """Each opening tag with the closing tag of the same name that ends it (innermost first)."""
    stack: list[Tag] = []
    for tag in tags:
        if tag.dialect in ("mdx", "math", "attributes"):
            continue
        if tag.closing:
            # Pairs nest a few levels deep; a closing tag looks no further for its opening.
            for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_NESTING), -1):
                if stack[depth].dialect == tag.dialect and (
                    stack[depth].name.lower() == tag.name.lower() or tag.dialect == "container"
                ):
                    yield stack[depth], tag
                    del stack[depth:]
                    break
        else:
            stack.append(tag)


def is_url(value: str) -> bool:
    parts = split_url(value)
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)
