"""Keyphrase matching: a focus keyphrase (or synonym) as a bag of content words, matched per
sentence, by word form where the language has a stemmer.

Matching follows Yoast's free path (reference/yoast-assessments.md §3): a keyphrase is a bag of
content words, and one occurrence means every content word appears in the same sentence. Unlike
Yoast we fold diacritics on both sides, so `cafe` matches `café` as well as the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from seo_audit.lang import data
from seo_audit.lang.en import FUNCTION_WORDS as ENGLISH_FUNCTION_WORDS
from seo_audit.text.words import fold, folded_words


def _strip_exact_quotes(phrase: str) -> tuple[str, bool]:
    stripped = phrase.strip()
    if len(stripped) > 2 and stripped[0] in '"“„«' and stripped[-1] in '"”“»':
        return stripped[1:-1].strip(), True
    return stripped, False


@lru_cache(maxsize=16)
def stemmer_for(lang: str) -> Callable[[str], str] | None:
    """A cached Snowball stemmer for the language, or None where there is none.

    Stemming lets "recordings" match "recording", which Yoast only does with Premium's
    (unpublished) word-form data.
    """
    language = data(lang)
    algorithm = language.snowball if language is not None else None
    if algorithm is None:
        return None
    stemmer = _snowball(algorithm)
    return lru_cache(maxsize=65536)(stemmer.stemWord)


def _snowball(algorithm: str) -> Any:
    """The language's snowball stemmer. snowballstemmer's `__init__` imports all 33 of them
    (~9 ms of a cold check for one); its module for this language alone is enough."""
    from seo_audit.imports import submodule

    class_name = "".join(part.title() for part in algorithm.split("_")) + "Stemmer"
    try:
        return getattr(submodule("snowballstemmer", f"{algorithm}_stemmer"), class_name)()
    except (ImportError, AttributeError):  # another layout: the package's own lookup
        import snowballstemmer

        return snowballstemmer.stemmer(algorithm)


class Keyphrase:
    """A focus keyphrase (or synonym) ready for matching.

    `content_words` are the words that must appear; function words (English ones unless the
    page's language gives others) are dropped unless the phrase is made of nothing else. A
    phrase in double quotes must match word for word. With a `stem` function, words match by
    stem ("recordings" ~ "recording"), except in quotes.
    """

    def __init__(
        self,
        phrase: str,
        stem: Callable[[str], str] | None = None,
        function_words: frozenset[str] = ENGLISH_FUNCTION_WORDS,
    ) -> None:
        self.text = phrase.strip()
        inner, self.exact = _strip_exact_quotes(self.text)
        self.words: tuple[str, ...] = tuple(folded_words(inner))
        function_words = frozenset(fold(w) for w in function_words)
        content = tuple(w for w in self.words if w not in function_words)
        self.content_words: tuple[str, ...] = content or self.words
        self.only_function_words = bool(self.words) and not content
        self._stem = None if self.exact else stem
        self._forms = tuple(map(self._stem, self.content_words)) if self._stem else None

    def _normalised(self, tokens: Sequence[str]) -> Sequence[str]:
        return [self._stem(t) for t in tokens] if self._stem else tokens

    @property
    def forms(self) -> frozenset[str]:
        """The content words as matched: stems when matching by word form."""
        return frozenset(self._forms if self._forms is not None else self.content_words)

    def forms_of(self, tokens: Sequence[str]) -> frozenset[str]:
        """Folded tokens of a text, normalised the way this keyphrase matches them."""
        return frozenset(self._normalised(tokens))

    @property
    def length(self) -> int:
        """Yoast's keyphrase length: content words, or 1 for a quoted phrase."""
        return 1 if self.exact else len(self.content_words)

    def count_in_tokens(self, tokens: Sequence[str]) -> int:
        """Occurrences in one sentence's folded tokens (min over the content words)."""
        if not self.content_words:
            return 0
        if self.exact:
            n = len(self.words)
            return sum(
                1 for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == self.words
            )
        if self._forms is not None:
            stems = self._normalised(tokens)
            return min(list(stems).count(form) for form in self._forms)
        return min(tokens.count(word) for word in self.content_words)

    def count_in(self, sentences: Iterable[str]) -> int:
        return sum(self.count_in_tokens(folded_words(s)) for s in sentences)

    def share_in(self, text: str) -> float:
        """Share (0–1) of the content words found anywhere in a short text such as a title."""
        if not self.content_words:
            return 0.0
        if self.exact:
            return 1.0 if self.count_in_tokens(folded_words(text)) else 0.0
        tokens = set(self._normalised(folded_words(text)))
        wanted = set(self._forms if self._forms is not None else self.content_words)
        return sum(1 for word in wanted if word in tokens) / len(wanted)

    def missing_in(self, text: str) -> tuple[str, ...]:
        """The content words (as in the keyphrase) that a short text such as a title lacks."""
        if self.exact:
            return () if self.count_in_tokens(folded_words(text)) else self.content_words
        tokens = set(self._normalised(folded_words(text)))
        forms = self._forms if self._forms is not None else self.content_words
        return tuple(
            w for w, form in zip(self.content_words, forms, strict=True) if form not in tokens
        )

    def position_in(self, text: str) -> int | None:
        """Index of the exact phrase in `text` (folded), or None."""
        if not self.words:
            return None
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, self.words)) + r"(?![^\W_])"
        match = re.search(pattern, fold(text))
        return match.start() if match else None

    def __repr__(self) -> str:
        return f"Keyphrase({self.text!r})"
