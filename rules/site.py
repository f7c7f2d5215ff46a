"""Cross-page rules: problems that only show across the pages of a batch.

They run once every page of a folder audit is in, on small per-page facts (SiteFacts), and
report on every page involved. They do not run on a single page.

Every rule here is linear in the pages: two passes at most over `pages` (which may be read
back from disk, one page at a time, in a large batch), hash maps keyed by a digest of the
compared value, and for each group of pages its size and the first few names, so a template
description shared by 100,000 pages costs what 100,000 distinct ones do.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from hashlib import blake2b
from pathlib import Path
from typing import Any

from seo_audit.engine.site import SiteFacts, url_key
from seo_audit.rule import Finding, NotApplicable, site_rule

Outcomes = Iterator[tuple[str, Finding]]
SiteOutcomes = Iterator[tuple[str, Finding] | NotApplicable]

_SHOWN = 3  # other pages named in a message; the rest are counted


def _name(path: str) -> str:
    return Path(path).name if not path.startswith("<") else path


def _digest(value: str) -> bytes:
    """A compact key for a compared value: 16 bytes whatever its length (no collision in any
    batch there will ever be), so the maps hold no titles or addresses."""
    return blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Group:
    """Pages sharing a value: how many, the first few of them, and how to name the others."""

    __slots__ = ("first", "outsider", "size")

    def __init__(self) -> None:
        self.size = 0
        self.first: list[str] = []  # the first _SHOWN + 1 paths, in page order
        self.outsider: str | None = None  # the others as any page not among `first` sees them

    def others(self, me: str) -> str:
        """The other pages of the group, named up to _SHOWN and counted past that. Built once
        per group for every page but the first few (so one value on g pages costs O(g))."""
        if me not in self.first:
            if self.outsider is None:
                self.outsider = self._named(self.first[:_SHOWN])
            return self.outsider
        return self._named([p for p in self.first if p != me][:_SHOWN])

    def _named(self, shown: list[str]) -> str:
        more = self.size - 1 - len(shown)
        return ", ".join(_name(p) for p in shown) + (f" and {more} more" if more > 0 else "")


def _grouped(
    pages: Sequence[SiteFacts], key: Callable[[SiteFacts], Hashable]
) -> dict[Hashable, _Group]:
    """Every value `key` gives (empty ones left out) with its group: one pass over the pages."""
    groups: dict[Hashable, _Group] = {}
    for page in pages:
        value = key(page)
        if not value:
            continue
        group = groups.get(value)
        if group is None:
            group = groups[value] = _Group()
        group.size += 1
        if len(group.first) <= _SHOWN:
            group.first.append(page.path)
    return groups


def _shared(
    pages: Sequence[SiteFacts], key: Callable[[SiteFacts], Hashable]
) -> Iterator[tuple[SiteFacts, _Group]]:
    """Each page whose value another page shares, with its group, in page order."""
    groups = _grouped(pages, key)
    if all(group.size == 1 for group in groups.values()):
        return
    for page in pages:
        value = key(page)
        group = groups.get(value) if value else None
        if group is not None and group.size > 1:
            yield page, group


def _duplicates(
    pages: Sequence[SiteFacts],
    value: Callable[[SiteFacts], str | None],
    line: Callable[[SiteFacts], int | None],
    what: str,
    advice: str,
) -> Outcomes:
    def folded(page: SiteFacts) -> bytes | None:
        text = " ".join((value(page) or "").casefold().split())
        return _digest(text) if text else None

    for page, group in _shared(pages, folded):
        count = group.size - 1
        yield (
            page.path,
            Finding(
                f"The {what} is the same as on {count} other page{'s' if count > 1 else ''} "
                f"({group.others(page.path)}). {advice}",
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

    def forms(page: SiteFacts) -> bytes | None:
        return _digest("\0".join(page.keyphrase_forms)) if page.keyphrase_forms else None

    for page, group in _shared(pages, forms):
        yield (
            page.path,
            Finding(
                f"The keyphrase “{page.keyphrase}” is also the focus of "
                f"{group.others(page.path)}. Pick a different keyphrase, or merge the pages.",
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
    known = {_digest(key) for page in pages for key in page.keys}
    scope = _Scope(options["site_url"], options["whole_site"])
    for page in pages:
        for link in page.links:
            where = next((w for key in link.keys if (w := scope.names(key)) is not None), None)
            if where is not None and not any(_digest(key) in known for key in link.keys):
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
    linked: set[bytes] = set()
    for page in pages:
        own = set(page.keys)
        linked.update(_digest(k) for link in page.links for k in link.keys if k not in own)
    for page in pages:
        if not any(_digest(key) in linked for key in page.keys):
            yield (
                page.path,
                Finding("No other page links to this one. Link to it from related articles."),
            )
