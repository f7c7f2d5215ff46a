"""Readability figures, computed once per page and shared by the rules and the report.

Flesch reading ease uses each language's own adaptation of the formula and syllables counted
by rules of spelling (`seo_audit.syllables`): no dictionary to load, nothing downloaded
(textstat ≥ 0.7.9 fetches CMUdict from the network on first use, and older versions spend
~0.7 s loading it; see docs/decisions.md). Languages without a formula are reported as such,
never given English figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seo_audit.lang import data
from seo_audit.page.model import Page, Sentence
from seo_audit.text.syllables import syllables

# Flesch reading ease: base − a × words/sentence − b × syllables/word, per language.
FLESCH = {
    "en": (206.835, 1.015, 84.6),  # Flesch (1948)
    "de": (180.0, 1.0, 58.5),  # Amstad (1978)
    "fr": (207.0, 1.015, 73.6),  # Kandel & Moles (1958)
    "es": (206.84, 1.02, 60.0),  # Fernández Huerta (1959)
    "it": (217.0, 1.3, 60.0),  # Franchina & Vacca (1972)
    "nl": (206.835, 0.93, 77.0),  # Douma (1960)
    "pt": (248.835, 1.015, 84.6),  # Martins et al. (1996)
    "ru": (206.835, 1.3, 60.1),  # Oborneva (2006)
}
# Words per sentence above which a sentence is long (Yoast's per-language limits).
LONG_SENTENCE = {"es": 25, "it": 25, "pt": 25, "ru": 15}
DEFAULT_LONG_SENTENCE = 20

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
        return self.language in FLESCH


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


@lru_cache(maxsize=8)
def readability(page: Page) -> Readability:
    lang = page.language_code
    counted = flesch_sentences(page)
    all_words = flesch_words(counted)
    total_syllables = sum(syllables(w, lang) for w in all_words)
    flesch = None
    if lang in FLESCH and counted and len(all_words) > 10:
        base, per_sentence, per_syllable = FLESCH[lang]
        score = (
            base
            - per_sentence * len(all_words) / len(counted)
            - per_syllable * total_syllables / len(all_words)
        )
        flesch = round(min(max(score, 0.0), 100.0), 1)
    return Readability(lang, len(counted), len(all_words), total_syllables, flesch)


def long_sentences(page: Page) -> tuple[int, list[Sentence]]:
    limit = LONG_SENTENCE.get(page.language_code, DEFAULT_LONG_SENTENCE)
    return limit, [s for s in page.sentences if sentence_words(s) > limit]


@lru_cache(maxsize=8)
def passive_sentences(page: Page) -> tuple[list[Sentence], list[Sentence]]:
    """(sentences, the passive ones); shared by the rule and the metrics. Headings count, as
    for Flesch and transition words: "Can the score be recorded remotely?" is passive too."""
    language = data(page.language_code)
    sentences = list(page.sentences)
    if language is None:
        return sentences, []
    return sentences, [s for s in sentences if language.is_passive(s.text)]


@lru_cache(maxsize=8)
def transition_flags(page: Page) -> list[bool]:
    language = data(page.language_code)
    if language is None:
        return []
    return [language.has_transition(s.tokens) for s in page.sentences]
