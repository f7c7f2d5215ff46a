"""Cross-page rules: problems that only show across the pages of a batch.

They run once every page of a folder audit is in, on small per-page facts (SiteFacts), and
report on every page involved. They do not run on a single page.

Every rule here is linear in the pages: two passes at most over `pages` (which may be read
back from disk, one page at a time, in a large batch), hash maps keyed by a digest of the
compared value, and for each group of pages its size and the first few names, so a template
description shared by 100,000 pages costs what 100,000 distinct ones do.

Each rule is written as engine operations over small records, so that the same code runs
here (dicts) and on a Dask cluster (`seo_audit.run.dask_site`: group-bys and joins on the
workers): the duplicates are a group-by (`GroupBy`: a page's key, what the judgement needs of
it, the judgement of one page given its group), broken links and orphans are joins of link
targets with the pages' keys (`links_to_judge`, `page_keys`, `linked_from`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from hashlib import blake2b
from pathlib import Path
from typing import Any, NamedTuple

from seo_audit.engine.site import SiteFacts, url_key
from seo_audit.rule import Finding, NotApplicable, site_rule

Outcomes = Iterator[tuple[str, Finding]]
SiteOutcomes = Iterator[tuple[str, Finding] | NotApplicable]

_SHOWN = 3  # other pages named in a message; the rest are counted


def _name(path: str) -> str:
    return Path(path).name if not path.startswith("<") else path


def digest(value: str) -> int:
    """A compact key for a compared value: a 128-bit number whatever its length (no collision
    in any batch there will ever be), so the maps hold no titles or addresses. A number, not
    16 bytes: as small, and a Dask worker sends a bytes object as a frame of its own
    (40,000 keys took 3-4x as long to ship)."""
    hashed = blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return int.from_bytes(hashed, "little")


class Group:
    """Pages sharing a value: how many, the first few of them, and how to name the others."""

    __slots__ = ("first", "outsider", "size")

    def __init__(self) -> None:
        self.size = 0
        self.first: list[str] = []  # the first _SHOWN + 1 paths, in page order
        self.outsider: str | None = None  # the others as any page not among `first` sees them

    @classmethod
    def of(cls, paths: Sequence[str]) -> Group:
        """The group of these pages, given in page order (a Dask group, sorted)."""
        group = cls()
        group.size = len(paths)
        group.first = list(paths[: _SHOWN + 1])
        return group

    def add(self, path: str) -> None:
        self.size += 1
        if len(self.first) <= _SHOWN:
            self.first.append(path)

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


class Member(NamedTuple):
    """What a group's judgement needs of one of its pages (a small record a worker ships)."""

    path: str
    line: int | None
    text: str | None = None  # the keyphrase as the page gives it


@dataclass(frozen=True)
class GroupBy:
    """A cross-page rule as a group-by: each page's key (None leaves the page out), what the
    judgement needs of it, and the finding of one page of a group of two or more."""

    key: Callable[[SiteFacts], int | None]
    member: Callable[[SiteFacts], Member]
    judge: Callable[[Group, Member], Finding]

    def run(self, pages: Sequence[SiteFacts]) -> Outcomes:
        """Here, with dicts: a pass to size the groups, a pass to judge their pages."""
        groups: dict[Hashable, Group] = {}
        for page in pages:
            if (value := self.key(page)) is not None:
                if (group := groups.get(value)) is None:
                    group = groups[value] = Group()
                group.add(page.path)
        if all(group.size == 1 for group in groups.values()):
            return
        for page in pages:
            value = self.key(page)
            found = groups.get(value) if value is not None else None
            if found is not None and found.size > 1:
                yield page.path, self.judge(found, self.member(page))


def _folded_title(page: SiteFacts) -> int | None:
    return _folded(page.title)


def _folded_description(page: SiteFacts) -> int | None:
    return _folded(page.meta_description)


def _folded(value: str | None) -> int | None:
    text = " ".join((value or "").casefold().split())
    return digest(text) if text else None


def _title_member(page: SiteFacts) -> Member:
    return Member(page.path, page.title_line)


def _description_member(page: SiteFacts) -> Member:
    return Member(page.path, page.meta_description_line)


def _same(what: str, advice: str, group: Group, member: Member) -> Finding:
    count = group.size - 1
    return Finding(
        f"The {what} is the same as on {count} other page{'s' if count > 1 else ''} "
        f"({group.others(member.path)}). {advice}",
        line=member.line,
    )


TITLES = GroupBy(
    _folded_title, _title_member, partial(_same, "title", "Give each page a title of its own.")
)
DESCRIPTIONS = GroupBy(
    _folded_description,
    _description_member,
    partial(_same, "meta description", "Write one for each page."),
)


