"""Heading structure: one H1, no skipped levels, no empty headings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.text.words import cut


@rule("h1-missing", category="headings", severity="error", weight=3)
def h1_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page has no H1 heading.

    The H1 is the article's visible headline; readers, screen readers and search engines use
    it to tell what the page is about. A Markdown draft's `# Title` line is its H1, and so is
    its front-matter `title`: the layouts of Hugo, Jekyll, Astro, Docusaurus, Eleventy and
    most other generators print it as the page's H1, so a draft with a `title` is not missing
    one (a draft with neither is title-missing's to report). For a site whose layout does not
    print the title, set `layout-title = false` in the config.
    """
    if any(h.level == 1 and h.text for h in page.headings):
        return
    if page.layout_title:
        # The layout's H1 is the front-matter title, and title-missing reports its absence.
        yield NotApplicable("the layout prints the title as the H1, and the draft declares none")
        return
    yield Finding("The page has no H1 headline. Add one that states the article's topic.")


@rule("h1-multiple", category="headings", severity="warning", weight=2)
def h1_multiple(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The page has more than one H1 heading.

    Keep one H1 for the headline and make the others H2 or lower. Empty H1s (a logo image with
    no text) are not counted. In a draft whose layout prints the front-matter title as the
    H1, a `# …` line in the body is a second one.
    """
    h1s = [h for h in page.headings if h.level == 1 and h.text]
    layout = h1s[0] if h1s and h1s[0].from_layout else None
    for extra in h1s[1:]:
        if (
            layout is not None
            and " ".join(extra.text.split()).casefold() == " ".join(layout.text.split()).casefold()
        ):
            message = (
                f"The H1 “{cut(extra.text, 80)}” repeats the title the layout already prints as "
                "the H1. Remove this line."
            )
        elif layout is not None:
            message = (
                f"Another H1 (“{cut(extra.text, 80)}”) besides the title the layout prints as the "
                "H1. Make it an H2 or lower."
            )
        else:
            message = (
                f"Another H1 (“{cut(extra.text, 80)}”) besides the headline. "
                "Make it an H2 or lower."
            )
        yield Finding(message, line=extra.line)


@rule("heading-skipped-level", category="headings", severity="warning", weight=1)
def heading_skipped_level(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A heading in the article skips a level (an H2 followed by an H4).

    Screen-reader users navigate by heading level, and a skipped level reads as a missing
    section. Only the article's headings are checked, not the site's sidebar and footer.
    """
    previous = None
    for heading in page.headings:
        if not heading.in_content or not heading.text:
            continue
        if previous is not None and heading.level > previous.level + 1:
            yield Finding(
                f"H{heading.level} “{cut(heading.text, 60)}” follows an H{previous.level}: level "
                f"H{previous.level + 1} is skipped. Use H{previous.level + 1} here.",
                line=heading.line,
            )
        previous = heading


@rule("heading-empty", category="headings", severity="warning", weight=1)
def heading_empty(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A heading has no text.

    Empty headings show up as blank entries in screen-reader outlines and tables of contents.
    Remove them, or give them text.
    """
    for heading in page.headings:
        if heading.in_content and not heading.text:
            yield Finding(
                f"An empty H{heading.level} heading. Give it text or remove it.", line=heading.line
            )
