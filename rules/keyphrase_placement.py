"""Where the keyphrase appears: title, introduction, meta description, subheadings, slug."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.text.words import fold, folded_words, has_cyrillic, latin_slug_word, split_sentences

Outcomes = Iterator[Finding | NotApplicable]


def _listed(words: tuple[str, ...]) -> str:
    """“coffee” or “cold” and “brew”: the words a message names."""
    quoted = [f"“{w}”" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _best_share(page: Page, text: str) -> float:
    return max(topic.share_in(text) for topic in page.topics)


@rule(
    "keyphrase-in-title",
    category="keyphrase",
    severity="warning",
    weight=3,
    requires_keyphrase=True,
)
def keyphrase_in_title(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The SEO title (`<title>`, or `title` in front matter) does not contain the keyphrase.

    Good when the title holds the keyphrase as written (case, punctuation and function words
    aside); close when it holds all its words in another order; bad when some of its content
    words are missing, as in Yoast: "cold brew coffee" is not the topic of "Coffee at home".
    Synonyms do not count here, as in Yoast.
    """
    if not page.title:
        yield NotApplicable("the page has no title (see title-missing)")
        return
    assert page.keyphrase is not None
    matcher = page.matcher
    assert matcher is not None
    share = matcher.share_in(page.title)
    if share == 1.0 and matcher.position_in(page.title) is not None:
        return
    if share == 1.0:
        yield Finding(
            f"The title has all the words of the keyphrase, but not “{page.keyphrase.text}” "
            "as written. Use the exact phrase.",
            line=page.title_line,
            verdict="ok",
        )
        return
    if share > 0:
        missing = matcher.missing_in(page.title)
        yield Finding(
            f"The title has only some words of the keyphrase “{page.keyphrase.text}” (not "
            f"{_listed(missing)}). Put the whole keyphrase in the title, near the beginning.",
            line=page.title_line,
        )
    else:
        yield Finding(
            f"The title does not contain the keyphrase “{page.keyphrase.text}”. Work it into "
            "the title, near the beginning.",
            line=page.title_line,
        )


