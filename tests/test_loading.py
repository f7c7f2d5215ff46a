"""Loading pages: encodings, formats, Markdown line mapping, front matter and the keyphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from seo_audit.errors import InputError
from seo_audit.page.build import PageOptions, build_page
from seo_audit.sources import file_ref, from_text, read
from seo_audit.text.keyphrase import Keyphrase
from seo_audit.text.words import split_sentences

from helpers import page_from, wrap


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


TEXT = "Crème brûlée — naïve café"


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8 with BOM", b"\xef\xbb\xbf<html><body><p>" + TEXT.encode() + b"</p></body></html>"),
        ("utf-16 with BOM", ("<html><body><p>" + TEXT + "</p></body></html>").encode("utf-16")),
        (
            "declared windows-1252",
            b'<html><head><meta charset="windows-1252"></head><body><p>'
            + TEXT.encode("cp1252")
            + b"</p></body></html>",
        ),
        (
            "http-equiv latin-1 that is really cp1252",
            b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            b"</head><body><p>" + TEXT.encode("cp1252") + b"</p></body></html>",
        ),
        (
            "claims utf-8, is cp1252",
            b'<html><head><meta charset="utf-8"></head><body><p>'
            + TEXT.encode("cp1252")
            + b"</p></body></html>",
        ),
        (
            "claims latin-1, is utf-8",
            b'<html><head><meta charset="iso-8859-1"></head><body><p>'
            + TEXT.encode("utf-8")
            + b"</p></body></html>",
        ),
    ],
)
def test_encodings(tmp_path: Path, label: str, data: bytes) -> None:
    page = build_page(read(file_ref(_write(tmp_path, "page.html", data))))
    assert any(TEXT in block.text for block in page.blocks), (label, page.blocks)


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    data = b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    data += b"<head><title>X</title></head><body><p>Body</p></body></html>"
    page = build_page(read(file_ref(_write(tmp_path, "page.xhtml.html", data))))
    assert page.title == "X"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.html", b"", "is empty"),
        ("blank.md", b"  \n\n", "is empty"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (
            "bad-front-matter.md",
            b"---\ntitle: [unclosed\n---\nText\n",
            "front matter is not valid YAML",
        ),
    ],
)
def test_unreadable_inputs_raise_one_line_errors(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        build_page(read(file_ref(_write(tmp_path, name, data))))
    assert problem in str(caught.value)
    assert name in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        read(file_ref("does/not/exist.html"))


DRAFT = """---
title: Cold brew at home
description: How to make it.
focus_keyphrase: cold brew
slug: cold-brew
synonyms: iced coffee, cold coffee
author: Priya Raman
---

# Cold brew at home

First paragraph
wrapped over two lines.

## A section

- an item
- another item

<div class="note">
<p>Raw HTML block.</p>
</div>

