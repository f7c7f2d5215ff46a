"""Editorial leftovers: SEO notes, placeholder text, template syntax, a generic byline."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.fixes import (
    Fix,
    TextEdit,
    front_matter_key,
    is_only,
    line_range,
    remove_lines,
)
from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.columns import locate
from seo_audit.page.model import Page
from seo_audit.results.model import ReportedFinding
from seo_audit.text.notes import KEYPHRASE_NOTE_RE
from seo_audit.text.words import cut, folded_words

_PLACEHOLDER_RE = re.compile(
    # Lower-case "todo" and "tk" are ordinary words; only the upper-case markers count.
    r"(?i:\blorem ipsum\b|\bdolor sit amet\b|\[\s*insert\b[^\]]*\]|\[\s*(?:tbd|tk|todo|"
    r"citation needed|link|image|photo)\s*\])|\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|"
    r"(?<![\w-])(?:TK)+(?![\w-])",
)
_CASED_MARKERS = ("TODO", "TBD", "FIXME", "XXX", "TK")
_LOWER_MARKERS = ("lorem ipsum", "dolor sit amet", "[")
# "TK Maxx", "Club TK": TK beside a capitalised word is a name, not the journalists' marker.
_NAME_BEFORE_RE = re.compile(r"[A-Z][\w&.'-]*\s+$")
_NAME_AFTER_RE = re.compile(r"\s+[A-Z]")
# An article that writes TK as part of a name ("TK-Safe", "(TK)") uses it as an abbreviation
# (Techniker Krankenkasse on a German health page), so its bare "TK" is that name too.
_TK_AS_NAME_RE = re.compile(r"\bTK-\w|\w-TK\b|\(TK\)")
GENERIC_AUTHORS = frozenset(
    """admin administrator editor editors staff webmaster author user root wordpress guest
    team newsroom desk contributor writer site siteadmin superuser moderator default""".split()
)


def _move_seo_note(page: Page, finding: ReportedFinding) -> Fix | None:
    """A draft's keyphrase note moves to front matter `keyphrase:` (unless one is declared,
    when a note that repeats it is removed); on an HTML page the note is removed and the fix
    names the keyphrase for the CMS field. Other notes (meta description, slug) stay: removing
    them would lose what the editor wrote."""
    note = next((n for n in page.seo_notes if n.line == finding.line), None)
    match = KEYPHRASE_NOTE_RE.match(note.text) if note is not None else None
    if note is None or note.line is None or match is None:
        return None
    value = match.group("value")
    span = locate(page.source_lines, note.line, finding.message)
    last = note.line_at(len(note.text)) or note.line
    lines = page.source_lines
    if span is None or last > len(lines):
        return None
    start = line_range(page.source, note.line)[0] + span.column - 1
    end = line_range(page.source, last)[0] + len(lines[last - 1].rstrip())
    if span.end_line == last:
        end = line_range(page.source, last)[0] + span.end_column - 1
    if is_only(page.source, note.line, last, start, end):
        # A note that is a paragraph of its own goes with the blank line that ends it, when
        # nothing but a blank line or the front matter's fence comes before it.
        before = lines[note.line - 2].strip() if note.line > 1 else ""
        if last < len(lines) and not lines[last].strip() and before in ("", "---", "+++"):
            last += 1
        removal = remove_lines(page.source, note.line, last)
    else:
        removal = TextEdit(start, end, "")
    if page.format == "html":
        return Fix(f"Remove the SEO note (put “{value}” in the CMS keyphrase field)", (removal,))
    declared = page.keyphrase is not None and page.keyphrase.source == "front matter"
    if declared:
        assert page.keyphrase is not None
        if page.keyphrase.text.casefold() != value.casefold():
            return None  # two different keyphrases: the writer decides
        return Fix("Remove the SEO note (front matter already sets the keyphrase)", (removal,))
    added = front_matter_key(page.source, "keyphrase", value)
    if added is None:
        return None
    return Fix(f"Move the SEO note to front matter (keyphrase: {value})", (added, removal))


@rule("editorial-seo-note", category="editorial", severity="error", weight=3, fix=_move_seo_note)
def editorial_seo_note(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """An editor's SEO note was left in the visible text ("focus keyword: …").

    Notes such as "focus keyword:", "keyphrase:", "meta description:" or "SEO title:" are for
    the CMS fields, not for readers. The note is left out of every content figure; remove it
    from the page (and put the values in the CMS or the front matter).
    """
    for note in page.seo_notes:
        yield Finding(
            f"An SEO note is visible to readers: “{cut(note.text, 80)}”. Remove it from the text "
            "and put the value in the CMS field or front matter.",
            line=note.line,
        )


@rule("editorial-placeholder-text", category="editorial", severity="error", weight=3)
def editorial_placeholder_text(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Placeholder text is still in the article: lorem ipsum, TODO, TK, [insert …].

    Upper-case TODO/TK/TBD/FIXME are matched as whole words, so "tk" inside a word or "todo"
    in ordinary prose does not count. TK counts alone (`TK`, `[TK]`, `TKTK`), not beside a
    capitalised word ("TK Maxx"), and only on English pages that do not use TK as a name
    elsewhere ("TK-Safe", "(TK)"). A marker that is the page's topic (in its title, H1 or
    keyphrase: "The Best TODO List Apps") is not a placeholder. Code is not searched.
    """
    # Almost no page has a placeholder: rule that out with plain substring tests first.
    text = page.text
    lowered = text.lower()
    if not any(marker in text for marker in _CASED_MARKERS) and not any(
        marker in lowered for marker in _LOWER_MARKERS
    ):
        return
    topic = _topic_words(page)
    # "TK" (to come) is an English newsroom marker; elsewhere, or where the article uses TK as
    # a name, it is an abbreviation.
    tk_is_marker = page.language_code == "en" and not _TK_AS_NAME_RE.search(text)
    for block in page.content:
        for match in _PLACEHOLDER_RE.finditer(block.text):
            if match.group(0).lstrip("[ ").upper().startswith("TK") and not tk_is_marker:
                continue
            if _is_placeholder(block.text, match, topic):
                yield Finding(
                    f"Placeholder text “{match.group(0)}” is still in the article. Replace it "
                    "with the real content.",
                    line=block.line_at(match.start()),
                )
                break


