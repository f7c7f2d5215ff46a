"""Which language a text is written in, offline and in well under a millisecond per page.

Two signals, both from data seo-audit already has: the script of the letters (Japanese kana,
Chinese characters, Korean hangul need no more), and, for text in Latin or Cyrillic letters,
the share of each supported language's function words among the first words ("the", "of",
"and" are a third of English prose; "der", "und", "nicht" of German). A language is named only
when its words clearly lead, so a short text, an English article quoting German, or a page of
code stays undecided. Languages without a module (Indonesian, Polish…) are never named: a page
in one of them is left to its declaration.

A model-based detector (py3langid, BSD) was measured and not taken: it imports numpy and
unpickles its model, ~160 ms of CPU on the first page, where this takes under 1 ms
(docs/decisions.md).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Words looked at: enough for a stable share, few enough to cost nothing on a long page.
SAMPLE_WORDS = 600
# Fewer words than this are too few to tell ("short texts stay quiet").
MIN_WORDS = 50
# The leading language's function words must be this share of the words...
MIN_SHARE = 0.22
# ...and at least this many times the share of the declared language's words to overrule it.
LEAD = 2.0
# Letters in a script of its own, out of all letters, that name the language by themselves.
SCRIPT_SHARE = 0.5
MIN_LETTERS = 100


@dataclass(frozen=True)
class Detection:
    """What the text's words say: `code` when one language clearly leads, else None; the
    function-word share of each supported language (empty when the script decided)."""

    code: str | None
    words: int
    shares: tuple[tuple[str, float], ...] = ()

    def share(self, code: str) -> float:
        return dict(self.shares).get(code, 0.0)

    def disagrees_with(self, declared: str) -> bool:
        """Whether the text is clearly not in `declared` (a primary subtag): another language
        leads and the declared one's words are far behind it (or it has no module and the
        leader's words are plainly there)."""
        if self.code is None or self.code == declared:
            return False
        if not self.shares:
            return True  # decided by the script: kana are not English
        return self.share(declared) * LEAD <= self.share(self.code)


# Kana, Chinese characters and hangul: a text with none of them is no ja, zh or ko by script,
# and most pages (Latin or Cyrillic letters) are told so by one search in C instead of a loop
# over their first 4,000 characters in Python.
_OWN_SCRIPT_RE = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _script(text: str) -> str | None:
    """ja, zh or ko when most letters are kana, Chinese characters or hangul."""
    if not _OWN_SCRIPT_RE.search(text, 0, 4000):
        return None
    kana = han = hangul = letters = 0
    for ch in text[:4000]:
        if not ch.isalpha():
            continue
        letters += 1
        if "\u3040" <= ch <= "\u30ff":
            kana += 1
        elif "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            han += 1
        elif "\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff":
            hangul += 1
    if letters < MIN_LETTERS:
        return None
    if (kana + han) / letters >= SCRIPT_SHARE:
        # Japanese mixes kana into its Chinese characters; Chinese has none.
        return "ja" if kana >= 0.1 * (kana + han) else "zh"
    if hangul / letters >= SCRIPT_SHARE:
        return "ko"
    return None


@cache
def _function_words() -> tuple[tuple[str, frozenset[str]], ...]:
    from seo_audit.lang import languages

    return tuple((language.code, language.function_words) for language in languages())


def detect(text: str) -> Detection:
    script = _script(text)
    if script is not None:
        return Detection(script, 0)
    sample = [w.lower().replace("’", "'") for w in _WORD_RE.findall(text[:8000])]
    sample = sample[:SAMPLE_WORDS]
    if len(sample) < MIN_WORDS:
        return Detection(None, len(sample))
    # Each distinct word looked up once, its count added: the same whole numbers as testing
    # every word of the sample, at a third of the look-ups.
    counts = Counter(sample)
    shares = tuple(
        (code, sum(counts[word] for word in words.intersection(counts)) / len(sample))
        for code, words in _function_words()
    )
    best, best_share = max(shares, key=lambda pair: pair[1])
    return Detection(best if best_share >= MIN_SHARE else None, len(sample), shares)
