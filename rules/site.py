"""Cross-page rules: problems that only show across the pages of a batch.

They run once every page of a folder audit is in, on small per-page facts (SiteFacts), and
report on every page involved. They do not run on a single page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from seo_audit.engine.site import SiteFacts, url_key
from seo_audit.rule import Finding, NotApplicable, site_rule

Outcomes = Iterator[tuple[str, Finding]]
SiteOutcomes = Iterator[tuple[str, Finding] | NotApplicable]


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


@site_rule(
    "broken-internal-link",
    severity="warning",
    weight=2,
    options={"whole_site": False, "site_url": ""},
)
def broken_internal_link(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """A link in the article points into the audited part of the site, to a page that is not
    among the audited pages.

    Links are resolved against the page's URL (its canonical, or --base-url plus its path; a
    Markdown draft's relative links from its pretty URL, posts/a.md at posts/a/) and against
    its path in the folder. Only links whose target lies inside what was audited are judged: a
    relative link that stays inside the audited folder; under the site's address when
    --base-url (option `site_url`) says which part of the site the folder is; anywhere on the
    site with --whole-site (option `whole_site`). A folder of articles with their canonical
    URLs is part of a site: links to its other pages are not judged. Links to files (images,
    PDFs, /wp-content/uploads/…) and links in navigation are not checked.
    """
    known = {key for page in pages for key in page.keys}
    scope = _Scope(options["site_url"], options["whole_site"])
    for page in pages:
        for link in page.links:
            where = next((w for key in link.keys if (w := scope.names(key)) is not None), None)
            if where is not None and not any(key in known for key in link.keys):
                count = len(pages)
                yield (
                    page.path,
                    Finding(
                        f"The link to {_cut(link.href)} is not among the {count} audited "
                        f"page{'s' if count != 1 else ''}{where}. Fix the address, or audit the "
                        "page it points to with the others.",
                        line=link.line,
                    ),
                )


def _cut(text: str, size: int = 100) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


class _Scope:
    """What a folder audit covers: the folder itself, the site's address it stands for (the
    site URL), or the whole site."""

    def __init__(self, site_url: str, whole_site: bool) -> None:
        key = url_key(site_url) if site_url else None
        self.prefix = key.rstrip("/") + "/" if key else None
        self.shown = site_url
        self.whole_site = whole_site

    def names(self, key: str) -> str | None:
        """How to name the audited part a link key lies in, or None when it lies outside."""
        if key.startswith("file:"):
            return " in this folder"  # a link out of the folder has no file key
        if self.whole_site:
            return " of this site"
        if self.prefix is not None and (key.rstrip("/") + "/").startswith(self.prefix):
            return f" under {self.shown}"
        return None


@site_rule("orphan-page", severity="info", weight=1, options={"whole_site": False})
def orphan_page(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> SiteOutcomes:
    """No other audited page links to this page.

    Readers and crawlers find pages through links; an orphan is reached only from search or a
    sitemap. Links from article bodies count (not navigation). Judged only when the audit
    covers the whole site: `--whole-site`, a site's build output folder (public/, _site/,
    dist/, out/, build/ with an index.html), or `whole_site = true` in this rule's options;
    in part of a site, a page's links may all come from pages that were not audited.
    """
    if not options["whole_site"]:
        yield NotApplicable(
            "the audit does not cover the whole site (--whole-site, or audit the build output)"
        )
        return
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