| a | b |
|---|---|
| cell | cell |
"""


def test_markdown_front_matter_and_lines() -> None:
    page = page_from(markdown=DRAFT)
    assert page.title == "Cold brew at home"
    assert page.meta_description == "How to make it."
    assert page.slug == "cold-brew"
    assert page.synonyms == ("iced coffee", "cold coffee")
    assert page.keyphrase is not None
    assert (page.keyphrase.text, page.keyphrase.source) == ("cold brew", "front matter")
    assert [a.name for a in page.authors] == ["Priya Raman"]
    lines = {block.text: block.line for block in page.blocks}
    assert lines["Cold brew at home"] == 10
    assert lines["First paragraph wrapped over two lines."] == 12
    assert lines["A section"] == 15
    assert lines["an item"] == 17
    assert lines["another item"] == 18
    assert lines["Raw HTML block."] == 21
    assert lines["cell"] == 26
    # The layout prints the front-matter title (line 2) as the H1; the body repeats it.
    assert [(h.level, h.line, h.from_layout) for h in page.headings] == [
        (1, 2, True),
        (1, 10, False),
        (2, 15, False),
    ]
    wrapped = next(b for b in page.blocks if b.text.startswith("First"))
    assert wrapped.line_at(wrapped.text.index("two")) == 13


def test_html_lines_and_structure() -> None:
    html = wrap(
        '<article>\n<h1>Title</h1>\n<p>Thank you<br>for <a href="/x">reading</a>.</p>\n'
        '<img src="a.jpg" alt="A jar">\n</article>'
    )
    page = page_from(html=html)
    paragraph = next(b for b in page.blocks if b.tag == "p")
    # lxml's text_content() would give "Thank youfor"; a reader sees two words.
    assert "Thank you" in paragraph.text and "youfor" not in paragraph.text
    assert paragraph.line == 9
    assert (
        page.links[0].href == "/x" and page.links[0].text == "reading" and page.links[0].line == 9
    )
    assert page.images[0].alt == "A jar" and page.images[0].line == 10


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "focus keyword : Mission: Impossible – Dead Reckoning",
            "Mission: Impossible – Dead Reckoning",
        ),
        ("Focus Keyphrase:cold brew", "cold brew"),
        ("KEYWORD :   sourdough starter ", "sourdough starter"),
        ("focus keyword\u00a0: cold brew", "cold brew"),
    ],
)
def test_keyphrase_from_editors_note(note: str, expected: str) -> None:
    page = page_from(html=wrap(f"<article><h1>T</h1><p>{note}</p><p>Body text.</p></article>"))
    assert page.keyphrase is not None
    assert (page.keyphrase.text, page.keyphrase.source, page.keyphrase.line) == (
        expected,
        "editor's note",
        7,
    )
    # The note is reported, and kept out of the text every content rule analyses.
    assert [n.text.strip() for n in page.seo_notes] == [" ".join(note.split())]
    assert note.split()[0] not in page.text


def test_keyphrase_precedence() -> None:
    markdown = "---\nkeyphrase: from front matter\n---\nfocus keyword: from the note\n"
    assert page_from(markdown=markdown).keyphrase.source == "front matter"  # type: ignore[union-attr]
    chosen = page_from(markdown=markdown, keyphrase="from option").keyphrase
    assert chosen is not None and (chosen.text, chosen.source) == ("from option", "option")


@pytest.mark.parametrize(
    ("keyphrase", "sentence", "count"),
    [
        ("Mission: Impossible – Dead Reckoning", "Mission: Impossible - Dead Reckoning opens.", 1),
        ("Mission: Impossible – Dead Reckoning", "‘Mission: Impossible—Dead Reckoning’ opens.", 1),
        ("Mission Impossible Dead Reckoning", "MISSION: IMPOSSIBLE – DEAD RECKONING", 1),
        ("film's score", "The film’s score is loud.", 1),
        ("café", "We met at the cafe.", 1),
        ("cafe", "We met at the café.", 1),
        ("film score", "Film film score score score.", 2),
        ("film score", "The score of the film.", 1),
        ("film score", "Film scores are recorded.", 0),
        ('"film score"', "The score of the film.", 0),
        ('"film score"', "A film score, recorded.", 1),
        ("how to bake the pizza", "Bake a pizza tonight.", 1),
    ],
)
def test_keyphrase_matching(keyphrase: str, sentence: str, count: int) -> None:
    assert Keyphrase(keyphrase).count_in([sentence]) == count


def test_sentences() -> None:
    assert split_sentences("Dr. Smith came at 5 p.m. today. He left. Did he? Yes!") == [
        "Dr. Smith came at 5 p.m. today.",
        "He left.",
        "Did he?",
        "Yes!",
    ]
    assert split_sentences("J. R. R. Tolkien wrote it. Then he rested.") == [
        "J. R. R. Tolkien wrote it.",
        "Then he rested.",
    ]
    # A quoted question runs on into its attribution, unless another quote follows.
    assert split_sentences("“Can I give it to James?” Lee asked. “No!” “Why?”") == [
        "“Can I give it to James?” Lee asked.",
        "“No!”",
        "“Why?”",
    ]
    # Titles before a name do not end a sentence.
    assert split_sentences("Rep. Ilhan Omar and Sen. Ann Lee spoke. U.S. Attorney Kay left.") == [
        "Rep. Ilhan Omar and Sen. Ann Lee spoke.",
        "U.S. Attorney Kay left.",
    ]


def test_page_is_immutable() -> None:
    page = page_from(html=wrap("<p>Text.</p>"))
    with pytest.raises(AttributeError):
        page.title = "changed"  # type: ignore[misc]
    assert page.sentences is page.sentences  # computed once, shared by every rule


def test_soup_is_offered_lazily() -> None:
    page = page_from(html=wrap('<p class="x">Text.</p>'))
    assert "soup" not in page.__dict__
    assert page.soup.find("p", class_="x").get_text() == "Text."


@pytest.mark.parametrize(
    ("keyphrase", "sentence", "count"),
    [
        ("recording session", "A recording session, then two recording sessions.", 2),
        ("film score", "Film scores are recorded.", 1),
        ('"film score"', "Film scores are recorded.", 0),  # quotes: the phrase as written
    ],
)
def test_word_forms(keyphrase: str, sentence: str, count: int) -> None:
    from seo_audit.text.keyphrase import stemmer_for

    assert Keyphrase(keyphrase, stemmer_for("en")).count_in([sentence]) == count


def test_word_forms_follow_the_page_language_and_can_be_switched_off() -> None:
    draft = (
        "---\nlang: de\nkeyphrase: Kaffeebohne rösten\n---\n"
        "Wir rösten Kaffeebohnen. Die Kaffeebohne rösten wir.\n"
    )
    page = page_from(markdown=draft)
    assert page.keyphrase_figures is not None and page.keyphrase_figures.count == 2
    exact = build_page(from_text(draft, "d.md"), PageOptions(word_forms=False))
    assert exact.keyphrase_figures is not None and exact.keyphrase_figures.count == 1


def test_a_draft_with_front_matter_only_is_audited() -> None:
    page = page_from(markdown="---\ntitle: Cold brew\nkeyphrase: cold brew\n---\n")
    assert page.title == "Cold brew" and page.content == ()
