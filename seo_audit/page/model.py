"""The Page: everything a rule needs, extracted once, never mutated.

Expensive views (sentences, words, readability, FAQ sections, the report's figures) are cached
properties computed at most once and shared by every rule; what they return is read-only too
(tuples, frozen records, read-only mappings), so no rule can change what the next one reads.
The views are computed in page/readability.py, page/faq.py and page/metrics.py. `page.soup`
offers BeautifulSoup for plugin rules that want free-form queries; it is built only when asked
for, because it costs about 13x lxml's own parse.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from seo_audit.page.directives import Suppression
from seo_audit.sources.document import HttpFacts, Template
from seo_audit.text.keyphrase import Keyphrase, stemmer_for
from seo_audit.text.words import count_characters, count_words, folded_words, split_sentences

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    from seo_audit.page.address import PageAddress
    from seo_audit.page.faq import FaqSection
    from seo_audit.page.readability import Readability

EMPTY: Mapping[str, Any] = MappingProxyType({})
# A token between white space, hyphens, dashes and brackets that holds a letter or digit.
_TREE_WORD_RE = re.compile(r"[^\s\-–—\[\]]*[^\W_][^\s\-–—\[\]]*")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def line_at(first_line: int | None, newlines: tuple[int, ...], offset: int) -> int | None:
    if first_line is None:
        return None
    return first_line + bisect.bisect_right(newlines, offset)


# Why a block of the article is not prose: code (a <pre>, a fenced or indented code block,
# a code shortcode), template code (an inline shortcode's body), math.
SkipReason = Literal["", "code", "template", "math"]


@dataclass(frozen=True)
class Block:
    """A run of visible text: a paragraph, heading, list item, cell, caption… A block that is
    `skipped` (code, math) belongs to the article but is no prose: it is left out of
    `Page.content` and every measure; its text is kept as written, lines included. Inline
    code, keyboard input and math are left out of a prose block's text."""

    tag: str
    text: str
    line: int | None
    in_content: bool = False
    newlines: tuple[int, ...] = ()  # offsets in `text` where the source moves to a new line
    skipped: SkipReason = ""

    def line_at(self, offset: int) -> int | None:
        """The source line of a character of `text` (hard-wrapped paragraphs span lines)."""
        return line_at(self.line, self.newlines, offset)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int | None
    in_content: bool = False
    # The draft's front-matter title, which the site's layout prints as the H1.
    from_layout: bool = False
    # The site-chrome element the heading sits in (masthead, logo, nav, sidebar, footer,
    # related box: "footer", "aside.sidebar": page/template_parts.py), "" in none.
    chrome: str = ""


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    rel: tuple[str, ...]
    line: int | None
    in_content: bool = False


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None
    line: int | None
    in_content: bool = False


# "template": an embed the site's template renders from a shortcode or component in a draft.
EmbedKind = Literal[
    "iframe", "video", "object", "oembed", "social", "url", "placeholder", "template"
]


@dataclass(frozen=True)
class Embed:
    """Something embedded, or meant to be.

    `host` is the embed provider's host name ("youtube.com"); `is_content` is false for the
    iframes that real pages are full of but are not content: tag managers inside <noscript>,
    ads, consent and comment widgets.
    """

    kind: EmbedKind
    src: str
    line: int | None
    host: str = ""
    title: str | None = None
    loading: str | None = None
    is_content: bool = True
    is_video: bool = False
    text: str = ""


@dataclass(frozen=True)
class JsonLdBlock:
    """One <script type="application/ld+json">: parsed data, or the parse error and its line."""

    line: int | None
    raw: str
    data: Any = None
    error: str | None = None
    error_line: int | None = None


@dataclass(frozen=True)
class StructuredItem:
    """One typed item (`@graph` flattened; microdata too), with the line of its block."""

    types: tuple[str, ...]
    data: Mapping[str, Any]
    line: int | None
    source: Literal["json-ld", "microdata"] = "json-ld"

    def is_a(self, *names: str) -> bool:
        return any(t in names for t in self.types)


