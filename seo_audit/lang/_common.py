"""What the language modules share: clause splitting, the auxiliary-plus-participle passive
test, and transition-word lookup."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_CLAUSE_SPLIT_RE = re.compile(r"[,;:–—()]")
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


@dataclass(frozen=True)
class Periphrastic:
    """Passive voice made with an auxiliary and a past participle in the same clause: after the
    auxiliary within `window` words, or (German and Dutch subordinate clauses) anywhere before
    it when `participle_may_come_first`."""

    auxiliaries: frozenset[str]
    is_participle: Callable[[str], bool]
    breaks: frozenset[str]
    window: int = 4
    participle_may_come_first: bool = False

    def __call__(self, sentence: str) -> bool:
        for clause in clauses(sentence, self.breaks):
            for index, word in enumerate(clause):
                if word not in self.auxiliaries:
                    continue
                after = clause[index + 1 : index + 1 + self.window]
                if any(self.is_participle(w) for w in after):
                    return True
                if self.participle_may_come_first and any(
                    self.is_participle(w) for w in clause[:index]
                ):
                    return True
        return False


def matches(
    pattern: re.Pattern[str], exceptions: frozenset[str] = frozenset()
) -> Callable[[str], bool]:
    """A participle test from a regular expression (and words it must not take)."""
    return lambda word: word not in exceptions and pattern.match(word) is not None


def phrases(text: str) -> re.Pattern[str]:
    """Transition phrases ("for example|in fact|…") as one pattern over space-joined words."""
    listed = [" ".join(p.split()) for p in text.replace("\n", " ").split("|") if p.strip()]
    alternatives = "|".join(re.escape(p) for p in listed) or "(?!)"
    return re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")


def has_transition(
    tokens: list[str],
    words: frozenset[str],
    phrase_pattern: re.Pattern[str],
    two_part: tuple[tuple[str, str], ...] = (),
) -> bool:
    if not words.isdisjoint(tokens):
        return True
    joined = " " + " ".join(tokens) + " "
    if phrase_pattern.search(joined):
        return True
    for first, second in two_part:
        a, b = f" {first} ", f" {second} "
        if a in joined and b in joined[joined.index(a) + len(a) :]:
            return True
    return False
