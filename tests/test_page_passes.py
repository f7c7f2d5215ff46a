"""Passes of the page stage and text helpers that were merged or shortened for speed (issue 17)
find exactly what the slower code they replaced found: on every corpus page, and on inputs
built to hit their edges."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from seo_audit.lang._detect import _WORD_RE, SAMPLE_WORDS, _function_words, detect
from seo_audit.page.html import parse_html
from seo_audit.page.markers import TAGGED, scan_markers
from seo_audit.text.words import fold

from helpers import CORPUS, page_from, wrap

# The XPaths each reader used before one walk served them all (page/markers.py).
AUTHOR_XPATH = (
    "//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@rel, 'author')"
    " or contains(@itemprop, 'author')]"
)
DATELINE_XPATH = (
    "//@class[contains(., 'date') or contains(., 'publish') or contains(., 'posted')]/.."
    " | //@id[contains(., 'date')]/.."
)
_SAYS_TRAIL = " or ".join(
    f"contains(., '{spelling}')" for spelling in ("readcrumb", "readCrumb", "READCRUMB")
)
TRAIL_XPATH = (
    f"//@class[{_SAYS_TRAIL}]/.. | //@id[{_SAYS_TRAIL}]/.. | //@aria-label[{_SAYS_TRAIL}]/.."
)

EDGES = wrap(
    """<?xml-stylesheet class="author date"?>
<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li>News</li></ol></nav>
<div id="BREADCRUMB-bar" rel="author" data-class="byline">x</div>
<p class="Author">Capitalised: not the substring</p>
<span itemprop="author" class="posted-on" id="update-date">Ada</span>
<a rel="author" href="/ada" aria-label="by author">Ada Lovelace</a>
<p itemprop="breadcrumb">said by itemprop only: not a trail</p>
<time class="entry-date" datetime="2026-03-03">March 3, 2026</time>
<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ada</span>
<div itemprop="knows" itemscope><meta itemprop="name" content="Charles"></div></div>
<svg><script>not html</script></svg><link rel="author" href="/ada">
<p>Body text.</p>""",
    head='<meta name="description" content="d"><base href="/"></head>',
)


def _same_as_xpath(root: object) -> None:
    markers = scan_markers(root)
    assert list(markers.authors) == root.xpath(AUTHOR_XPATH)  # type: ignore[attr-defined]
    assert list(markers.datelines) == root.xpath(DATELINE_XPATH)  # type: ignore[attr-defined]
    assert list(markers.trails) == root.xpath(TRAIL_XPATH)  # type: ignore[attr-defined]
    assert markers.elements == root.xpath("count(//*)")  # type: ignore[attr-defined]
    assert list(markers.itemscopes) == root.xpath("//*[@itemscope]")  # type: ignore[attr-defined]
    for tag in TAGGED:
        assert list(markers.tagged(tag)) == list(root.iter(tag)), tag  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.html")), ids=lambda p: p.name[:12])
def test_markers_find_what_the_xpaths_found_on_the_corpus(path: Path) -> None:
    _same_as_xpath(parse_html(path.name, path.read_text(encoding="utf-8", errors="replace")))


def test_markers_find_what_the_xpaths_found_at_the_edges() -> None:
    root = parse_html("edges.html", EDGES)
    _same_as_xpath(root)
    markers = scan_markers(root)
    # rel, itemprop, rel, the <link rel>: not data-class, not "Author"
    assert len(markers.authors) == 4
    assert [e.tag for e in markers.trails] == ["nav", "div"]
    assert len(markers.itemscopes) == 2
    assert [len(markers.tagged(tag)) for tag in TAGGED] == [2, 1, 1, 1, 1]


def test_the_readers_still_see_the_author_date_and_trail() -> None:
    page = page_from(EDGES)
    assert "Ada Lovelace" in [author.name for author in page.authors]
    assert page.visible_trail is not None
    assert page.visible_trail.names == ("Home", "News")
    assert [d.date for d in page.visible_dates] == ["2026-03-03"]


_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'"})


def _fold_char_by_char(text: str) -> str:
    """fold as it was: every character of a non-ASCII text tested in Python."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_fold_strips_the_same_marks_for_every_code_point() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:  # surrogates: no text holds them alone
            continue
        text = f"Café {chr(code)}’s"
        assert fold(text) == _fold_char_by_char(text), hex(code)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.html"))[:30], ids=lambda p: p.name[:12])
def test_language_shares_are_the_per_word_counts(path: Path) -> None:
    root = parse_html(path.name, path.read_text(encoding="utf-8", errors="replace"))
    text = " ".join(root.itertext())
    detection = detect(text)
    if not detection.shares:
        return  # decided by the script (or too short): nothing was counted
    sample = [w.lower().replace("’", "'") for w in _WORD_RE.findall(text[:8000])][:SAMPLE_WORDS]
    expected = tuple(
        (code, sum(word in words for word in sample) / len(sample))
        for code, words in _function_words()
    )
    assert detection.shares == expected


def test_the_characters_looked_for_one_by_one_are_the_patterns() -> None:
    """xml_compatible looks for each forbidden character with `in` before running its pattern:
    the two must name the same characters, or one would slip through to lxml."""
    from seo_audit.text.characters import (
        _XML_INCOMPATIBLE,
        _XML_INCOMPATIBLE_RE,
        xml_compatible,
        xml_compatible_utf8,
    )

    matched = {
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and _XML_INCOMPATIBLE_RE.match(chr(code))
    }
    assert matched == set(_XML_INCOMPATIBLE)
    assert xml_compatible("a\x0cb\x00c\ufffe") == "a bc"
    assert xml_compatible("plain — text") == "plain — text"
    for text in ("a\x0cb", "plain", "emoji \ud83d cut", "pair \ud83d\ude00", "\x00\ud800"):
        assert xml_compatible_utf8(text) == xml_compatible(text).encode("utf-8")
