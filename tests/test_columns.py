"""Columns: a finding's `line:col` points at the text its message names, in the file the writer
has open (the Markdown of a draft, not its rendering), on real drafts and corpus pages."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from seo_audit.page.columns import locate

from helpers import CORPUS, EXAMPLES, REPO, SHARED, needs_corpus, run_cli

DRAFTS = SHARED / "drafts"
_QUOTE_RE = re.compile(r"“([^”]{1,400})”")


def _report(*paths: Path) -> dict:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "json", "--isolated", *map(str, paths), cwd=REPO)
    assert result.stdout, result.stderr
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return report


def _first_word(quote: str) -> str:
    """The quote's first word, up to its first mark that markup may split off ("Content-driven"
    of "Content-driven:", written `**[Content-driven](#…):**`)."""
    words = quote.rstrip("…").split()
    return re.split(r"[^\w'’-]", words[0])[0] or words[0] if words else ""


def _placed(report: dict) -> tuple[int, int, list[str]]:  # type: ignore[type-arg]
    """(quoted findings whose column is at a quoted word, quoted findings, the misplaced)."""
    at_quote, quoted, misplaced = 0, 0, []
    for page in report["pages"]:
        lines = Path(page["path"]).read_text(encoding="utf-8", errors="replace").split("\n")
        for finding in page["findings"]:
            quotes = [q for q in _QUOTE_RE.findall(finding["message"]) if _first_word(q)]
            # Cross-page findings have no column (site rules read no page source).
            if not finding.get("line") or not quotes or "column" not in finding:
                continue
            quoted += 1
            text = lines[finding["line"] - 1]
            column = finding["column"]
            assert 1 <= column <= len(text) + 1
            assert (finding["end_line"], finding["end_column"]) >= (finding["line"], column)
            # As a reader reads it: a drop cap's "W</span>hile" is "While".
            raw = text[column - 1 :]
            read = html.unescape(re.sub(r"<[^<>]*>|[*_`~]", "", raw))
            if any(form.startswith(_first_word(q)) for q in quotes for form in (raw, read)):
                at_quote += 1
            else:
                # Not on the line: then the column is where the line's text starts.
                assert column == len(text) - len(text.lstrip()) + 1, (finding, text)
                misplaced.append(f"{page['path']}:{finding['line']}: {finding['message'][:60]}")
    return at_quote, quoted, misplaced


def test_the_film_example_points_at_the_note_the_sentence_and_the_heading() -> None:
    page = _report(EXAMPLES / "film-news-with-problems.html")["pages"][0]
    lines = (EXAMPLES / "film-news-with-problems.html").read_text().split("\n")
    by_rule = {}
    for finding in page["findings"]:
        by_rule.setdefault(finding["rule"], finding)
    note = by_rule["editorial-seo-note"]
    text = lines[note["line"] - 1]
    # The whole note, and nothing of the <p> around it.
    assert text[note["column"] - 1 : note["end_column"] - 1] == (
        "focus keyword :  Starfall: The Last Orbit"
    )
    heading = by_rule["faq-off-topic"]
    assert lines[heading["line"] - 1][heading["column"] - 1 :].startswith("Frequently Asked")
    # A long sentence in the middle of its paragraph's line.
    sentences = [f for f in page["findings"] if f["rule"] == "sentence-length"]
    middle = next(f for f in sentences if f["column"] > 1 + 3)
    assert lines[middle["line"] - 1][middle["column"] - 1 :].startswith(
        _QUOTE_RE.findall(middle["message"])[0][:20]
    )
    # A finding about the whole page has no column; the concise format writes 1:1.
    assert "column" not in by_rule["meta-description-missing"]


def test_a_draft_column_is_in_the_markdown_not_the_rendered_html() -> None:
    draft = EXAMPLES / "draft-cold-brew.md"
    page = _report(draft)["pages"][0]
    lines = draft.read_text().split("\n")
    placeholder = next(f for f in page["findings"] if f["rule"] == "editorial-placeholder-text")
    # The placeholder is hard-wrapped: its span runs onto the next line of the draft.
    start, end = placeholder["line"], placeholder["end_line"]
    assert end == start + 1
    text = "\n".join(lines[start - 1 : end])
    covered = text[
        placeholder["column"] - 1 : len(lines[start - 1]) + 1 + placeholder["end_column"] - 1
    ]
    assert " ".join(covered.split()) == "[insert tasting notes from the test batch]"
    h1 = next(f for f in page["findings"] if f["rule"] == "h1-multiple")
    assert lines[h1["line"] - 1][h1["column"] - 1 :].startswith("Cold Brew Coffee")  # after "# "


@pytest.mark.skipif(not DRAFTS.is_dir(), reason=f"no drafts at {DRAFTS}")
def test_columns_on_the_real_drafts_point_at_the_quoted_text() -> None:
    at_quote, quoted, misplaced = _placed(_report(DRAFTS))
    assert quoted >= 40
    # Quotes that are not on their line are findings about text the site renders (a
    # shortcode's output) or wrapped before its first word; few, and listed if they grow.
    assert at_quote >= 0.9 * quoted, misplaced


@needs_corpus
def test_columns_on_the_corpus_point_at_the_quoted_text() -> None:
    at_quote, quoted, misplaced = _placed(_report(CORPUS))
    assert quoted >= 100
    assert at_quote >= 0.85 * quoted, misplaced


def test_locate_matches_words_across_markup_and_entities() -> None:
    lines = ["<p>It&rsquo;s <em>cold</em> brew, and <a href='/x'>more</a> of it.</p>"]
    span = locate(lines, 1, "Long sentence: “It’s cold brew, and more of it.” — split it.")
    assert span is not None
    assert lines[0][span.column - 1 :].startswith("It&rsquo;s")
    assert lines[0][span.end_column - 2] == "."  # the whole sentence, not the "</p>"
    # A cut quote found in part runs on to the end of the line's text.
    cut = locate(lines, 1, "Long sentence: “It’s cold brew, and more…”")
    assert cut is not None and cut.end_column == len(lines[0]) + 1
    # A quoted word is matched whole: "so" is not the end of "also".
    assert locate(["also so"], 1, "words like “so”") == locate(["also so"], 1, "x “so”")
    assert locate(["also so"], 1, "words like “so”").column == 6  # type: ignore[union-attr]
    # Nothing quoted: the line's text, without its indentation.
    assert locate(["    <title>T</title>  "], 1, "The title is long.").column == 5  # type: ignore[union-attr]
    assert locate(["x"], 7, "past the end") is None