def _forms(page: SiteFacts) -> int | None:
    return digest("\0".join(page.keyphrase_forms)) if page.keyphrase_forms else None


def _keyphrase_member(page: SiteFacts) -> Member:
    return Member(page.path, page.keyphrase_line, page.keyphrase)


def _competing(group: Group, member: Member) -> Finding:
    return Finding(
        f"The keyphrase “{member.text}” is also the focus of "
        f"{group.others(member.path)}. Pick a different keyphrase, or merge the pages.",
        line=member.line,
    )


KEYPHRASES = GroupBy(_forms, _keyphrase_member, _competing)


@site_rule("duplicate-title", severity="warning", weight=2)
def duplicate_title(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """Several pages share the same title.

    Search engines show one of them, or rewrite the titles; readers cannot tell the results
    apart. Compared ignoring case and spacing.
    """
    yield from TITLES.run(pages)


@site_rule("duplicate-meta-description", severity="warning", weight=1)
def duplicate_meta_description(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """Several pages share the same meta description.

    Usually a template default or a copy-paste: each page's snippet should sell that page.
    """
    yield from DESCRIPTIONS.run(pages)


@site_rule("keyphrase-cannibalization", severity="warning", weight=2)
def keyphrase_cannibalization(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Outcomes:
    """Several pages target the same focus keyphrase.

    They compete with each other for the same searches (Yoast's "previously used keyphrase").
    Keyphrases are compared as the page rules match them: by their content words in the page's
    language ("der Sauerteig" is "Sauerteig"), by word form, in any order and case.
    """
    yield from KEYPHRASES.run(pages)


def page_keys(page: SiteFacts) -> Iterator[int]:
    """The keys a link may reach the page by, as digests."""
    return (digest(key) for key in page.keys)


class LinkToJudge(NamedTuple):
    """A link into the audited part of the site, to be looked up among the pages' keys."""

    path: str  # the page it is on
    order: int  # its place among that page's links
    href: str
    line: int | None
    where: str  # how to name the audited part it points into
    targets: tuple[int, ...]  # the digests of the keys it may point to


def links_to_judge(page: SiteFacts, scope: Scope) -> Iterator[LinkToJudge]:
    for order, link in enumerate(page.links):
        where = next((w for key in link.keys if (w := scope.names(key)) is not None), None)
        if where is not None:
            targets = tuple(digest(key) for key in link.keys)
            yield LinkToJudge(page.path, order, link.href, link.line, where, targets)


def broken_link(link: LinkToJudge, count: int) -> Finding:
    """The finding on a link none of whose targets is among the `count` audited pages."""
    return Finding(
        f"The link to {_cut(link.href)} is not among the {count} audited "
        f"page{'s' if count != 1 else ''}{link.where}. Fix the address, or audit the "
        "page it points to with the others.",
        line=link.line,
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
    known = {key for page in pages for key in page_keys(page)}
    scope = Scope(options["site_url"], options["whole_site"])
    count = len(pages)
    for page in pages:
        for link in links_to_judge(page, scope):
            if not any(target in known for target in link.targets):
                yield page.path, broken_link(link, count)


def _cut(text: str, size: int = 100) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


class Scope:
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


def linked_from(page: SiteFacts) -> Iterator[int]:
    """The keys the page's links reach, as digests, its own left out (a page linking itself
    is still an orphan)."""
    own = set(page.keys)
    return (digest(k) for link in page.links for k in link.keys if k not in own)


def orphans_judged(options: Mapping[str, Any]) -> NotApplicable | None:
    """Why orphans are not judged in this audit, or None when they are."""
    if options["whole_site"]:
        return None
    return NotApplicable(
        "the audit does not cover the whole site (--whole-site, or audit the build output)"
    )


def orphan() -> Finding:
    return Finding("No other page links to this one. Link to it from related articles.")


@site_rule("orphan-page", severity="info", weight=1, options={"whole_site": False})
def orphan_page(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> SiteOutcomes:
    """No other audited page links to this page.

    Readers and crawlers find pages through links; an orphan is reached only from search or a
    sitemap. Links from article bodies count (not navigation). Judged only when the audit
    covers the whole site: `--whole-site`, a site's build output folder (public/, _site/,
    dist/, out/, build/ with an index.html), or `whole_site = true` in this rule's options;
    in part of a site, a page's links may all come from pages that were not audited.
    """
    if (why := orphans_judged(options)) is not None:
        yield why
        return
    if len(pages) < 2:
        return
    linked = {key for page in pages for key in linked_from(page)}
    for page in pages:
        if not any(key in linked for key in page_keys(page)):
            yield page.path, orphan()
