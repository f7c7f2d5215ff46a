"""Everything seo-audit knows about a language, one module per language.

A language is one file, `seo_audit/lang/<code>.py`, named by its primary subtag ("de" serves
`lang="de-AT"`); it is found by that name, so adding a language changes nothing else. Modules
whose name starts with `_` hold shared code. A language module defines:

- FUNCTION_WORDS: words a keyphrase may leave out ("the", "of"), also left out of FAQ topics.
- TRANSITION_WORDS and TRANSITION_PHRASES (a `phrases` pattern): words linking a sentence to
  the one before; optionally TWO_PART pairs ("either … or") and OPENING_WORDS, which link
  only as a sentence's first word ("First, …").
- TRANSITION_EXAMPLES: three the transition-words finding suggests.
- BEGINNING_EXCEPTIONS: first words that take the next word along ("the film…").
- is_passive(sentence): usually a `Periphrastic` test (an auxiliary with a past participle).
- FAQ_HEADINGS: regular expressions for FAQ headings ("frequently[\\s-]+asked[\\s-]+questions?"),
  matched in any page, whatever its language, between word boundaries and ignoring case.
- FAQ_TOPIC_PREPOSITIONS: the words after which an FAQ heading names its topic ("FAQs about
  …", "Häufige Fragen zum …").

and optionally SNOWBALL (the Snowball stemmer's name, to match keyphrases by word form),
FLESCH (a `Flesch` formula; without one no reading ease is given), SYLLABLES (a `Syllables`
spelling; without one a word is one syllable) and LONG_SENTENCE (words above which a sentence
is long; DEFAULT_LONG_SENTENCE otherwise). `data(code)` turns a module into the one `Language`
the rules use. The word lists are written for seo-audit, shorter than Yoast's.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from seo_audit.lang._common import Flesch, Phrases, Syllables, has_transition

__all__ = [
    "DEFAULT_LONG_SENTENCE",
    "IN_CHARACTERS",
    "OPTIONAL",
    "REQUIRED",
    "SUPPORTED",
    "Flesch",
    "Language",
    "Syllables",
    "data",
    "languages",
    "primary_subtag",
]

# Yoast's limit for the languages it sets none for.
DEFAULT_LONG_SENTENCE = 20
# Languages written without spaces between words: their text is measured in characters, as
# Yoast measures Japanese, and checks built on words and sentences split at spaces do not apply.
IN_CHARACTERS = frozenset({"ja", "zh"})

SUPPORTED = tuple(
    sorted(
        module.name
        for module in pkgutil.iter_modules(__path__)
        if not module.name.startswith("_") and not module.ispkg
    )
)

# What every language module defines, and the `Language` field each becomes.
REQUIRED = {
    "FUNCTION_WORDS": "function_words",
    "TRANSITION_WORDS": "transition_words",
    "TRANSITION_PHRASES": "transition_phrases",
    "TRANSITION_EXAMPLES": "transition_examples",
    "BEGINNING_EXCEPTIONS": "beginning_exceptions",
    "is_passive": "is_passive",
    "FAQ_HEADINGS": "faq_headings",
    "FAQ_TOPIC_PREPOSITIONS": "faq_topic_prepositions",
}
# What a module may define; the `Language` field's default stands in otherwise.
OPTIONAL = {
    "TWO_PART": "two_part",
    "OPENING_WORDS": "opening_words",
    "SNOWBALL": "snowball",
    "FLESCH": "flesch",
    "SYLLABLES": "syllables",
    "LONG_SENTENCE": "long_sentence",
}


@dataclass(frozen=True)
class Language:
    code: str
    function_words: frozenset[str]
    transition_words: frozenset[str]
    transition_phrases: Phrases
    beginning_exceptions: frozenset[str]
    is_passive: Callable[[str], bool]
    transition_examples: tuple[str, ...]
    faq_headings: tuple[str, ...]
    faq_topic_prepositions: tuple[str, ...]
    two_part: tuple[tuple[str, str], ...] = ()
    opening_words: frozenset[str] = frozenset()
    snowball: str | None = None
    flesch: Flesch | None = None
    syllables: Syllables | None = None
    long_sentence: int = DEFAULT_LONG_SENTENCE

    def has_transition(self, tokens: list[str]) -> bool:
        return has_transition(
            tokens,
            self.transition_words,
            self.transition_phrases,
            self.two_part,
            self.opening_words,
        )


def primary_subtag(tag: str) -> str:
    """The language of a tag as the modules are named: "de" for "de-AT", "pt" for "pt_BR"."""
    return tag.strip().lower().replace("_", "-").split("-")[0] or "en"


def data(code: str) -> Language | None:
    """The language's data, or None where seo-audit has none (rules then say so)."""
    return _load(code) if code in SUPPORTED else None


def languages() -> tuple[Language, ...]:
    """Every supported language, for what is looked for in any page (FAQ headings)."""
    return tuple(_load(code) for code in SUPPORTED)


@cache
def _load(code: str) -> Language:
    module = importlib.import_module(f"{__name__}.{code}")
    fields = {field: getattr(module, name) for name, field in REQUIRED.items()}
    fields |= {
        field: getattr(module, name) for name, field in OPTIONAL.items() if hasattr(module, name)
    }
    return Language(code=code, **fields)
