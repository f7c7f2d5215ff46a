"""Helpers the language modules share: clause splitting and auxiliary + participle tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_CLAUSE_SPLIT_RE = re.compile(r"[,;:–—()«»\"“”]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def clauses(sentence: str, breaks: frozenset[str]) -> Iterable[list[str]]:
    """The sentence's clauses as lists of lower-case words, split at punctuation and at
    conjunctions and relative pronouns."""
    for part in _CLAUSE_SPLIT_RE.split(sentence.lower().replace("’", "'")):
        clause: list[str] = []
        for word in _WORD_RE.findall(part):
            if word in breaks:
                if clause:
                    yield clause
                clause = []
            else:
                clause.append(word)
        if clause:
            yield clause


def periphrastic(
    sentence: str,
    auxiliaries: frozenset[str],
    is_participle: Callable[[str], bool],
    breaks: frozenset[str],
    window: int = 4,
    participle_may_come_first: bool = False,
) -> bool:
    """A clause with an auxiliary and a past participle near it (after it; or anywhere in the
    clause for languages that put the participle before the auxiliary, like German and Dutch
    subordinate clauses)."""
    for clause in clauses(sentence, breaks):
        for index, word in enumerate(clause):
            if word not in auxiliaries:
                continue
            after = clause[index + 1 : index + 1 + window]
            if any(is_participle(w) for w in after):
                return True
            if participle_may_come_first and any(is_participle(w) for w in clause[:index]):
                return True
    return False


def has_transition(
    tokens: list[str], words: frozenset[str], phrases: tuple[tuple[str, ...], ...]
) -> bool:
    if any(token in words for token in tokens):
        return True
    joined = " " + " ".join(tokens) + " "
    return any(" " + " ".join(phrase) + " " in joined for phrase in phrases)


def phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.replace("\n", " ").split("|") if p.strip())