def _topic_words(page: Page) -> frozenset[str]:
    texts = [page.title or "", *(h.text for h in page.headings if h.level == 1)]
    if page.keyphrase is not None:
        texts.append(page.keyphrase.text)
    return frozenset(word for text in texts for word in folded_words(text))


def _is_placeholder(text: str, match: re.Match[str], topic: frozenset[str]) -> bool:
    marker = match.group(0)
    if marker.isupper() and marker.isalpha():
        if marker.lower() in topic:
            return False
        if marker.startswith("TK") and (
            _NAME_BEFORE_RE.search(text, 0, match.start())
            or _NAME_AFTER_RE.match(text, match.end())
        ):
            return False
    return True


@rule("editorial-template-syntax", category="editorial", severity="error", weight=3)
def editorial_template_syntax(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """Template syntax the site did not process is in the article's visible text.

    A Hugo shortcode (`{{< note >}}`), a Liquid or Nunjucks tag (`{% include … %}`,
    `{{ page.title }}`), a WordPress shortcode (`[caption …]…[/caption]`) or a `:::note`
    container left in a published page shows to readers as written: the template or plugin
    that should have turned it into HTML did not run. In a draft, the syntax its site
    processes is template, not text (the config's `preset` names the site's generator); a
    WordPress shortcode, or another generator's syntax, is reported. Embed tags that never
    rendered are `embed-placeholder`'s.
    """
    if not page.leftovers and not page.templates:
        yield NotApplicable("the article holds no template syntax")
        return
    for leftover in page.leftovers:
        yield Finding(
            f"“{cut(leftover.tag.text, 80)}” is {_dialect_name(leftover.tag.dialect)} syntax that "
            "readers see as written. Remove it, or use what the site's templates process.",
            line=leftover.line,
        )


_DIALECT_NAMES = {
    "hugo": "Hugo shortcode",
    "liquid": "Liquid template",
    "nunjucks": "Nunjucks template",
    "wordpress": "WordPress shortcode",
    "container": "Markdown container",
}


def _dialect_name(dialect: str) -> str:
    return _DIALECT_NAMES.get(dialect, "template")


@rule("editorial-generic-author", category="editorial", severity="warning", weight=2)
def editorial_generic_author(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The byline is a generic account (admin, editor, staff…), not a person.

    Readers and search engines look for who wrote a piece; "by admin" tells them nobody did.
    Checked: the visible byline, the author meta tag, the Article's JSON-LD author and the
    front matter `author`.
    """
    if not page.authors:
        yield NotApplicable("the page names no author")
        return
    reported: set[str] = set()
    for author in page.authors:
        name = author.name.strip().lower()
        if name in GENERIC_AUTHORS and name not in reported:
            reported.add(name)
            yield Finding(
                f"The author is “{author.name}” ({author.source}), a generic account. Credit the "
                "person who wrote the article.",
                line=author.line,
            )
