"""A FAQ block that has nothing to do with the article (template or generated boilerplate)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.lang import languages
from seo_audit.lang.en import FUNCTION_WORDS as ENGLISH_FUNCTION_WORDS
from seo_audit.page.faq import FAQ_HEADING_RE
from seo_audit.page.model import Page
from seo_audit.text.words import cut, folded_words

# "FAQs about …", "Häufige Fragen zum …", "Preguntas frecuentes sobre …", "вопросы о …": the
# prepositions of every language, as FAQ headings are looked for in all of them.
_PREPOSITIONS = dict.fromkeys(
    p for language in languages() for p in language.faq_topic_prepositions
)
_TOPIC_RE = re.compile(
    r"\b(?:"
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in _PREPOSITIONS)
    + r")\s+(?P<topic>.+)$",
    re.IGNORECASE,
)
_PREFIX = 6


def _key(word: str) -> str:
    # A crude shared prefix stands in for stemming: "recordings" ~ "recording".
    return word[:_PREFIX]


def _content_words(text: str, function_words: frozenset[str]) -> list[str]:
    return [
        _key(w)
        for w in folded_words(text)
        if w not in function_words and len(w) > 2 and not w.isdigit()
    ]


def _content_keys(text: str, function_words: frozenset[str]) -> set[str]:
    return set(_content_words(text, function_words))


def _function_words(page: Page) -> frozenset[str]:
    # English words for a language we have no list for: better than counting "the" as a topic.
    return page.function_words or ENGLISH_FUNCTION_WORDS


def article_terms(page: Page, exclude: set[str], top: int) -> set[str]:
    """What the article is about: title, H1, keyphrase, and its most frequent content words."""
    function_words = _function_words(page)
    terms = _content_keys(page.title or "", function_words)
    terms |= {
        k
        for h in page.headings
        if h.level == 1 and not h.chrome  # a footer's "About us" H1 is no topic
        for k in _content_keys(h.text, function_words)
    }
    if page.keyphrase:
        terms |= _content_keys(page.keyphrase.text, function_words)
    counts: Counter[str] = Counter()
    for block in page.content:
        if block.text not in exclude:
            counts.update(_content_words(block.text, function_words))
    # Words used once say little about the topic; the frequent ones do.
    terms |= {word for word, n in counts.most_common(top) if n > 1}
    return terms


@rule("faq-off-topic", category="faq", severity="warning", weight=2, options={"top_terms": 25})
def faq_off_topic(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """An FAQ section is about something other than the article.

    CMS templates and content generators bolt generic FAQ blocks ("FAQs about orchestral
    performance") under unrelated stories. The article's topic is its title, H1, keyphrase and
    its most frequent words (option `top_terms`); an FAQ heading that names another topic, or
    questions that share no word with the article, are reported. Rewrite the FAQ around what
    readers of this article ask, or remove it.
    """
    sections = page.faq_sections
    if not sections:
        yield NotApplicable("the page has no visible FAQ section")
        return
    section_text = {text for section in sections for text in section.texts}
    terms = article_terms(page, section_text, int(options["top_terms"]))
    function_words = _function_words(page)
    for section in sections:
        if section.heading:
            after = FAQ_HEADING_RE.split(section.heading)[-1]
            match = _TOPIC_RE.search(after)
            named = match.group("topic").strip() if match else ""
            topic = _content_keys(named, function_words)
            # Off topic unless most of the named topic is what the article is about.
            if topic and len(topic & terms) * 2 <= len(topic):
                yield Finding(
                    f"The FAQ heading “{section.heading}” is about “{named}”, "
                    "which this article is not about. Rewrite the FAQ around the article's "
                    "topic, or remove it.",
                    line=section.line,
                )
                continue
        off = [e for e in section.entries if not _content_keys(e.question, function_words) & terms]
        if section.entries and len(off) == len(section.entries):
            yield Finding(
                f"None of the {len(off)} FAQ questions shares a topic word with the article "
                f"(first: “{cut(off[0].question, 70)}”). Ask what this article's readers ask, or "
                "remove the FAQ.",
                line=section.line,
            )
        else:
            for entry in off:
                yield Finding(
                    f"The FAQ question “{cut(entry.question, 80)}” has nothing to do with the "
                    "article. Replace or remove it.",
                    line=entry.line,
                    verdict="ok",
                )