@dataclass(frozen=True)
class QAPair:
    """A question and answer the page shows in a `<details>` or a `<dl>`."""

    question: str
    answer: str
    line: int | None
    container: Literal["details", "dl"]
    chrome: str = ""  # the site-chrome element it sits in (page/template_parts.py), if any


@dataclass(frozen=True)
class Author:
    name: str
    line: int | None
    source: str  # "meta", "json-ld", "byline", "front matter"


KeyphraseSource = Literal[
    "option", "front matter", "editor's note", "config", "Yoast field", "Rank Math field"
]


@dataclass(frozen=True)
class FocusKeyphrase:
    text: str
    source: KeyphraseSource
    line: int | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int | None
    block: int  # index into Page.content

    @cached_property
    def tokens(self) -> list[str]:
        return folded_words(self.text)


@dataclass(frozen=True)
class KeyphraseFigures:
    count: int
    words: int
    density: float  # percent, as Yoast shows it
    length: int  # content words (1 for a quoted phrase)

    @property
    def adjusted_density(self) -> float:
        """Yoast compares density × (0.7 + L/3), so longer keyphrases need fewer uses."""
        return self.density * (0.7 + self.length / 3)


@dataclass(frozen=True)
class MetaTag:
    """A `<meta>` in the page: its key (`name`, else `property`, else `http-equiv`,
    lower-cased: "robots", "og:url", "twitter:card", "article:published_time") and content."""

    key: str
    content: str
    line: int | None
    # Set for what front matter declared in the generator's stead (`robots:`, `noindex:`): the
    # tag the site's template will print, at the front-matter line.
    declared: bool = False


@dataclass(frozen=True)
class LinkTag:
    """A `<link>` with a rel (canonical, alternate + hreflang, amphtml…): rel tokens
    lower-cased, the href as written."""

    rel: tuple[str, ...]
    href: str
    line: int | None
    hreflang: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class VisibleDate:
    """A publication date readers see (page/visible.py): a `<time datetime>` or a dated
    "Published …" line, as an ISO date (YYYY-MM-DD), with the text shown."""

    date: str
    text: str
    line: int | None


@dataclass(frozen=True)
class VisibleTrail:
    """The breadcrumb readers see (a nav/ol/ul marked breadcrumb): its names, in order."""

    names: tuple[str, ...]
    line: int | None


