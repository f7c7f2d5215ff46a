"""Cross-page rules: problems that only show across the pages of a batch.

They run once every page of a folder audit is in, on small per-page facts (SiteFacts), and
report on every page involved. They do not run on a single page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from seo_audit.engine.site import SiteFacts
from seo_audit.rule import Finding, site_rule

Outcomes = Iterator[tuple[str, Finding]]


def _name(path: str) -> str:
    return Path(path).name if not path.startswith("<") else path


def _others(paths: Sequence[str], me: str, limit: int = 3) -> str:
    others = [_name(p) for p in paths if p != me]
    shown = ", ".join(others[:limit])
    return shown + (f" and {len(others) - limit} more" if len(others) > limit else "")


def _groups(pages: Sequence[SiteFacts], key: Any) -> Iterator[list[SiteFacts]]:
    """Pages sharing a key (pages whose key is empty are left out), two or more at a time."""
    groups: dict[Any, list[SiteFacts]] = defaultdict(list)
    for page in pages:
        value = key(page)
        if value:
            groups[value].append(page)
    yield from (group for group in groups.values() if len(group) > 1)


def _duplicates(
    pages: Sequence[SiteFacts], value: Any, line: Any, what: str, advice: str
) -> Outcomes:
    def folded(page: SiteFacts) -> str:
        return " ".join((value(page) or "").casefold().split())

    for group in _groups(pages, folded):
        paths = [p.path for p in group]
        for page in group:
            yield (
                page.path,
                Finding(
                    f"The {what} is the same as on {len(group) - 1} other page"
                    f"{'s' if len(group) > 2 else ''} ({_others(paths, page.path)}). {advice}",
                    line=line(page),
                ),
            )


@site_rule("duplicate-title", severity="warning", weight=2)
def duplicate_title(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """Several pages share the same title.

    Search engines show one of them, or rewrite the titles; readers cannot tell the results
    apart. Compared ignoring case and spacing.
    """
    yield from _duplicates(
        pages,
        lambda p: p.title,
        lambda p: p.title_line,
        "title",
        "Give each page a title of its own.",
    )


@site_rule("duplicate-meta-description", severity="warning", weight=1)
def duplicate_meta_description(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """Several pages share the same meta description.

    Usually a template default or a copy-paste: each page's snippet should sell that page.
    """
    yield from _duplicates(
        pages,
        lambda p: p.meta_description,
        lambda p: p.meta_description_line,
        "meta description",
        "Write one for each page.",
    )


@site_rule("keyphrase-cannibalization", severity="warning", weight=2)
def keyphrase_cannibalization(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """Several pages target the same focus keyphrase.

    They compete with each other for the same searches (Yoast's "previously used keyphrase").
    Keyphrases are compared as the page rules match them: by their content words in the page's
    language ("der Sauerteig" is "Sauerteig"), by word form, in any order and case.
    """

    for group in _groups(pages, lambda page: page.keyphrase_forms):
        paths = [p.path for p in group]
        for page in group:
            yield (
                page.path,
                Finding(
                    f"The keyphrase “{page.keyphrase}” is also the focus of "
                    f"{_others(paths, page.path)}. Pick a different keyphrase, or merge the pages.",
                    line=page.keyphrase_line,
                ),
            )


@site_rule("broken-internal-link", severity="warning", weight=2)
def broken_internal_link(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """A link in the article points to a page of the same site that is not among the audited
    pages.

    Relative links are resolved against the page's path in the folder (and its URL, from its
    canonical or --base-url); absolute links count when their host is the site's. Only links
    in the article body are checked: navigation menus link to archive pages a folder export
    rarely holds.
    """
    known = {key for page in pages for key in page.keys}
    for page in pages:
        for link in page.links:
            if not any(key in known for key in link.keys):
                yield (
                    page.path,
                    Finding(
                        f"The link to {link.href[:100]} points to no page in this site. Fix the "
                        "address, or publish the page it points to.",
                        line=link.line,
                    ),
                )


@site_rule("orphan-page", severity="info", weight=1)
def orphan_page(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """No other audited page links to this page.

    Readers and crawlers find pages through links; an orphan is reached only from search or a
    sitemap. Links from article bodies count (not navigation).
    """
    if len(pages) < 2:
        return
    linked: set[str] = set()
    for page in pages:
        own = set(page.keys)
        for link in page.links:
            linked.update(k for k in link.keys if k not in own)
    for page in pages:
        if not any(key in linked for key in page.keys):
            yield (
                page.path,
                Finding("No other page links to this one. Link to it from related articles."),
            )
