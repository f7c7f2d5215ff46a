"""Walk an lxml tree once into visible text blocks, headings, links, images and embeds.

lxml's `text_content()` runs inline text together across block boundaries ("Thank youfor"), so
text is gathered here with block-aware spacing: each block element starts a new block, and loose
text inside a container becomes an implicit paragraph, as a reader sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from seo_audit.page.embeds import frame_embed, media_embed, social_embed
from seo_audit.page.model import HEADING_TAGS, Embed, SkipReason, line_at
from seo_audit.text.notes import is_aside_line

BLOCK_TAGS = frozenset(
    """p h1 h2 h3 h4 h5 h6 li blockquote td th dt dd figcaption pre div section article main
    header footer nav aside ul ol dl table tr tbody thead tfoot figure form body address caption
    details summary fieldset center hgroup""".split()
)
SKIP_TAGS = frozenset(
    """script style noscript template svg head title button select option textarea math canvas
    object embed iframe video audio map input label""".split()
)
# Inline elements that need nothing but their text taken (when they have no children).
_SIMPLE_INLINE = frozenset("span em strong b i u small sup sub abbr time mark cite q s".split())
# Inline text that is not prose (Yoast empties these too): code, keyboard input, sample
# output, variables. Shown, but kept out of the text the rules measure.
CODE_INLINE_TAGS = frozenset({"code", "kbd", "samp", "var", "tt"})
# Marks around inline code in a block's gathered text (private-use characters).
_CODE_START, _CODE_END = "\ue003", "\ue004"
_INLINE_CODE_RE = re.compile(f"{_CODE_START}[^{_CODE_END}]*{_CODE_END}")
# Never the article: navigation and asides anywhere, the site's header and footer outside an
# <article> or <main> (an article's own header holds its headline and byline).
FURNITURE_TAGS = frozenset({"nav", "aside"})
FURNITURE = -1  # the block index of a heading in navigation, an aside or the site chrome
SITE_CHROME_TAGS = frozenset({"header", "footer"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Text only screen readers get ("(opens in a new tab)", "Advertisement"), by the CSS
# frameworks' and WordPress's class names: a reader never sees it. It is a span in the
# frameworks that define it; its class is tested as the walker meets it (a search of every
# element's class up front cost more than the rest of the walk's changes).
_VISUALLY_HIDDEN_RE = re.compile(
    r"(?:^|\s)(?:sr-only|visually-?hidden|screen-reader-(?:text|only)|element-invisible)(?:\s|$)"
)


# Characters with no width that pages put inside words (hyphenation points, break hints, a
# stray byte-order mark): a reader sees "international", not "inter\u00adnational". Joiners
# (U+200C, U+200D) stay: they change how Persian, Indic scripts and emoji are written.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_SOCIAL_BLOCKQUOTE = ("twitter-tweet", "instagram-media", "tiktok-embed", "reddit-card")

LineOf = Callable[[Any], "int | None"]
# A step of the tree walk: a generator yielding the steps nested in it (see _Walker.run).
_Steps = Iterator[Any]


@dataclass
class RawBlock:
    tag: str
    text: str  # the prose: inline code left out
    line: int | None
    element: Any
    newlines: tuple[int, ...] = ()
    skipped: SkipReason = ""
    visible: str = ""  # all of its visible text, inline code included (when it differs)

    def line_at(self, offset: int) -> int | None:
        return line_at(self.line, self.newlines, offset)

    @property
    def shown(self) -> str:
        """The text as a reader sees it, inline code included."""
        return self.visible or self.text


@dataclass
class RawLink:
    href: str
    text: str
    rel: tuple[str, ...]
    line: int | None
    block: int  # index of the block it sits in, or of the next block for loose links


@dataclass
class RawImage:
    src: str
    alt: str | None
    line: int | None
    position: int  # number of blocks emitted before it


@dataclass
class Walk:
    blocks: list[RawBlock] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    images: list[RawImage] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    heading_elements: list[tuple[Any, int]] = field(default_factory=list)  # element, block index


def walk(body: Any, line_of: LineOf) -> Walk:
    result = Walk()
    _Walker(result, line_of).run(body)
    return result


class _Walker:
    def __init__(self, result: Walk, line_of: LineOf) -> None:
        self.result = result
        self.line_of = line_of
        self.parts: list[str] = []
        self.pending_links: list[RawLink] = []
        self.article_depth = 0  # inside <article> or <main>: their header and footer are content

    def run(self, body: Any) -> None:
        # An explicit stack instead of recursion: pages nest elements as deep as libxml2
        # allows (2048 with huge_tree), far deeper than Python's recursion limit. Each step
        # of the walk is a generator that yields the step to run inside it.
        stack: list[_Steps] = [self.block(body)]
        while stack:
            inner = next(stack[-1], None)
            if inner is None:
                stack.pop()
            else:
                stack.append(inner)

    def flush(self, element: Any, tag: str) -> None:
        if not self.parts and not self.pending_links:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        if not raw.isascii() and _INVISIBLE_RE.search(raw):
            raw = _INVISIBLE_RE.sub("", raw)
        index = len(self.result.blocks)
        line = self.line_of(element)
        for piece, lines_before in _pieces(raw):
            piece_line = None if line is None else line + lines_before
            if _CODE_START not in piece:
                text, newlines = normalise(piece)
                if text:
                    self.result.blocks.append(RawBlock(tag, text, piece_line, element, newlines))
                continue
            visible, _ = normalise(_without_marks(piece))
            prose, newlines = normalise(_without_marks(_INLINE_CODE_RE.sub("", piece)))
            if prose:
                block = RawBlock(tag, prose, piece_line, element, newlines, visible=visible)
            elif visible:  # nothing but code: `npm install` alone in a paragraph
                block = RawBlock(tag, visible, piece_line, element, skipped="code")
            else:
                continue
            self.result.blocks.append(block)
        for link in self.pending_links:
            link.block = index
        self.pending_links.clear()

    def block(self, element: Any) -> _Steps:
        self.open_block(element)
        yield self.children(element, element)
        self.flush(element, element.tag)

    def open_block(self, element: Any) -> None:
        if element.tag in HEADING_TAGS:
            self.result.heading_elements.append((element, len(self.result.blocks)))
        if element.text:
            self.parts.append(element.text)

    def children(self, element: Any, block: Any) -> _Steps:
        # The hot loop of every audit: the common inline case (a plain text-bearing element
        # without children) is handled without a method call.
        parts = self.parts
        for child in element:
            tag = child.tag
            if (
                tag.__class__ is not str
                or child.get("hidden") is not None
                or ((style := child.get("style")) and _HIDDEN_STYLE_RE.search(style))
                or (
                    tag == "span"
                    and (classes := child.get("class"))
                    and _VISUALLY_HIDDEN_RE.search(classes)
                )
            ):
                pass
            elif tag in _SIMPLE_INLINE and not len(child):
                if child.text:
                    parts.append(child.text)
            elif tag in SKIP_TAGS:
                self.skipped(child, tag, inside_noscript=False)
            elif tag == "pre":
                self.flush(block, block.tag)
                self.code_block(child)
            elif tag in BLOCK_TAGS:
                self.flush(block, block.tag)
                if tag in FURNITURE_TAGS or (tag in SITE_CHROME_TAGS and not self.article_depth):
                    # Never the article: keep their visible headings, skip the rest.
                    self.furniture(child)
                elif tag in ("article", "main"):
                    self.article_depth += 1
                    yield self.block(child)
                    self.article_depth -= 1
                else:
                    if tag == "blockquote" and _has_class(child, _SOCIAL_BLOCKQUOTE):
                        self.social(child)
                    if len(child):
                        yield self.block(child)
                    else:  # no children: no step to nest (a generator each cost ~15 %)
                        self.open_block(child)
                        self.flush(child, tag)
            elif tag == "br":
                # Not "\n": newlines in the text stand for source lines, to place findings.
                parts.append(LINE_BREAK)
            elif tag == "img":
                self.image(child)
            elif len(child):
                yield self.inline(child, tag, block)
            else:
                self.close_inline(child, tag, self.open_inline(child, tag))
            tail = child.tail
            if tail:
                parts.append(tail)

    def furniture(self, element: Any) -> None:
        for heading in element.iter(*HEADING_TAGS):
            chain = [heading]
            for ancestor in heading.iterancestors():
                chain.append(ancestor)
                if ancestor is element:
                    break
            if not any(_hidden(node) or node.tag in SKIP_TAGS for node in chain):
                self.result.heading_elements.append((heading, FURNITURE))

    def code_block(self, element: Any) -> None:
        """A <pre>: code, kept as written (its lines too) and marked as not prose. The draft
        reader marks blocks made from code shortcodes and math with their reason."""
        text = "".join(element.itertext()).strip("\n")
        if not text.strip():
            return
        reason: SkipReason = "code"
        marked = element.get(SKIP_ATTRIBUTE)
        if marked in ("template", "math"):
            reason = marked
        newlines = tuple(i for i, char in enumerate(text) if char == "\n")
        self.result.blocks.append(
            RawBlock("pre", text, self.line_of(element), element, newlines, skipped=reason)
        )

    def image(self, element: Any) -> None:
        alt = element.get("alt")
        src = element.get("src") or element.get("data-src") or ""
        self.result.images.append(
            RawImage(src, alt, self.line_of(element), len(self.result.blocks))
        )

    def inline(self, element: Any, tag: str, block: Any) -> _Steps:
        start = self.open_inline(element, tag)
        yield self.children(element, block)
        self.close_inline(element, tag, start)

    def open_inline(self, element: Any, tag: str) -> int:
        """Where the element's text starts among the parts (its link text, if a link)."""
        start = len(self.parts)
        if tag in CODE_INLINE_TAGS:
            self.parts.append(_CODE_START)
        if element.text:
            self.parts.append(element.text)
        return start

    def close_inline(self, element: Any, tag: str, start: int) -> None:
        if tag in CODE_INLINE_TAGS:
            self.parts.append(_CODE_END)
        if tag == "a":
            text = " ".join(_without_marks("".join(self.parts[start:])).split())
            rel = tuple((element.get("rel") or "").lower().split())
            link = RawLink(element.get("href") or "", text, rel, self.line_of(element), -1)
            self.result.links.append(link)
            self.pending_links.append(link)

    def skipped(self, element: Any, tag: str, inside_noscript: bool) -> None:
        """Elements with no reader-visible text; some of them are embeds."""
        if tag in {"iframe", "embed", "object"}:
            self.frame(element, tag, inside_noscript)
        elif tag in {"video", "audio"}:
            self.result.embeds.append(media_embed(element, tag, self.line_of(element)))
        elif tag == "noscript":
            for child in element.iter("iframe", "img"):
                if child.tag == "iframe":
                    self.frame(child, "iframe", inside_noscript=True)

    def frame(self, element: Any, tag: str, inside_noscript: bool) -> None:
        self.result.embeds.append(frame_embed(element, tag, self.line_of(element), inside_noscript))

    def social(self, element: Any) -> None:
        self.result.embeds.append(social_embed(element, self.line_of(element)))