@dataclass(frozen=True)
class Page:
    path: str
    format: Literal["html", "markdown"]
    html: str
    lang: str | None = None
    title: str | None = None
    title_line: int | None = None
    meta_description: str | None = None
    meta_description_line: int | None = None
    canonical: str | None = None
    canonical_line: int | None = None
    robots: str | None = None
    slug: str | None = None
    headings: tuple[Heading, ...] = ()
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    embeds: tuple[Embed, ...] = ()
    jsonld: tuple[JsonLdBlock, ...] = ()
    items: tuple[StructuredItem, ...] = ()
    authors: tuple[Author, ...] = ()
    front_matter: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    keyphrase: FocusKeyphrase | None = None
    synonyms: tuple[str, ...] = ()
    seo_notes: tuple[Block, ...] = ()
    qa_pairs: tuple[QAPair, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    language: str | None = None  # what the text is read as: page/language.py chooses it
    # The language the text is clearly written in, where that is not the declared one (or
    # nothing is declared); None when they agree or the text is too short to tell.
    detected_language: str | None = None
    word_forms: bool = True  # match keyphrase words by stem ("recordings" ~ "recording")
    # Template syntax the site processes, taken out of a draft's text (embeds and figures
    # among them are also in `embeds` and `images`), each with its line.
    templates: tuple[Template, ...] = ()
    # Template syntax left in the article's visible text, which readers see: a shortcode or
    # Liquid tag in a published page, a WordPress shortcode in a draft. Embed tags are in
    # `embeds` (kind "placeholder") instead.
    leftovers: tuple[Template, ...] = ()
    marked_draft: bool = False  # front matter `draft: true` or `published: false`
    # A draft whose site's layout prints its front-matter title as the H1 (with a title, the
    # first of `headings` says so).
    layout_title: bool = False
    http: HttpFacts | None = None  # what HTTP said, when the page was fetched (sources)
    meta_tags: tuple[MetaTag, ...] = ()  # every <meta> with a key, in order
    link_tags: tuple[LinkTag, ...] = ()  # every <link rel=…>, in order (head and body)
    base_href: str | None = None  # the first <base href>, as written
    visible_dates: tuple[VisibleDate, ...] = ()  # publication dates shown (page/visible.py)
    visible_trail: VisibleTrail | None = None  # the breadcrumb shown, if marked as one
    # The production URL of the site the run was told (--base-url / config site_url), if any.
    site_url: str | None = None
    # The source as the writer has it open (the draft's Markdown, not its rendering): where
    # findings' columns are looked up (page/columns.py).
    source: str = ""

    def meta(self, key: str) -> MetaTag | None:
        """The first <meta> with this key (lower-case: "og:url", "twitter:card")."""
        return next((tag for tag in self.meta_tags if tag.key == key), None)

    def meta_all(self, key: str) -> tuple[MetaTag, ...]:
        return tuple(tag for tag in self.meta_tags if tag.key == key)

    def links_with_rel(self, rel: str) -> tuple[LinkTag, ...]:
        return tuple(tag for tag in self.link_tags if rel in tag.rel)

    @cached_property
    def source_lines(self) -> tuple[str, ...]:
        """The source's lines, numbered as findings number them (split at "\\n" only)."""
        if "\r" not in self.source:  # most sources: no line to strip, one split in C
            return tuple(self.source.split("\n"))
        return tuple(line.rstrip("\r") for line in self.source.split("\n"))

    @cached_property
    def address(self) -> PageAddress:
        """Where the page is served from: http or https, and what says so (the fetched URL,
        canonical, og:url, <base href>, --base-url: page/address.py); scheme None if unknown."""
        from seo_audit.page.address import page_address

        return page_address(self)

    @cached_property
    def language_code(self) -> str:
        """The primary language subtag ("en" for "en-GB"); English when nothing says."""
        return (self.language or "en").lower().replace("_", "-").split("-")[0] or "en"

    @cached_property
    def stemmer(self) -> Callable[[str], str] | None:
        return stemmer_for(self.language_code) if self.word_forms else None

    @cached_property
    def function_words(self) -> frozenset[str]:
        from seo_audit.lang import data

        language = data(self.language_code)
        return language.function_words if language is not None else frozenset()

    @cached_property
    def matcher(self) -> Keyphrase | None:
        """The focus keyphrase as the rules match it (by word form where the language has a
        stemmer)."""
        if self.keyphrase is None:
            return None
        return Keyphrase(self.keyphrase.text, self.stemmer, self.function_words)

    @cached_property
    def topics(self) -> tuple[Keyphrase, ...]:
        """The keyphrase, then its synonyms: what checks that accept synonyms look for."""
        if self.matcher is None:
            return ()
        return (
            self.matcher,
            *(Keyphrase(s, self.stemmer, self.function_words) for s in self.synonyms),
        )

    @cached_property
    def article(self) -> tuple[Block, ...]:
        """The article's blocks in order, prose and skipped (code, math) alike: what
        `seo-audit text` shows."""
        return tuple(b for b in self.blocks if b.in_content)

    @cached_property
    def content(self) -> tuple[Block, ...]:
        """The article's prose: the blocks every content rule analyses (no navigation,
        footer, code or math)."""
        return tuple(b for b in self.article if not b.skipped)

    @cached_property
    def skipped(self) -> tuple[Block, ...]:
        """The article's blocks that are not prose, each with its reason."""
        return tuple(b for b in self.article if b.skipped)

    @cached_property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.content if b.tag not in HEADING_TAGS)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        sentences = []
        for index, block in enumerate(self.content):
            cursor = 0
            for text in split_sentences(block.text):
                start = block.text.find(text, cursor)
                cursor = max(start, cursor)
                sentences.append(Sentence(text, block.line_at(cursor), index))
        return tuple(sentences)

    @cached_property
    def word_count(self) -> int:
        """Words as Yoast counts them for density: split at white space, hyphens, dashes and
        brackets, so "film-score" is two words but "S&P", "24.5" and "don't" are one."""
        return sum(len(_TREE_WORD_RE.findall(block.text)) for block in self.content)

    @cached_property
    def text_length(self) -> int:
        """Words as Yoast counts text length: split on white space only, so "film-score" is
        one word; punctuation around words is not a word. Characters in Japanese and Chinese,
        which put no spaces between words (`text_in_characters`)."""
        if self.text_in_characters:
            return sum(count_characters(block.text) for block in self.content)
        return sum(count_words(block.text) for block in self.content)

    @cached_property
    def text_in_characters(self) -> bool:
        """Whether the text is measured in characters (Japanese, Chinese), not words."""
        from seo_audit.lang import IN_CHARACTERS

        return self.language_code in IN_CHARACTERS

    @cached_property
    def keyphrase_figures(self) -> KeyphraseFigures | None:
        """Yoast's count (per sentence, min over content words) and density over the body."""
        if self.keyphrase is None:
            return None
        matcher = self.matcher
        assert matcher is not None
        count = sum(matcher.count_in_tokens(sentence.tokens) for sentence in self.sentences)
        density = count / self.word_count * 100 if self.word_count else 0.0
        return KeyphraseFigures(count, self.word_count, density, matcher.length)

    @cached_property
    def text(self) -> str:
        """Exactly the text the rules analyse, one block per paragraph."""
        return "\n\n".join(block.text for block in self.content)

    @cached_property
    def readability(self) -> Readability:
        from seo_audit.page.readability import readability

        return readability(self)

    @cached_property
    def long_sentence_limit(self) -> int:
        """Words above which a sentence is long, in the page's language."""
        from seo_audit.page.readability import long_sentence_limit

        return long_sentence_limit(self)

    @cached_property
    def long_sentences(self) -> tuple[Sentence, ...]:
        from seo_audit.page.readability import long_sentences

        return long_sentences(self)

    @cached_property
    def passive_sentences(self) -> tuple[Sentence, ...]:
        """The sentences in the passive voice; none in a language seo-audit has no test for."""
        from seo_audit.page.readability import passive_sentences

        return passive_sentences(self)

    @cached_property
    def transition_flags(self) -> tuple[bool, ...]:
        """Per sentence, whether it has a transition word; empty in an unsupported language."""
        from seo_audit.page.readability import transition_flags

        return transition_flags(self)

    @cached_property
    def faq_sections(self) -> tuple[FaqSection, ...]:
        """The FAQ sections a reader sees (headings, `<details>`, `<dl>`, question runs)."""
        from seo_audit.page.faq import visible_faqs

        return visible_faqs(self)

    @cached_property
    def folded_visible_text(self) -> str:
        """All visible text, navigation and footer too, as one folded string of words."""
        from seo_audit.page.faq import folded_visible_text

        return folded_visible_text(self)

    @cached_property
    def metrics(self) -> Mapping[str, object]:
        """The figures the report prints beside the verdicts."""
        from seo_audit.page.metrics import metrics

        return MappingProxyType(metrics(self))

    @cached_property
    def soup(self) -> BeautifulSoup:
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.html, "lxml")

    def items_of_type(self, *names: str) -> tuple[StructuredItem, ...]:
        return tuple(item for item in self.items if item.is_a(*names))
