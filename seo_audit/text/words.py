"""Words, sentences and keyphrase matching, shared by the Page and every rule.

Matching follows Yoast's free path (reference/yoast-assessments.md §3): a keyphrase is a bag of
content words, and one occurrence means every content word appears in the same sentence. Unlike
Yoast we fold diacritics on both sides, so `cafe` matches `café` as well as the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Hyphens, dashes and slashes separate words, as in Yoast's tree tokens; apostrophes do not.
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'"})

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e inc ltd co corp jan feb mar apr jun jul aug sep"
    " sept oct nov dec no fig approx dept est gen gov lt col sgt capt rev u.s u.k rep reps sen"
    " sens pres".split()
)
# "؟" is the Arabic-script question mark.
_SENTENCE_END_RE = re.compile(r"([.!?…؟]+)([\"'”’»)\]]*)(\s+)")


# Runs of non-ASCII characters: only there can a combining mark be, so an English text with
# a curly quote or a dash is not filtered character by character in Python.
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case, unify quotes and strip diacritics, so matching survives typography."""
    if text.isascii():
        return text.lower()  # no quotes to unify, no diacritics: the common case, fast
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).casefold())
    return _NON_ASCII_RE.sub(_without_marks, text)


def words(text: str) -> list[str]:
    """The words of a text as written (numbers count, punctuation does not)."""
    return _WORD_RE.findall(text)


def folded_words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def _is_uncased_letter(char: str) -> bool:
    return char.isalpha() and char.upper() == char.lower()


def split_sentences(text: str) -> list[str]:
    """Split one block of text into sentences.

    A stop ends a sentence only before an upper-case letter, a letter of a script without
    case (Arabic, Hebrew, Devanagari…: any letter starts a sentence there), a digit or a
    quote, and never after a common abbreviation or a single initial ("J. R. R."). A question
    or exclamation closed by a quote runs on into its attribution ("“Can I?” Lee asked.")
    unless another quote opens.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end(2)
        following = text[match.end() : match.end() + 1]
        if not following or not (
            following.isupper()
            or following.isdigit()
            or following in "\"'“‘«¿¡("
            or _is_uncased_letter(following)
        ):
            continue
        if match.group(2) and match.group(1)[-1] in "?!؟" and following not in "\"'“‘«":
            continue
        if match.group(1) == ".":
            before = text[start : match.start()].split()
            last = before[-1].lower().strip("(\"'“") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


# Cyrillic to Latin as Russian slugs are usually written ("беговые лыжи" -> "begovye-lyzhi").
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        **dict(zip("абвгдеёзийклмнопрстуфыэ", "abvgdeeziyklmnoprstufye", strict=True)),
        **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu"},
        **{"я": "ya", "ъ": "", "ь": ""},
    }
)
# Spellings that differ between transliteration schemes, brought to one form: shch/sch, kh/h,
# ts/tz/c, ja/ya, ju/yu, and the adjective endings -yy/-iy/-ij/-yj.
_SCHEME_VARIANTS = (
    (re.compile(r"shch|sch"), "sh"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"j(?=[aueo])"), "y"),
    (re.compile(r"(?:yy|iy|ij|yj|ii)$"), "y"),
)


def latin_slug_word(word: str) -> str:
    """A word as it would appear in a Latin-letter slug, in one transliteration scheme."""
    word = word.lower().translate(_CYRILLIC_TO_LATIN)
    for pattern, replacement in _SCHEME_VARIANTS:
        word = pattern.sub(replacement, word)
    return word


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_question(text: str) -> bool:
    return text.rstrip().endswith(("?", "？"))


def longest_gap(flags: Sequence[bool]) -> tuple[int, int]:
    """(start, length) of the longest run of False: the longest stretch of sentences without
    the keyphrase, or without a transition word."""
    start = longest = run_start = run = 0
    for index, flag in enumerate([*flags, True]):
        if flag:
            if run > longest:
                longest, start = run, run_start
            run = 0
        else:
            if run == 0:
                run_start = index
            run += 1
    return start, longest


def cut(text: str, size: int) -> str:
    """`text` shortened to `size` characters for a message, ending with "…" when cut, so a
    quoted value never looks whole when it is not."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


_EDGE_PUNCTUATION = "\"'“”‘’«»‹›.,;:!?¿¡()[]{}<>…–-—/\\*&#%|~`^+=_"


def count_words(text: str) -> int:
    """The page's one word count, as Yoast counts text length: split at white space (an em
    dash too), so "film-score" is one word, and punctuation standing alone is no word."""
    return sum(1 for token in text.replace("—", " ").split() if token.strip(_EDGE_PUNCTUATION))


def count_characters(text: str) -> int:
    """Text length in a language written without spaces (Japanese, Chinese): its letters and
    digits, not spaces or punctuation."""
    return sum(1 for ch in text if ch.isalnum())
