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


# Drafts as static-site generators keep them (issue 11)


@pytest.mark.parametrize(
    ("draft", "problem"),
    [
        ("---\ntitle: x\nauthor: [a\n---\nBody\n", "not valid YAML at line 4"),
        ('+++\ntitle = "x"\ndate = = 2\n+++\nBody\n', "not valid TOML at line 3: Invalid value"),
        ('+++\ntitle = "x"\ntags = [\n  "a",\n+++\nBody\n', "not valid TOML at line 5"),
        ('{\n  "title": "x",\n  "tags": ["a",]\n}\nBody\n', "not valid JSON at line 3"),
        ('+++\ntitle = "x"\nBody\n', "opened with +++ at line 1 is never closed"),
        ("---\ntitle: x\nBody\n", "opened with --- at line 1 is never closed"),
        ("+++\n" + "a = " + "[" * 60 + "]" * 60 + "\n+++\nBody\n", "nested more than 50"),
        ('{"a": ' + "[" * 60 + "]" * 60 + "}\nBody\n", "nested more than 50"),
    ],
)
def test_front_matter_that_does_not_parse_is_an_error_naming_the_line(
    tmp_path: Path, draft: str, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        read(file_ref(_write(tmp_path, "post.md", draft.encode())))
    assert problem in str(caught.value)
    assert "post.md" in str(caught.value) and "\n" not in str(caught.value)


FRONT_MATTERS = {
    "yaml": "---\nlayout: post\ntitle: Cold brew\nsummary: How to steep it.\n"
    "keywords: [cold brew]\n---\n",
    "toml": '+++\nlayout = "post"\ntitle = "Cold brew"\nsummary = "How to steep it."\n'
    'keywords = ["cold brew"]\n+++\n',
    "json": '{\n  "layout": "post",\n  "title": "Cold brew",\n  "summary": "How to steep it.",\n'
    '  "keywords": ["cold brew"]\n}\n',
    "yaml after blank lines": "\n\n---\ntitle: Cold brew\nsummary: How to steep it.\n"
    "keywords: cold brew, iced coffee\n---\n",
    "yaml with CRLF": "---\r\nlayout: post\r\ntitle: Cold brew\r\nsummary: How to steep it.\r\n"
    "keywords: [cold brew]\r\n---\r\n",
}


@pytest.mark.parametrize("kind", sorted(FRONT_MATTERS))
def test_yaml_toml_and_json_front_matter_give_fields_with_their_lines(kind: str) -> None:
    front = FRONT_MATTERS[kind]
    page = page_from(markdown=front + "\nSteep coarse coffee overnight.\n")
    assert page.title == "Cold brew"
    assert page.meta_description == "How to steep it."
    assert page.keyphrase is not None and page.keyphrase.text == "cold brew"
    lines = front.replace("\r\n", "\n").splitlines()

    def line_of(key: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if key in line)

    assert page.title_line == line_of("title")
    assert page.meta_description_line == line_of("summary")
    assert page.keyphrase.line == line_of("keywords")
    assert page.text == "Steep coarse coffee overnight."
    assert page.blocks[0].line == len(lines) + 2


def test_generators_keys_map_to_the_declared_fields() -> None:
    page = page_from(
        markdown=(
            "---\ntitle: Cold brew at home\nseo:\n  title: Cold Brew at Home | Coffee Notes\n"
            "excerpt: How to make cold brew.\nauthors:\n  - name: Priya Raman\n  - Sam Lee\n"
            "permalink: /guides/cold-brew-at-home/\nlanguage: en-GB\ndraft: true\n"
            "tags: [coffee, cold brew]\n---\nText.\n"
        )
    )
    assert page.title == "Cold Brew at Home | Coffee Notes"
    assert page.title_line == 4
    assert page.headings[0].text == "Cold brew at home" and page.headings[0].from_layout
    assert page.meta_description == "How to make cold brew."
    assert [(a.name, a.line) for a in page.authors] == [("Priya Raman", 6), ("Sam Lee", 6)]
    assert page.slug == "cold-brew-at-home"
    assert page.lang == "en-GB"
    assert page.marked_draft
    assert page.keyphrase is None  # tags never stand for the keyphrase


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("_posts/2024-07-01-cold-brew-ratio.md", "cold-brew-ratio"),
        ("content/posts/cold-brew/index.md", "cold-brew"),
        ("content/guides/_index.md", "guides"),
        ("blog/2021-03-09-cold-brew/index.mdx", "cold-brew"),
        ("posts/cold-brew.markdown", "cold-brew"),
    ],
)
def test_the_slug_comes_from_the_file_name_as_generators_make_it(
    tmp_path: Path, path: str, slug: str
) -> None:
    file = tmp_path / path
    file.parent.mkdir(parents=True)
    file.write_text("---\ntitle: Cold brew\n---\nText.\n", encoding="utf-8")
    assert build_page(read(file_ref(str(file)))).slug == slug
    file.write_text("---\ntitle: Cold brew\nurl: /x/iced-coffee/\n---\nText.\n", encoding="utf-8")
    assert build_page(read(file_ref(str(file)))).slug == "iced-coffee"


