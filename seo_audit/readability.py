"""Readability figures, computed once per page and shared by the rules and the report.

Flesch reading ease uses each language's own adaptation of the formula and a vowel-group
syllable count (no dictionary to load, nothing downloaded: textstat ≥ 0.7.9 fetches CMUdict
from the network on first use, and older versions spend ~0.7 s loading it; see
docs/decisions.md). Languages without a formula are reported as such, never given English
figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seo_audit.lang import data
from seo_audit.page import HEADING_TAGS, Page, Sentence

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

_VOWELS = {
    "en": "aeiouy",
    "de": "aeiouyäöü",
    "fr": "aeiouyàâéèêëîïôûùüÿœæ",
    "es": "aeiouáéíóúü",
    "it": "aeiouàèéìíòóù",
    "nl": "aeiouyëïé",
    "pt": "aeiouáâãàéêíóôõú",
    "ru": "аеёиоуыэюя",
}
_VOWEL_RES = {lang: re.compile(f"[{v}]+") for lang, v in _VOWELS.items()}
# Vowel pairs that are two syllables ("ra-di-o", "vi-de-o", "me-di-um"), except the
# one-syllable endings "-tion", "-cial", "-gion".
_EN_SPLIT_PAIRS = re.compile(r"(?<![tscg])i[aou]|eo|uo")
# Endings whose e is silent ("make", "named", "makes"), unless the e is sounded: after a vowel
# it belongs to a vowel group already ("calorie", "potatoes"); a consonant plus "le(s)" is a
# syllable ("table", "noodles"); "-es" after a sibilant ("boxes", "changes") and "-ed" after
# t or d ("wanted") are syllables too.
_EN_SILENT_E = re.compile(r"[^aeiouy]e$")
_EN_SOUNDED = re.compile(r"(?:[^aeiouy]les?|(?:[sxz]|[cs]h|[cg])es|[td]ed)$")
_EN_SILENT_ES_ED = re.compile(r"[^aeiouy]e[sd]$")


def _en_silent_ending(word: str) -> bool:
    if _EN_SOUNDED.search(word):
        return False
    return bool(_EN_SILENT_E.search(word) or _EN_SILENT_ES_ED.search(word))


_EDGE_PUNCTUATION = "\"'“”‘’«»‹›.,;:!?¿¡()[]{}<>…–-—/*&#%|~`^+=_"


@lru_cache(maxsize=65536)
def syllables(word: str, lang: str) -> int:
    word = word.lower()
    pattern = _VOWEL_RES.get(lang)
    if pattern is None:
        return 1
    count = len(pattern.findall(word))
    if lang == "en" and count > 1 and _en_silent_ending(word):
        count -= 1
    if lang == "en":
        count += len(_EN_SPLIT_PAIRS.findall(word))
    return max(count, 1)


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


@lru_cache(maxsize=8)
def readability(page: Page) -> Readability:
    lang = page.language_code
    # Headings count as sentences, as in Yoast's raw-text view: short lines ease the score.
    # Cells of figures ("5040", "|") are not sentences a reader reads.
    counted = [s for s in page.sentences if any(c.isalpha() for c in s.text)]
    # Words split on white space only ("film-score" is one), numbers left out, as Yoast does.
    all_words = [
        token.strip(_EDGE_PUNCTUATION)
        for s in counted
        for token in _TOKEN_WITH_LETTER_RE.findall(s.text.replace("—", " "))
    ]
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
    """(body sentences, the passive ones); shared by the rule and the metrics."""
    language = data(page.language_code)
    body = [s for s in page.sentences if page.content[s.block].tag not in HEADING_TAGS]
    if language is None:
        return body, []
    return body, [s for s in body if language.is_passive(s.text)]


@lru_cache(maxsize=8)
def transition_flags(page: Page) -> list[bool]:
    language = data(page.language_code)
    if language is None:
        return []
    return [language.has_transition(s.tokens) for s in page.sentences]
