"""Editorial leftovers: SEO notes, placeholder text, a generic byline."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page

_PLACEHOLDER_RE = re.compile(
    # Lower-case "todo" and "tk" are ordinary words; only the upper-case markers count.
    r"(?i:\blorem ipsum\b|\bdolor sit amet\b|\[\s*insert\b[^\]]*\]|\[\s*(?:tbd|tk|todo|"
    r"citation needed|link|image|photo)\s*\])|\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|"
    r"(?<![\w-])TK(?![\w-])",
)
_CASED_MARKERS = ("TODO", "TBD", "FIXME", "XXX", "TK")
_LOWER_MARKERS = ("lorem ipsum", "dolor sit amet", "[")
GENERIC_AUTHORS = frozenset(
    """admin administrator editor editors staff webmaster author user root wordpress guest
    team newsroom desk contributor writer site siteadmin superuser moderator default""".split()
)


@rule("editorial-seo-note", category="editorial", severity="error", weight=3)
def editorial_seo_note(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """An editor's SEO note was left in the visible text ("focus keyword: …").

    Notes such as "focus keyword:", "keyphrase:", "meta description:" or "SEO title:" are for
    the CMS fields, not for readers. The note is left out of every content figure; remove it
    from the page (and put the values in the CMS or the front matter).
    """
    for note in page.seo_notes:
        yield Finding(
            f"An SEO note is visible to readers: “{note.text[:80]}”. Remove it from the text "
            "and put the value in the CMS field or front matter.",
            line=note.line,
        )


@rule("editorial-placeholder-text", category="editorial", severity="error", weight=3)
def editorial_placeholder_text(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Placeholder text is still in the article: lorem ipsum, TODO, TK, [insert …].

    Upper-case TODO/TK/TBD/FIXME are matched as whole words, so "tk" inside a word or "todo"
    in ordinary prose does not count.
    """
    # Almost no page has a placeholder: rule that out with plain substring tests first.
    text = page.text
    lowered = text.lower()
    if not any(marker in text for marker in _CASED_MARKERS) and not any(
        marker in lowered for marker in _LOWER_MARKERS
    ):
        return
    for block in page.content:
        match = _PLACEHOLDER_RE.search(block.text)
        if match:
            yield Finding(
                f"Placeholder text “{match.group(0)}” is still in the article. Replace it with "
                "the real content.",
                line=block.line_at(match.start()),
            )


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