TEMPLATED = """---
title: Cold brew at home
---
Steep it overnight, as [our guide]({% link _posts/2024-01-01-guide.md %}) says.

{{< youtube w7Ft2ymGmfc >}}

{% raw %}
Write {{ page.title }} to print it.
{% endraw %}

{% comment %}
An editor's aside nobody sees.
{% endcomment %}

{{< highlight go >}}
# not a heading
func main() {}
{{< /highlight >}}

![A jar]({{ site.baseurl }}/img/jar.jpg)

## Serving {#serving}

Pour it over ice. $$x^2$$ and `code` stay out.
"""


def test_template_syntax_is_taken_out_and_turned_into_the_page() -> None:
    page = page_from(markdown=TEMPLATED)
    assert [(b.line, b.text) for b in page.content] == [
        (4, "Steep it overnight, as our guide says."),
        (9, "Write {{ page.title }} to print it."),  # raw: shown as written
        (23, "Serving"),
        (25, "Pour it over ice. and stay out."),
    ]
    assert [(b.line, b.skipped) for b in page.skipped] == [(17, "code")]
    assert [h.text for h in page.headings] == ["Cold brew at home", "Serving"]
    assert page.links[0].text == "our guide" and page.links[0].href == ""
    assert [(i.src, i.line) for i in page.images] == [("/img/jar.jpg", 21)]
    [video] = [e for e in page.embeds if e.kind == "template"]
    assert (video.src, video.line, video.is_video) == (
        "https://www.youtube.com/watch?v=w7Ft2ymGmfc",
        6,
        True,
    )
    kinds = [(t.line, t.tag.kind) for t in page.templates]
    assert (12, "comment") in kinds and (6, "embed") in kinds and (16, "code") in kinds


MDX = """---
title: Pointer events
---
import { Steps } from '@astrojs/starlight/components';
import Demo from '../components/Demo.astro';

## Why pointer events {/*why*/}

<Steps>

1. Install it: {props.version} is the one you need.

    Indented text is not code in MDX.

</Steps>

<YouTube id="w7Ft2ymGmfc" />

```js
import x from 'y'; {notAnExpression}
```
"""


def test_mdx_drafts_are_read_as_mdx(tmp_path: Path) -> None:
    page = build_page(read(file_ref(_write(tmp_path, "post.mdx", MDX.encode()))))
    assert [b.text for b in page.content] == [
        "Why pointer events",
        "Install it: is the one you need.",
        "Indented text is not code in MDX.",
    ]
    assert page.headings[1].text == "Why pointer events"
    assert [b.text for b in page.skipped] == ["import x from 'y'; {notAnExpression}"]
    assert [e.src for e in page.embeds] == ["https://www.youtube.com/watch?v=w7Ft2ymGmfc"]
    names = [t.tag.name for t in page.templates]
    # An ESM block runs to the blank line: both imports are one.
    assert names.count("import") == 1 and "Steps" in names and "YouTube" in names
    assert [t.line for t in page.templates if t.tag.name == "import"] == [4]
    # .mdx is a page suffix: folders are searched for it.
    from seo_audit.sources.discover import DEFAULT_INCLUDE

    assert "*.mdx" in DEFAULT_INCLUDE


def test_code_and_math_are_kept_out_of_every_prose_measure() -> None:
    prose = "Cold brew is coffee steeped in cold water for many hours."
    with_code = (
        f"{prose}\n\n```python\n# TODO: handle errors\nfor bean in beans: grind(bean)\n```\n\n"
        "    indented = code()\n\nRun `npm install --save cold-brew` and $x+1$ twice.\n"
    )
    plain = page_from(markdown=f"{prose}\n\nRun and twice.\n")
    page = page_from(markdown="---\nmath: true\n---\n" + with_code)
    assert page.text == plain.text
    assert (page.word_count, page.text_length, len(page.sentences)) == (
        plain.word_count,
        plain.text_length,
        len(plain.sentences),
    )
    assert page.readability.flesch == plain.readability.flesch
    assert [(b.line, b.skipped, b.text.splitlines()[0]) for b in page.skipped] == [
        (7, "code", "# TODO: handle errors"),
        (11, "code", "indented = code()"),
    ]
