"""Language data for keyphrase matching and readability, one module per language.

Each module defines FUNCTION_WORDS (words a keyphrase may leave out), TRANSITION_WORDS and
TRANSITION_PHRASES (words linking a sentence to the one before; TWO_PART pairs and
OPENING_WORDS, which link only as a sentence's first word, optional),
BEGINNING_EXCEPTIONS (first words that take the next word along: "the film…"),
TRANSITION_EXAMPLES (three the transition-words finding suggests) and is_passive,
usually a `Periphrastic` test (an auxiliary with a past participle). `data(code)` turns a module
into one `Language` the rules use. The lists are written for seo-audit, shorter than Yoast's.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from seo_audit.lang._common import has_transition

SUPPORTED = ("en", "de", "fr", "es", "it", "nl", "pt", "ru")


@dataclass(frozen=True)
class Language:
    code: str
    function_words: frozenset[str]
    transition_words: frozenset[str]
    transition_phrases: re.Pattern[str]
    beginning_exceptions: frozenset[str]
    is_passive: Callable[[str], bool]
    two_part: tuple[tuple[str, str], ...] = ()
    opening_words: frozenset[str] = frozenset()
    transition_examples: tuple[str, ...] = ()

    def has_transition(self, tokens: list[str]) -> bool:
        return has_transition(
            tokens,
            self.transition_words,
            self.transition_phrases,
            self.two_part,
            self.opening_words,
        )


@lru_cache(maxsize=16)
def data(code: str) -> Language | None:
    """The language's data, or None where seo-audit has none (rules then say so)."""
    if code not in SUPPORTED:
        return None
    module = importlib.import_module(f"seo_audit.lang.{code}")
    return Language(
        code=code,
        function_words=module.FUNCTION_WORDS,
        transition_words=module.TRANSITION_WORDS,
        transition_phrases=module.TRANSITION_PHRASES,
        beginning_exceptions=module.BEGINNING_EXCEPTIONS,
        is_passive=module.is_passive,
        two_part=getattr(module, "TWO_PART", ()),
        opening_words=getattr(module, "OPENING_WORDS", frozenset()),
        transition_examples=module.TRANSITION_EXAMPLES,
    )