LINE_BREAK = "\u2028"
_LINE_SPLIT_RE = re.compile("(\n|\u2028)")
# Cheap pre-check: a line can only be a note or a byline if one of these words is in the block.
_MAYBE_ASIDE_RE = re.compile(r"key|\bby\b|slug|seo|meta|author|target", re.IGNORECASE)


def _pieces(raw: str) -> list[tuple[str, int]]:
    """Split a block around lines that are not article text (SEO notes, bylines); each piece
    comes with the number of source lines before its first visible character."""
    if "\n" not in raw and LINE_BREAK not in raw:
        return [(raw, 0)]  # one line: no aside to split off, no newline before its text
    if not _MAYBE_ASIDE_RE.search(raw):
        starts = [(raw, 0)]
    else:
        starts = []
        position = 0
        current = 0
        for segment in _LINE_SPLIT_RE.split(raw):
            if segment.strip() and is_aside_line(" ".join(_without_marks(segment).split())):
                starts.append((raw[current:position], current))
                starts.append((segment, position))
                current = position + len(segment)
            position += len(segment)
        starts.append((raw[current:], current))
    pieces = []
    for piece, start in starts:
        visible = start + len(piece) - len(piece.lstrip())
        pieces.append((piece, raw.count("\n", 0, visible)))
    return pieces


_SPACE_RE = re.compile(r"\s+")
# The attribute the draft reader's placeholders leave on a <pre> that is no code (page/templates).
SKIP_ATTRIBUTE = "data-seo-audit-skip"


def _without_marks(text: str) -> str:
    return text.replace(_CODE_START, "").replace(_CODE_END, "")


def normalise(raw: str) -> tuple[str, tuple[int, ...]]:
    """Collapse white space; remember where source newlines fell in the collapsed text."""
    raw = raw.strip()
    if "\n" not in raw:
        return " ".join(raw.split()), ()
    pieces: list[str] = []
    newlines: list[int] = []
    length = 0
    position = 0
    for match in _SPACE_RE.finditer(raw):
        word = raw[position : match.start()]
        pieces.append(word)
        length += len(word)
        newlines.extend([length] * match.group(0).count("\n"))
        pieces.append(" ")
        length += 1
        position = match.end()
    pieces.append(raw[position:])
    return "".join(pieces), tuple(newlines)


def _hidden(element: Any) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def _has_class(element: Any, names: tuple[str, ...]) -> bool:
    classes = (element.get("class") or "").split()
    return any(name in classes for name in names)
