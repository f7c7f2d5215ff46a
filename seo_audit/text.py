"""Words, sentences and keyphrase matching, shared by the Page and every rule.

Matching follows Yoast's free path (reference/yoast-assessments.md §3): a keyphrase is a bag of
content words, and one occurrence means every content word appears in the same sentence. Unlike
Yoast we fold diacritics on both sides, so `cafe` matches `café` as well as the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

# Hyphens, dashes and slashes separate words, as in Yoast's tree tokens; apostrophes do not.
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'"})

# A small hand-made list of English function words (articles, pronouns, prepositions,
# conjunctions, auxiliaries). Keyphrase words on it do not have to appear in the text.
FUNCTION_WORDS_EN = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without about above below
    over under into onto upon out off up down through during before after since until till
    between among against across along around behind beside besides beyond near toward towards
    via per than as if then else when while where whereas whether because although though
    i me my mine myself you your yours yourself we us our ours ourselves he him his himself she
    her hers herself it its itself they them their theirs themselves this that these those who
    whom whose which what whatever whoever is am are was were be been being do does did done
    doing have has had having will would shall should can could may might must ought not no
    very too also just only even all any some each every both either neither such own same
    other another more most much many few less least there here how why again once ever
    really quite rather s t""".split()
)

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e inc ltd co corp jan feb mar apr jun jul aug sep"
    " sept oct nov dec no fig approx dept est gen gov lt col sgt capt rev u.s u.k rep reps sen"
    " sens pres".split()
)
_SENTENCE_END_RE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)")


def fold(text: str) -> str:
    """Lower-case, unify quotes and strip diacritics, so matching survives typography."""
    if text.isascii():
        return text.lower()  # no quotes to unify, no diacritics: the common case, fast
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a text as written (numbers count, punctuation does not)."""
    return _WORD_RE.findall(text)


def folded_words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def split_sentences(text: str) -> list[str]:
    """Split one block of text into sentences.

    A stop ends a sentence only before an upper-case letter, a digit or a quote, and never
    after a common abbreviation or a single initial ("J. R. R."). A question or exclamation
    closed by a quote runs on into its attribution ("“Can I?” Lee asked.") unless another
    quote opens.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end(2)
        following = text[match.end() : match.end() + 1]
        if not following or not (
            following.isupper() or following.isdigit() or following in "\"'“‘«¿¡("
        ):
            continue
        if match.group(2) and match.group(1)[-1] in "?!" and following not in "\"'“‘«":
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


def _strip_exact_quotes(phrase: str) -> tuple[str, bool]:
    stripped = phrase.strip()
    if len(stripped) > 2 and stripped[0] in '"“„«' and stripped[-1] in '"”“»':
        return stripped[1:-1].strip(), True
    return stripped, False


_SNOWBALL = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
    "ru": "russian",
}


@lru_cache(maxsize=16)
def stemmer_for(lang: str) -> Callable[[str], str] | None:
    """A cached Snowball stemmer for the language, or None where there is none.

    Stemming lets "recordings" match "recording", which Yoast only does with Premium's
    (unpublished) word-form data.
    """
    algorithm = _SNOWBALL.get(lang)
    if algorithm is None:
        return None
    import snowballstemmer

    stemmer = snowballstemmer.stemmer(algorithm)
    return lru_cache(maxsize=65536)(stemmer.stemWord)


class Keyphrase:
    """A focus keyphrase (or synonym) ready for matching.

    `content_words` are the words that must appear; function words are dropped unless the
    phrase is made of nothing else. A phrase in double quotes must match word for word. With a
    `stem` function, words match by stem ("recordings" ~ "recording"), except in quotes.
    """

    def __init__(
        self,
        phrase: str,
        stem: Callable[[str], str] | None = None,
        function_words: frozenset[str] = FUNCTION_WORDS_EN,
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

    def position_in(self, text: str) -> int | None:
        """Index of the exact phrase in `text` (folded), or None."""
        if not self.words:
            return None
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, self.words)) + r"(?![^\W_])"
        match = re.search(pattern, fold(text))
        return match.start() if match else None

    def __repr__(self) -> str:
        return f"Keyphrase({self.text!r})"


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