@rule(
    "keyphrase-in-introduction",
    category="keyphrase",
    severity="warning",
    weight=3,
    requires_keyphrase=True,
)
def keyphrase_in_introduction(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The first paragraph of the article does not use the keyphrase (or a synonym).

    Good when one sentence of the first paragraph holds every content word of the keyphrase;
    close when they are spread over the paragraph. Headings, captions and link-only lines are
    not the introduction.
    """
    intro = next((b for b in page.paragraphs if b.tag not in {"figcaption", "dt"}), None)
    if intro is None:
        yield NotApplicable("the article has no paragraphs")
        return
    assert page.keyphrase is not None
    sentences = split_sentences(intro.text)
    for topic in page.topics:
        if any(topic.share_in(sentence) == 1.0 for sentence in sentences):
            return
    if _best_share(page, intro.text) == 1.0:
        yield Finding(
            "The first paragraph has all the words of the keyphrase, but not in one sentence. "
            "Say it in one sentence so readers and search engines see the topic at once.",
            line=intro.line,
            verdict="ok",
        )
        return
    yield Finding(
        f"The first paragraph does not mention the keyphrase “{page.keyphrase.text}”. Tell "
        "readers in the opening lines what the article is about.",
        line=intro.line,
    )


@rule(
    "keyphrase-in-meta-description",
    category="keyphrase",
    severity="warning",
    weight=2,
    requires_keyphrase=True,
)
def keyphrase_in_meta_description(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The meta description does not use the keyphrase, or repeats it more than twice.

    Search engines bold the words a searcher typed, so one or two uses in the description help
    the snippet stand out; three or more read as stuffing. Synonyms count.
    """
    if not page.meta_description:
        yield NotApplicable("the page has no meta description (see meta-description-missing)")
        return
    sentences = split_sentences(page.meta_description)
    count = max(topic.count_in(sentences) for topic in page.topics)
    assert page.keyphrase is not None
    if count == 0:
        yield Finding(
            f"The meta description does not contain the keyphrase “{page.keyphrase.text}”. "
            "Use it once in the description.",
            line=page.meta_description_line,
        )
    elif count > 2:
        yield Finding(
            f"The meta description uses the keyphrase {count} times; once or twice is enough.",
            line=page.meta_description_line,
        )


@rule(
    "keyphrase-in-subheadings",
    category="keyphrase",
    severity="info",
    weight=1,
    requires_keyphrase=True,
)
def keyphrase_in_subheadings(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """Too few, or too many, of the article's H2 and H3 subheadings reflect the keyphrase.

    A subheading reflects the topic when it holds more than half of the keyphrase's content
    words (or a synonym's). Good when between 30 % and 75 % of subheadings do, as Yoast rates
    it; all of them reads as over-optimised.
    """
    subheadings = [h for h in page.headings if h.in_content and h.level in (2, 3) and h.text]
    if not subheadings:
        yield NotApplicable("the article has no H2 or H3 subheadings")
        return
    matching = [h for h in subheadings if _best_share(page, h.text) > 0.5]
    total, found = len(subheadings), len(matching)
    low, high = math.ceil(0.3 * total), math.floor(0.75 * total)
    if total == 1 and found == 1:
        return
    if found == 0 or found < low:
        first = subheadings[0]
        yield Finding(
            f"{found} of {total} subheading{'s reflect' if total != 1 else ' reflects'} the "
            f"keyphrase. Use it (or a synonym) in "
            + (f"at least {low} of them." if total != 1 else "it."),
            line=first.line,
        )
    elif total > 1 and found > high:
        yield Finding(
            f"{found} of {total} subheadings repeat the keyphrase; that reads as "
            "over-optimised. Vary some of them.",
            line=matching[0].line,
        )


def _latin_share(words: tuple[str, ...], slug: str, word_forms: bool) -> float:
    """Share of the keyphrase's Cyrillic words found in a Latin-letter slug; with word forms a
    shared beginning is enough ("samovara" for "самовар")."""
    tokens = [latin_slug_word(token) for token in folded_words(slug)]

    def found(word: str) -> bool:
        latin = latin_slug_word(word)
        if not word_forms:
            return latin in tokens
        stem = latin[: max(4, len(latin) - 2)]
        return any(token.startswith(stem) for token in tokens)

    return sum(map(found, words)) / len(words) if words else 0.0


@rule("keyphrase-in-slug", category="keyphrase", severity="info", weight=1, requires_keyphrase=True)
def keyphrase_in_slug(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The page's URL slug does not contain the keyphrase.

    The slug comes from the front matter `slug`, else the canonical URL (or og:url). For a
    keyphrase of one or two content words all must be in the slug; for longer ones, more than
    half. Hyphens and underscores separate words. A Russian keyphrase also matches a slug
    written in Latin letters ("беговые лыжи" in "begovye-lyzhi"), in the usual schemes.
    """
    if not page.slug:
        yield NotApplicable("the page has no slug (no front matter slug or canonical URL)")
        return
    assert page.keyphrase is not None
    matcher = page.matcher
    assert matcher is not None
    slug_words = page.slug.replace("-", " ").replace("_", " ")
    share = matcher.share_in(slug_words)
    if share < 1.0 and slug_words.isascii() and has_cyrillic(page.keyphrase.text):
        share = max(share, _latin_share(matcher.content_words, slug_words, page.word_forms))
    enough = share == 1.0 if matcher.length < 3 else share > 0.5
    if not enough:
        yield Finding(
            f"The slug “{page.slug}” does not carry the keyphrase “{page.keyphrase.text}”. "
            "Put its main words in the URL before publishing (changing it later breaks links).",
            verdict="ok",
        )


@rule(
    "keyphrase-in-title-position",
    category="keyphrase",
    severity="info",
    weight=1,
    requires_keyphrase=True,
)
def keyphrase_in_title_position(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The exact keyphrase is in the title, but not at its beginning.

    Searchers scan the first words of a result; put the keyphrase first. Leading function
    words do not count ("The cold brew guide" begins with "cold brew"). Whether the title holds
    the keyphrase at all is keyphrase-in-title's finding.
    """
    assert page.keyphrase is not None and page.matcher is not None
    position = page.matcher.position_in(page.title or "")
    if position is None:
        yield NotApplicable("the title does not hold the exact keyphrase (see keyphrase-in-title)")
        return
    before = folded_words(fold(page.title or "")[:position])
    if any(word not in page.function_words for word in before):
        yield Finding(
            f"The keyphrase is in the title but not at its beginning. Move “{page.keyphrase.text}”"
            " to the front.",
            line=page.title_line,
            verdict="ok",
        )
