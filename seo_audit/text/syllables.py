"""Syllables per word, by rules of spelling each language module gives (`Syllables`).

No dictionary is loaded (cold start matters more than the last percent); English is measured
against the CMU Pronouncing Dictionary by `benchmarks/syllables.py`, and the other languages
against Yoast's counts by `benchmarks/yoast_parity.py`. Other languages count one syllable a
word: they get no Flesch figure anyway.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seo_audit.lang import Syllables, data

# The vowels these look at are those of every language that sets the flag: "qu"/"gu" before a
# vowel in the Romance languages, "y" between vowels in French, German and Dutch.
_QU = re.compile(r"(?<=[qg])u(?=[aeioáàâãéèêíìóòôõúùy])")
_Y_CONSONANT = re.compile(r"(?:^|(?<=[aeiouàâéèêëîïôûùäöü]))y(?=[aeiouàâéèêëîïôûùäöü])")


@lru_cache(maxsize=16)
def _vowel_runs(vowels: str) -> re.Pattern[str]:
    return re.compile(f"[{vowels}]+")


def _nuclei(group: str, nuclei: tuple[str, ...]) -> int:
    count = i = 0
    while i < len(group):
        i += next((len(n) for n in nuclei if group.startswith(n, i)), 1)
        count += 1
    return count


def _vowel_syllables(word: str, spelling: Syllables) -> int:
    written = word
    if spelling.silent_u:
        word = _QU.sub("", word)
    if spelling.consonant_y:
        word = _Y_CONSONANT.sub("j", word)
    runs = _vowel_runs(spelling.vowels).findall(word)
    count = sum(_nuclei(run, spelling.nuclei) for run in runs)
    if (
        spelling.silent_ending is not None
        and count > 1
        and written not in spelling.sounded_endings
        and spelling.silent_ending.search(word.split("'")[-1].split("’")[-1])
    ):
        count -= 1
    if spelling.fused_ending is not None and count > 1 and spelling.fused_ending.search(word):
        count -= 1
    if count == 0:
        return spelling.without_vowels
    return max(count, 1)


@lru_cache(maxsize=65536)
def syllables(word: str, lang: str) -> int:
    word = word.lower()
    language = data(lang)
    spelling = language.syllables if language is not None else None
    if spelling is None:
        return 1
    if spelling.counter is not None:
        return spelling.counter(word)
    return _vowel_syllables(word, spelling)
