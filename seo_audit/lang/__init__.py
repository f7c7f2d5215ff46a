"""Language data for keyphrase matching and readability, one module per language.

Each module defines:
- FUNCTION_WORDS: words a keyphrase may leave out (articles, pronouns, prepositions…);
- TRANSITION_WORDS and TRANSITION_PHRASES: words linking a sentence to the one before;
- BEGINNING_EXCEPTIONS: first words that take the next word along ("the film…");
- is_passive(sentence): whether a sentence is in the passive voice.

The lists are written for seo-audit, shorter than Yoast's, and grow with use.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

SUPPORTED = ("en", "de", "fr", "es", "it", "nl", "pt", "ru")


@lru_cache(maxsize=16)
def data(lang: str) -> ModuleType | None:
    if lang not in SUPPORTED:
        return None
    return importlib.import_module(f"seo_audit.lang.{lang}")
