"""Which of our blocks hold text the extractor kept: the extracted article is text, our blocks
carry source lines, so each block is looked up in that text.

Both sides are compared as a reader sees them: white space folded, soft hyphens and zero-width
characters (which trafilatura drops and our blocks keep) taken out. A long block whose text is
not found whole is still the article's when most of its words are, in order (KeptText.near):
screen-reader-only text, hidden spans, an inline image credit or an "[update]" marker is often
in one text and not the other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from seo_audit.page.kept import KeptText
from seo_audit.page.tree import RawBlock

_LONG_WORDS = 5
_LONG_CHARS = 30
# Invisible characters pages put inside words (hyphenation points, break and joiner hints).
# A near match may share this much of its place with blocks already found.
_NEAR_OVERLAP = 0.25
# How many blocks before the first or after the last block found whole a near match may be.
_NEAR_REACH = 20
_MARK = b"\x01"
# (A search first: str.translate with a table costs ~40 µs on a paragraph, the search ~1 µs.)
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def folded(text: str) -> str:
    """The text as the two sides are compared: no invisible characters, single spaces."""
    if not text.isascii() and _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    return " ".join(text.split())


def _comparable(block: RawBlock) -> str:
    text = block.shown
    # The walker has folded a prose block's white space already; code keeps its lines.
    return text if text.isascii() and not block.skipped else folded(text)


def is_long(text: str) -> bool:
    return len(text) >= _LONG_CHARS or len(text.split()) >= _LONG_WORDS


def align(blocks: Sequence[RawBlock], extracted: KeptText) -> list[bool]:
    """Long blocks wherever they are, short ones (table cells, one-word items) only between the
    first and last long one, and each text no more often than the extractor kept it, so a
    headline repeated in a sidebar stays out."""
    used: Counter[str] = Counter()

    def available(text: str) -> bool:
        return extracted.count(text) > used[text]

    # trafilatura's text holds inline code and code blocks: compare what a reader sees.
    texts = [_comparable(block) for block in blocks]
    keep = [False] * len(blocks)
    for index, text in enumerate(texts):
        if is_long(text) and available(text):
            keep[index] = True
            used[text] += 1
    _near_matches(texts, keep, extracted)
    kept = [i for i, k in enumerate(keep) if k]
    if not kept:
        return keep
    for index in range(kept[0], kept[-1]):
        text = texts[index]
        if text and not keep[index] and not is_long(text) and available(text):
            keep[index] = True
            used[text] += 1
    # Short blocks just before the first or after the last long one ("Yes, gently." closing an
    # FAQ) belong too, as long as the extractor kept each of them in a row.
    for edge in (range(kept[0] - 1, -1, -1), range(kept[-1] + 1, len(blocks))):
        for index in edge:
            text = texts[index]
            if not text or not available(text):
                break
            keep[index] = True
            used[text] += 1
    return keep


def _near_matches(texts: Sequence[str], keep: list[bool], extracted: KeptText) -> None:
    """Long blocks not found whole, found nearly (KeptText.near) in a part of the extracted
    text no block found whole or nearly holds yet: a caption or a teaser that repeats a
    paragraph with a word changed is not taken for the paragraph a second time."""
    found = [i for i, k in enumerate(keep) if k]
    # Near the blocks found whole, if any: a sidebar or comment far from them is not looked up.
    first, last = (found[0] - _NEAR_REACH, found[-1] + _NEAR_REACH) if found else (0, len(keep))
    missing = [
        i for i, text in enumerate(texts) if first <= i <= last and not keep[i] and is_long(text)
    ]
    if not missing:
        return
    # One byte per character of the extracted text, set where a block was found: marking and
    # counting run in C, and the work stays linear in what is marked (a page of thousands of
    # near matches must not compare each with every other).
    claimed = bytearray(len(extracted.text))
    for text in {texts[index] for index in found}:
        for start, end in extracted.spans(text):
            claimed[start:end] = _MARK * (end - start)
    for index in missing:
        for start, end in extracted.near(texts[index]):
            if claimed.count(_MARK, start, end) <= _NEAR_OVERLAP * (end - start):
                keep[index] = True
                claimed[start:end] = _MARK * (end - start)
                break
