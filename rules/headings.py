"""Heading structure: one H1, no skipped levels, no empty headings."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Heading, Page
from seo_audit.text.words import cut, folded_words


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
    H1, a `# …` line in the body is a second one. On a published page the headline is the
    article's own H1 (the one that matches the page's title, og:title or JSON-LD headline, and
    sits in the article rather than in the site's chrome); H1s the site's template prints in
    its masthead, logo, navigation, sidebar, footer or related-content boxes, or that are the
    site's name (og:site_name), are reported as one finding about the template, naming each
    with its element and line, not as a headline to demote.
    """
    h1s = [h for h in page.headings if h.level == 1 and h.text]
    if len(h1s) < 2:
        return
    layout = h1s[0] if h1s[0].from_layout else None
    if layout is not None:
        yield from _beside_layout_title(layout, h1s[1:])
        return
    site_names = _site_names(page)
    places = {id(h): _template_place(h, site_names) for h in h1s}
    headline = _headline(page, h1s, places)
    extras = [h for h in h1s if h is not headline]
    in_article = [h for h in extras if not places[id(h)]]
    template = [(h, places[id(h)]) for h in extras if places[id(h)]]
    for extra in in_article:
        yield Finding(
            f"Another H1 (“{cut(extra.text, 80)}”) besides the headline "
            f"“{cut(headline.text, 80)}”. Make it an H2 or lower.",
            line=extra.line,
        )
    if template:
        yield _template_h1s(headline, template)


def _beside_layout_title(layout: Heading, extras: list[Heading]) -> Iterator[Finding]:
    for extra in extras:
        if _folded(extra.text) == _folded(layout.text):
            message = (
                f"The H1 “{cut(extra.text, 80)}” repeats the title the layout already prints as "
                "the H1. Remove this line."
            )
        else:
            message = (
                f"Another H1 (“{cut(extra.text, 80)}”) besides the title the layout prints as the "
                "H1. Make it an H2 or lower."
            )
        yield Finding(message, line=extra.line)


_NAMED_IN_TEMPLATE = 4


def _template_place(heading: Heading, site_names: set[str]) -> str:
    """Where the template puts an H1 ("footer", "the site's name", "outside the article"), or
    "" for an H1 in the article's own text."""
    if heading.chrome:
        return heading.chrome
    if _folded(heading.text) in site_names:
        return "the site's name"
    return "" if heading.in_content else "outside the article"


def _template_h1s(headline: Heading, template: list[tuple[Heading, str]]) -> Finding:
    """One finding for every H1 the site's template adds: the developer fixes them in one
    place, and the writer's headline is right."""
    named = [
        f"“{cut(h.text, 40)}” ({place}, line {h.line})"
        for h, place in template[:_NAMED_IN_TEMPLATE]
    ]
    more = len(template) - len(named)
    listed = ", ".join(named) + (f" and {more} more" if more else "")
    count = len(template)
    # The template's H1s are quoted first: a finding's column is its first quote on its line.
    return Finding(
        f"The site's template adds {count} H1{'s' if count > 1 else ''} besides the article's "
        f"headline: {listed}. The headline “{cut(headline.text, 60)}” (line {headline.line}) "
        f"is right; make {'these' if count > 1 else 'this one'} H2 or lower (or plain text) "
        "in the template.",
        line=template[0][0].line,
        verdict="ok",
    )


def _headline(page: Page, h1s: list[Heading], places: Mapping[int, str]) -> Heading:
    """The article's own H1: outside the site's chrome and not the site's name, matching what
    the page says its headline is (og:title, JSON-LD headline, the title before its " | Site"
    part), in the article; the first such."""
    template = {"outside the article", ""}
    candidates = [h for h in h1s if places[id(h)] in template] or h1s
    titles = _declared_titles(page)

    def rank(heading: Heading) -> tuple[bool, bool]:
        return (_matches_title(heading.text, titles), heading.in_content)

    best = max(rank(h) for h in candidates)
    return next(h for h in candidates if rank(h) == best)


_TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—:·•-]\s+|\s+::\s+")


def _headline_texts(page: Page) -> list[str]:
    """What the page's head says its headline is: og:title, twitter:title, JSON-LD headline."""
    texts = [tag.content for key in ("og:title", "twitter:title") for tag in page.meta_all(key)]
    for item in page.items_of_type("Article", "NewsArticle", "BlogPosting", "Report"):
        headline = item.data.get("headline")
        if isinstance(headline, str):
            texts.append(headline)
    return texts


def _declared_headlines(page: Page) -> set[str]:
    return {folded for folded in map(_folded, _headline_texts(page)) if folded}


def _declared_titles(page: Page) -> set[str]:
    titles = [page.title or "", *_headline_texts(page)]
    # "Headline | Site name": the site's name is a template H1's text, so it must not match.
    firsts = [_TITLE_SEPARATOR_RE.split(title)[0] for title in titles]
    return {folded for folded in map(_folded, [*titles, *firsts]) if folded}


def _site_names(page: Page) -> set[str]:
    """The site's name as the page gives it (og:site_name, application-name, the JSON-LD
    publisher or WebSite): a template H1's usual text."""
    names = [
        tag.content for key in ("og:site_name", "application-name") for tag in page.meta_all(key)
    ]
    for item in page.items:
        if item.is_a("WebSite", "Organization", "NewsMediaOrganization"):
            names.append(str(item.data.get("name") or ""))
        publisher = item.data.get("publisher")
        if item.is_a("Article", "NewsArticle", "BlogPosting") and isinstance(publisher, Mapping):
            names.append(str(publisher.get("name") or ""))
    # Never the headline the page declares (a home page's og:title may be the site's name).
    # The title's last " | Site" part is not used: some sites put their name first.
    return {folded for folded in map(_folded, names) if folded} - _declared_headlines(page)


def _matches_title(text: str, titles: set[str]) -> bool:
    folded = _folded(text)
    return any(folded == title for title in titles)


def _folded(text: str) -> str:
    return " ".join(folded_words(text))


@rule("heading-skipped-level", category="headings", severity="warning", weight=1)
def heading_skipped_level(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A heading in the article skips a level (an H2 followed by an H4).

    Screen-reader users navigate by heading level, and a skipped level reads as a missing
    section. Only the article's headings are checked, not the site's sidebar and footer, nor
    a related-articles or share box inside the article.
    """
    previous = None
    for heading in page.headings:
        # A related box or share bar inside the article is the template's, not the outline's.
        if not heading.in_content or not heading.text or heading.chrome:
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
