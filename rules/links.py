"""Links in the article: internal, outbound, and anchor text that says nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.links import is_nofollow, kind, site_host
from seo_audit.page.model import Link, Page
from seo_audit.text.words import cut

Outcomes = Iterator[Finding | NotApplicable]

# Lighthouse's link-text audit list, and its relatives in other words.
GENERIC_TEXTS = frozenset(
    """click here|click this|click|go|here|this|start|right here|more|more info|more information|
    information|learn more|read more|see more|continue|continue reading|this link|link|this page|
    this article|details|view|view more|find out more|read this""".replace("\n", "").split("|")
)
_BARE_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def _content_links(page: Page, wanted: str) -> list[Link]:
    host = site_host(page)
    return [link for link in page.links if link.in_content and kind(link, host) == wanted]


def _nofollow_message(links: list[Link], what: str) -> Finding | None:
    if all(is_nofollow(link) for link in links):
        return Finding(
            f"All {what} links in the article are nofollow. Let at least one pass on its value.",
            line=links[0].line,
            verdict="ok",
        )
    return None


@rule("links-internal-missing", category="links", severity="info", weight=1)
def links_internal_missing(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The article links to no other page of the site.

    Internal links help readers go on reading and help search engines find and weigh your
    pages. Relative links, and absolute links to the host of the page's canonical URL, are
    internal. Links in navigation and footers do not count.
    """
    if not page.content:
        yield NotApplicable("the page has no article text")
        return
    links = _content_links(page, "internal")
    if not links:
        yield Finding("The article links to no other page of the site. Link to related articles.")
    elif (finding := _nofollow_message(links, "internal")) is not None:
        yield finding


@rule("links-outbound-missing", category="links", severity="info", weight=1)
def links_outbound_missing(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The article links to no other site.

    Linking to sources and further reading shows readers (and search engines) where facts come
    from. Without a canonical URL every absolute link counts as outbound, as in Yoast.
    """
    if not page.content:
        yield NotApplicable("the page has no article text")
        return
    links = _content_links(page, "external")
    if not links:
        yield Finding("The article links to no other site. Link to your sources.")
    elif (finding := _nofollow_message(links, "outbound")) is not None:
        yield finding


@rule("link-text-generic", category="links", severity="warning", weight=1)
def link_text_generic(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """A link's text says nothing about where it goes ("click here", "read more", a bare URL).

    Screen-reader users list links out of context, and search engines read anchor text as a
    description of the target (Lighthouse's link-text audit). Only links in the article count.
    """
    links = [link for link in page.links if link.in_content and kind(link, "") != "other"]
    if not links:
        yield NotApplicable("the article has no links")
        return
    for link in links:
        text = link.text.strip().strip(".:!»›→… ").casefold()
        if text in GENERIC_TEXTS:
            yield Finding(
                f"The link text “{link.text.strip()}” says nothing about where it goes. Use words "
                "that describe the target, e.g. the article's title.",
                line=link.line,
            )
        elif _BARE_URL_RE.match(link.text.strip()):
            yield Finding(
                f"The link text is a bare URL ({cut(link.text.strip(), 60)}). Describe the target "
                "in words instead.",
                line=link.line,
            )
