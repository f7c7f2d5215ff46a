"""What the language modules share: clause splitting, the auxiliary-plus-participle passive
test, transition-word lookup, and the shapes of a Flesch formula and of syllable spelling."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

# A comma inside a number ("3,248 cases") splits nothing.
_CLAUSE_SPLIT_RE = re.compile(r"(?<!\d),|,(?!\d)|[;:–—()|]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The same, keeping hyphenated compounds whole ("mission-driven", "built-in").
_COMPOUND_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+(?:['’][^\W\d_]+)?)*")


def clauses(sentence: str, breaks: frozenset[str], compounds: bool = False) -> Iterable[list[str]]:
    """The sentence's clauses as lists of lower-case words, split at punctuation and at
    conjunctions and relative pronouns; with `compounds`, a hyphenated word is one word."""
    pattern = _COMPOUND_RE if compounds else _WORD_RE
    for part in _CLAUSE_SPLIT_RE.split(sentence.lower().replace("’", "'")):
        clause: list[str] = []
        for word in pattern.findall(part):
            if word in breaks:
                if clause:
                    yield clause
                clause = []
            else:
                clause.append(word)
        if clause:
            yield clause


class Flesch(NamedTuple):
    """Flesch reading ease as adapted to a language:
    base − per_sentence × words/sentence − per_syllable × syllables/word."""

    base: float
    per_sentence: float
    per_syllable: float


@dataclass(frozen=True)
class Syllables:
    """How a language's spelling shows its syllables, for `seo_audit.text.syllables` to count.

    A run of `vowels` is one syllable per nucleus: the groups in `nuclei` (diphthongs, long
    vowels, glides; longest first) count once, any other vowel once each ("Sau-er-teig",
    "na-ci-o-nal", "сто-ял"). `silent_u`: "qu" and "gu" before a vowel are consonants ("que",
    "guerra"). `consonant_y`: a y before a vowel, at the start or between vowels, is a consonant
    ("Yacht", "essayer"). A word of more than one syllable loses one when the part after its
    last apostrophe matches `silent_ending` (French "grande", "restent"; not `sounded_endings`)
    or the word matches `fused_ending` (Portuguese "sé-rie"). A word without a vowel has
    `without_vowels` syllables. A language whose spelling needs more than this (English) gives
    its own `counter` instead, which gets the word in lower case.
    """

    vowels: str
    nuclei: tuple[str, ...] = ()
    silent_u: bool = False
    consonant_y: bool = False
    silent_ending: re.Pattern[str] | None = None
    sounded_endings: frozenset[str] = frozenset()
    fused_ending: re.Pattern[str] | None = None
    without_vowels: int = 1
    counter: Callable[[str], int] | None = None


@dataclass(frozen=True)
class Periphrastic:
    """Passive voice made with an auxiliary and a past participle in the same clause: after the
    auxiliary within `window` words, or (German and Dutch subordinate clauses) anywhere before
    it when `participle_may_come_first`. A word right after one of `not_after` is not taken
    as a participle: after an article or a preposition it is a noun ("on the ground", "our
    shot", "to bid"), after "very" or "more" an adjective ("is more focused"). The window ends
    at one of `stops` ("is an electronically limited"), and at a subject pronoun that is not
    right after the auxiliary ("was sure she left"; but "was he arrested?"). A participle
    followed by an agent word
    ("by") is passive anywhere after the auxiliary ("is the simulation created by the team").
    An auxiliary that belongs to the word right after it is no passive auxiliary at all
    (`progressive`: "there is growing outrage sparked by the video", "she is leading a team
    chosen by the board": the participle describes a noun, a reduced relative, and the clause
    itself is active).

    Where word order is fixed (English), `between` says which words may stand between the
    auxiliary and its participle ("was quickly sold", "is also known"); any other word ends
    the window, since it is the noun of a compound adjective ("is mission driven", "is family
    owned"). After an `existential` word ("there were 300 cases reported"), and in a question
    that opens with the auxiliary ("how is the plague spread?"), the subject stands between
    them, so neither articles nor nouns end the window there. With `compounds`, a hyphenated
    word is one word and never a participle ("a mission-driven team", "Google's built-in
    app")."""

    auxiliaries: frozenset[str]
    is_participle: Callable[[str], bool]
    breaks: frozenset[str]
    window: int = 4
    participle_may_come_first: bool = False
    not_after: frozenset[str] = frozenset()
    stops: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    between: Callable[[str], bool] | None = None
    existential: frozenset[str] = frozenset()
    progressive: Callable[[str], bool] | None = None
    compounds: bool = False

    def _participles(self, clause: list[str]) -> list[bool]:
        return [
            self.is_participle(word)
            and (i == 0 or clause[i - 1] not in self.not_after)
            and not (self.compounds and "-" in word)
            for i, word in enumerate(clause)
        ]

    def _is_progressive(self, clause: list[str], index: int) -> bool:
        following = clause[index + 1] if index + 1 < len(clause) else ""
        return self.progressive is not None and self.progressive(following)

    def _window_ends(
        self, clause: list[str], index: int, offset: int, inverted: bool, question: bool
    ) -> bool:
        word = clause[offset]
        if inverted:
            return False
        if word in self.stops:
            return True
        if offset > index + 1 and word in self.subjects:
            return True
        if self.between is None or self.between(word):
            return False
        # "Was he arrested?"; but not "the most important thing is we lost".
        return not (question and offset == index + 1 and word in self.subjects)

    def __call__(self, sentence: str) -> bool:
        question = sentence.rstrip().endswith("?")
        for clause in clauses(sentence, self.breaks, self.compounds):
            if self.auxiliaries.isdisjoint(clause):
                continue  # most clauses: no need to test their words for participles
            participles = self._participles(clause)
            for index, word in enumerate(clause):
                if word not in self.auxiliaries or self._is_progressive(clause, index):
                    continue
                # The subject comes between "be" and the participle after "there" ("there were
                # 300 cases reported") and in a question that opens with "be" ("how is the
                # plague spread?", "was the book written by her?").
                inverted = (index > 0 and clause[index - 1] in self.existential) or (
                    question and index == 0 and bool(self.existential)
                )
                for offset in range(index + 1, min(index + 1 + self.window, len(clause))):
                    if participles[offset]:
                        return True
                    if self._window_ends(clause, index, offset, inverted, question):
                        break
                if any(
                    participles[j] and clause[j + 1] in self.agents
                    for j in range(index + 1, len(clause) - 1)
                ):
                    return True
                if self.participle_may_come_first and any(participles[:index]):
                    return True
        return False


def matches(
    pattern: re.Pattern[str],
    exceptions: frozenset[str] = frozenset(),
    irregular: frozenset[str] = frozenset(),
) -> Callable[[str], bool]:
    """A participle test from a regular expression, the words it must not take (function
    words: "tutte", "questa" are no participles) and irregular participles it cannot see."""
    return lambda word: (
        word in irregular or (word not in exceptions and pattern.match(word) is not None)
    )


class Phrases:
    """Transition phrases ("for example|in fact|…") as one pattern over space-joined words,
    compiled when first searched: every language module is loaded for its FAQ headings, but a
    run usually needs one language's phrases, and compiling them all costs a cold start ~2 ms."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pattern: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        if self._pattern is None:
            listed = [" ".join(p.split()) for p in self._text.replace("\n", " ").split("|")]
            alternatives = "|".join(re.escape(p) for p in listed if p) or "(?!)"
            self._pattern = re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")
        return self._pattern.search(text)


def phrases(text: str) -> Phrases:
    return Phrases(text)


def has_transition(
    tokens: list[str],
    words: frozenset[str],
    phrase_pattern: Phrases,
    two_part: tuple[tuple[str, str], ...] = (),
    opening: frozenset[str] = frozenset(),
) -> bool:
    """Whether the sentence's tokens hold a transition word, a phrase, both parts of a pair,
    or opens with a word that links only there ("First, …")."""
    if tokens and tokens[0] in opening:
        return True
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
