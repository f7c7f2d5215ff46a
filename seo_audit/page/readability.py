"""Readability figures, for the Page's cached views (`page.readability`,
`page.passive_sentences`, …), which compute them once and share them with the rules and the
report.

Flesch reading ease uses each language's own adaptation of the formula and syllables counted
by rules of spelling (`seo_audit.text.syllables`), both from the language's module
(`seo_audit.lang`): no dictionary to load, nothing downloaded (textstat ≥ 0.7.9 fetches
CMUdict from the network on first use, and older versions spend ~0.7 s loading it; see
docs/decisions.md). Languages without a formula are reported as such,
never given English figures.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from seo_audit.lang import DEFAULT_LONG_SENTENCE, SUPPORTED, Flesch, data
from seo_audit.page.model import Page, Sentence
from seo_audit.text.syllables import syllables

_EDGE_PUNCTUATION = "\"'“”‘’«»‹›.,;:!?¿¡()[]{}<>…–-—/*&#%|~`^+=_"
_TOKEN_WITH_LETTER_RE = re.compile(r"\S*[^\W\d_]\S*")
_TOKEN_WITH_WORD_RE = re.compile(r"\S*[^\W_]\S*")


def sentence_words(sentence: Sentence) -> int:
    """Words in a sentence, hyphenated words counted once (as Yoast counts sentence length)."""
    return len(_TOKEN_WITH_WORD_RE.findall(sentence.text))


@dataclass(frozen=True)
class Readability:
    language: str
    sentences: int
    words: int
    syllables: int
    flesch: float | None  # None: no formula for the language, or too little text

    @property
    def supported(self) -> bool:
        return flesch_formula(self.language) is not None


def flesch_formula(code: str) -> Flesch | None:
    language = data(code)
    return language.flesch if language is not None else None


def flesch_languages() -> tuple[str, ...]:
    """The languages with a Flesch formula."""
    return tuple(code for code in SUPPORTED if flesch_formula(code) is not None)


def flesch_sentences(page: Page) -> list[Sentence]:
    """The sentences Flesch counts. Headings count, as in Yoast's raw-text view: short lines
    ease the score. Cells of figures ("5040", "|") are not sentences a reader reads."""
    return [s for s in page.sentences if any(c.isalpha() for c in s.text)]


def flesch_words(sentences: list[Sentence]) -> list[str]:
    """The words Flesch counts: split on white space only ("film-score" is one), numbers left
    out, as Yoast does, and stripped of the punctuation around them."""
    return [
        token.strip(_EDGE_PUNCTUATION)
        for s in sentences
        for token in _TOKEN_WITH_LETTER_RE.findall(s.text.replace("—", " "))
    ]


def readability(page: Page) -> Readability:
    lang = page.language_code
    counted = flesch_sentences(page)
    all_words = flesch_words(counted)
    # Each distinct word counted once, times its uses: the same total, half the look-ups.
    total_syllables = sum(syllables(w, lang) * n for w, n in Counter(all_words).items())
    flesch = None
    formula = flesch_formula(lang)
    if formula is not None and counted and len(all_words) > 10:
        base, per_sentence, per_syllable = formula
        score = (
            base
            - per_sentence * len(all_words) / len(counted)
            - per_syllable * total_syllables / len(all_words)
        )
        flesch = round(min(max(score, 0.0), 100.0), 1)
    return Readability(lang, len(counted), len(all_words), total_syllables, flesch)


def long_sentence_limit(page: Page) -> int:
    language = data(page.language_code)
    return language.long_sentence if language is not None else DEFAULT_LONG_SENTENCE


def long_sentences(page: Page) -> tuple[Sentence, ...]:
    limit = page.long_sentence_limit
    return tuple(s for s in page.sentences if sentence_words(s) > limit)


def passive_sentences(page: Page) -> tuple[Sentence, ...]:
    """Shared by the rule and the metrics. Headings count, as for Flesch and transition
    words: "Can the score be recorded remotely?" is passive too."""
    language = data(page.language_code)
    if language is None:
        return ()
    return tuple(s for s in page.sentences if language.is_passive(s.text))


def transition_flags(page: Page) -> tuple[bool, ...]:
    language = data(page.language_code)
    if language is None:
        return ()
    return tuple(language.has_transition(s.tokens) for s in page.sentences)
