"""The head of the page: title, meta description, canonical URL, language."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.rules.markup_fixes import lang_fix


@rule("title-missing", category="meta", severity="error", weight=3)
def title_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The page has no `<title>` (for a draft: no `title` in front matter and no `# H1`).

    The title is the blue link in search results and the name of the browser tab.
    """
    if not page.title:
        yield Finding("The page has no title. Add a <title> (or `title:` in the front matter).")


@rule("meta-description-missing", category="meta", severity="warning", weight=2)
def meta_description_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The page has no meta description.

    Without one, search engines pick a snippet from the text, often the wrong one.
    """
    if not page.meta_description:
        yield Finding(
            "The page has no meta description. Write one or two sentences (up to 156 "
            "characters) that make a searcher want to click."
        )


@rule(
    "meta-description-length",
    category="meta",
    severity="info",
    weight=1,
    options={"min": 120, "max": 156},
)
def meta_description_length(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The meta description is shorter or longer than search results show.

    Yoast's bands: 121 to 156 characters is good; 120 or fewer leaves space unused; past 156
    the snippet is cut off (options `min`, `max`).
    """
    description = page.meta_description
    if not description:
        yield NotApplicable("the page has no meta description")
        return
    length, low, high = len(description), int(options["min"]), int(options["max"])
    if length <= low:
        yield Finding(
            f"The meta description has {length} characters; up to {high} are shown. Use the "
            "space to say why the article is worth reading.",
            line=page.meta_description_line,
            verdict="ok",
        )
    elif length > high:
        yield Finding(
            f"The meta description has {length} characters; search results cut it after about "
            f"{high}. Shorten it.",
            line=page.meta_description_line,
            verdict="ok",
        )


@rule("canonical-missing", category="meta", severity="warning", weight=1)
def canonical_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page has no canonical URL (`<link rel="canonical">`).

    The canonical tells search engines which URL is the real one when the article is reachable
    under several (tracking parameters, AMP, syndication). Drafts are not checked: the CMS adds
    it when publishing, unless the front matter sets `canonical`. What the canonical says is
    judged by the other canonical-* rules (rules/canonical.py).
    """
    if page.format == "markdown" and "canonical" not in page.front_matter:
        yield NotApplicable("a Markdown draft gets its canonical URL from the CMS")
        return
    if not page.canonical:
        yield Finding(
            'The page has no canonical URL. Add <link rel="canonical" href="…"> with the '
            "article's own address."
        )


@rule("lang-missing", category="meta", severity="warning", weight=1, fix=lang_fix)
def lang_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page does not declare its language (`<html lang="…">`).

    Screen readers pick their voice from it, browsers offer translation by it, and search
    engines use it with other signals. Drafts declare it with `lang:` in front matter; the CMS
    template usually adds it, so drafts are not checked.
    """
    if page.format == "markdown":
        yield NotApplicable("a Markdown draft gets its language from the CMS template")
        return
    if not page.lang:
        yield Finding(
            'The page does not declare its language. Add lang="en" (or its '
            "language) to the <html> tag."
        )
