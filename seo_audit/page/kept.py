"""How often the extracted article text holds a block's text: the count `str.count` gives
(non-overlapping occurrences), without scanning the whole text once per block.

Both texts have their white space folded to single spaces, so an occurrence of a block's text
lines its inner words up with whole words of the extracted text, and only its first and last
word may be parts of longer ones ("art" in "start"). So:
- three words or more: the occurrences are found at the places of its rarest inner word;
- two words: at the words that end with its first word, or start with its second;
- one word: inside the words that contain it.
The last two look words up in the extracted text's vocabulary (each distinct word once). The
work is counted; past a budget linear in the text's length (only a page built to be slow gets
there) `TooCostly` is raised, and the caller picks the article another way.

`near` is the tolerant count, for a block whose text differs from the extractor's by a few
words (screen-reader-only text, an image credit, an "[update]" marker one of them left out):
runs of the block's words found in order near one another, covering most of it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import accumulate

__all__ = ["NEAR_RUN_PLACES", "NEAR_SHARE", "KeptText", "TooCostly"]

# The share of a block's words the tolerant count wants found, in order, in the extracted text.
NEAR_SHARE = 0.6
# A run whose rarest word is in the text more often than this is not looked up.
NEAR_RUN_PLACES = 64


class TooCostly(Exception):
    """Counting would cost more than the budget linear in the text."""


class KeptText:
    def __init__(self, text: str) -> None:
        self.text = text
        self.words = text.split(" ") if text else []
        # Machine integers, not Python ones: a 20 MiB page holds millions of words.
        # Where each word starts in the text (the running sum of the lengths before it).
        self.starts = array("q")
        if self.words:
            self.starts.extend(accumulate((len(w) + 1 for w in self.words[:-1]), initial=0))
        self.places: defaultdict[str, array[int]] = defaultdict(lambda: array("q"))
        places = self.places
        for index, word in enumerate(self.words):
            places[word].append(index)
        # Generous: the corpus's pages use under a hundredth of it.
        self.budget = 64 * len(text) + (1 << 24)
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._near: dict[str, list[tuple[int, int]]] = {}
        self._vocabulary: str | None = None
        self._vocabulary_starts: list[int] = []
        self._vocabulary_words: list[str] = []

    def count(self, block_text: str) -> int:
        """`self.text.count(block_text)`, for a text folded the same way."""
        return len(self.spans(block_text))

    def spans(self, block_text: str) -> list[tuple[int, int]]:
        """Where `block_text` occurs (start and end in the text; a one-word text's places are
        not worked out: (0, 0) for each)."""
        known = self._spans.get(block_text)
        if known is None:
            known = self._spans[block_text] = self._find(block_text)
        return known

    def _find(self, block_text: str) -> list[tuple[int, int]]:
        words = block_text.split(" ")
        if len(words) == 1:
            return [(0, 0)] * self._within_words(words[0])
        if len(words) == 2:
            starts = sorted(self._pair_starts(words[0], words[1]))
        else:
            starts = self._anchored_starts(block_text, words)
        found: list[tuple[int, int]] = []
        for start in starts:
            if not found or start >= found[-1][1]:
                found.append((start, start + len(block_text)))
        return found

    def near(self, block_text: str) -> list[tuple[int, int]]:
        """The places (start and end in the text) that hold most of `block_text`'s words in
        order, give or take a few words inserted or left out: at least NEAR_SHARE of its
        words, in runs of two or three."""
        known = self._near.get(block_text)
        if known is None:
            known = self._near[block_text] = self._near_spans(block_text.split(" "))
        return known

    def _near_spans(self, words: list[str]) -> list[tuple[int, int]]:
        size = len(words)
        if size < 4 or not self.words:
            return []
        # Most blocks that are not the article's share few words with it: one look-up a word.
        places = self.places
        if sum(word in places for word in words) < NEAR_SHARE * size:
            return []
        run = 3 if size >= 9 else 2
        offsets = list(range(0, size - run + 1, run))
        if offsets[-1] != size - run:
            offsets.append(size - run)  # the last words, so a change at the end is seen
        # Each run found votes for where the block would start in the extracted text.
        votes = sorted(
            (index - offset, number)
            for number, offset in enumerate(offsets)
            for index in self._run_places(words[offset : offset + run])
        )
        # Words left out or inserted shift later runs: votes this close agree (a screen-reader
        # note of eight words in a sentence of fifteen).
        drift = size // 2 + 2
        needed = NEAR_SHARE * size
        self._spend(len(votes))
        window: Counter[int] = Counter()  # the runs voting inside the window
        found: list[tuple[int, int]] = []
        first, next_free = 0, -(1 << 62)
        for start, number in votes:
            window[number] += 1
            while start - votes[first][0] > drift:
                window[votes[first][1]] -= 1
                if not window[votes[first][1]]:
                    del window[votes[first][1]]
                first += 1
            # Runs overlap only at the end: at most `run` words are counted twice.
            if votes[first][0] >= next_free and len(window) >= 2 and run * len(window) >= needed:
                begin = max(0, votes[first][0])
                end = max(begin, min(len(self.words), start + size) - 1)
                found.append((self.starts[begin], self.starts[end] + len(self.words[end])))
                next_free = start + size // 2  # places that overlap are one place
        return found

    def _run_places(self, run: list[str]) -> list[int]:
        """Word indexes where the words of `run` follow one another, whole; none for a run of
        words that are all common in the text ("of the"), which says little about where the
        block is and would make the work grow with the square of a repetitive page."""
        _, anchor = min((len(self.places.get(w, ())), i) for i, w in enumerate(run))
        places = self.places.get(run[anchor], array("q"))
        if len(places) > NEAR_RUN_PLACES:
            return []
        self._spend(len(places))
        words, size = self.words, len(run)
        return [
            index - anchor
            for index in places
            if index >= anchor and words[index - anchor : index - anchor + size] == run
        ]

    def _spend(self, work: int) -> None:
        self.budget -= work
        if self.budget < 0:
            raise TooCostly

    def _anchored_starts(self, block_text: str, words: list[str]) -> list[int]:
        inner = [(len(self.places.get(w, ())), i) for i, w in enumerate(words[1:-1], start=1)]
        _, anchor = min(inner)
        places = self.places.get(words[anchor], array("q"))
        self._spend(len(places))
        shift = sum(len(w) + 1 for w in words[:anchor])
        text, starts = self.text, self.starts
        found = []
        for index in places:
            start = starts[index] - shift
            if start >= 0 and text.startswith(block_text, start):
                found.append(start)
        return found

    def _pair_starts(self, first: str, second: str) -> Iterator[int]:
        ending = [w for w in self._vocabulary_matches(first + "\n") if w.endswith(first)]
        starting = [w for w in self._vocabulary_matches("\n" + second)]
        from_first = sum(len(self.places[w]) for w in ending)
        from_second = sum(len(self.places[w]) for w in starting)
        self._spend(min(from_first, from_second))
        words, starts, last = self.words, self.starts, len(self.words) - 1
        if from_first <= from_second:
            for word in ending:
                for index in self.places[word]:
                    if index < last and words[index + 1].startswith(second):
                        yield starts[index] + len(word) - len(first)
        else:
            for word in starting:
                for index in self.places[word]:
                    if index > 0 and words[index - 1].endswith(first):
                        yield starts[index - 1] + len(words[index - 1]) - len(first)

    def _within_words(self, part: str) -> int:
        """Occurrences of a text without spaces: inside words, never across them."""
        vocabulary = self._vocabulary_text()
        counted: Counter[str] = Counter()
        position = vocabulary.find(part)
        while position >= 0:
            counted[self._word_at(position)] += 1
            position = vocabulary.find(part, position + len(part))
        self._spend(len(vocabulary) + sum(counted.values()))
        return sum(times * len(self.places[word]) for word, times in counted.items())

    def _vocabulary_matches(self, needle: str) -> list[str]:
        """The distinct words in which `needle` ("word\\n" or "\\nword") occurs."""
        vocabulary = self._vocabulary_text()
        found = []
        position = vocabulary.find(needle)
        while position >= 0:
            found.append(self._word_at(position + 1 if needle.startswith("\n") else position))
            position = vocabulary.find(needle, position + 1)
        self._spend(len(vocabulary) + len(found))
        return list(dict.fromkeys(found))

    def _vocabulary_text(self) -> str:
        """Every distinct word once, each between newlines (which no word holds)."""
        if self._vocabulary is None:
            self._vocabulary_words = list(self.places)
            parts, at = ["\n"], 1
            for word in self._vocabulary_words:
                self._vocabulary_starts.append(at)
                parts.append(word + "\n")
                at += len(word) + 1
            self._vocabulary = "".join(parts)
        return self._vocabulary

    def _word_at(self, position: int) -> str:
        return self._vocabulary_words[bisect_right(self._vocabulary_starts, position) - 1]
