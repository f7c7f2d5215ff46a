"""hreflang: the `<link rel="alternate" hreflang="…">` annotations that tell search engines
which page is which language's version.

Google reads a language code (ISO 639-1), optionally a script and a region (ISO 3166-1
alpha-2: `en-GB`, never `en-UK`), or `x-default`; each URL absolute; every page of the set
listing all of them, itself included, and each alternate linking back. The code lists are
the `hreflang` profile (seo_audit/data/profiles/hreflang.json).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.engine.site import SiteFacts
from seo_audit.page.head import header_link_tags
from seo_audit.page.model import LinkTag, Page
from seo_audit.rule import site_rule
from seo_audit.rules.canonical import comparable
from seo_audit.rules.structured_data import load_profile
from seo_audit.text.urls import split_url
from seo_audit.text.words import cut

# Regions people write that are not ISO 3166-1 codes, and the code Google reads.
_KNOWN_SLIPS = {"uk": "gb", "en": None, "eu": None, "la": None}


def alternates(page: Page) -> tuple[LinkTag, ...]:
    """The hreflang annotations: `<link rel="alternate" hreflang>` tags, then a fetched
    page's `Link:` header ones (line None)."""
    tags = page.link_tags
    if page.http is not None:
        tags += header_link_tags(page.http.header_values("link"))
    return tuple(t for t in tags if "alternate" in t.rel and t.hreflang)


def code_problem(code: str) -> str | None:
    """Why Google cannot read an hreflang value, or None."""
    profile = load_profile("hreflang")
    value = code.strip()
    if value.lower() == "x-default":
        return None
    if "_" in value:
        return f"uses “_”; write it with a hyphen ({value.replace('_', '-')})"
    parts = value.split("-")
    language, rest = parts[0].lower(), parts[1:]
    if language not in profile["languages"]:
        if language.upper() in profile["regions"] and not rest:
            return "is a region alone; start with the language (en-GB, de-AT)"
        return "does not start with an ISO 639-1 language code (en, de, pt)"
    if rest and rest[0].title() in profile["scripts"] and len(rest[0]) == 4:
        rest = rest[1:]
    if len(rest) > 1:
        return "has more parts than language, script and region"
    if rest:
        region = rest[0]
        if region.upper() not in profile["regions"]:
            better = _KNOWN_SLIPS.get(region.lower())
            hint = f"; {language}-{better.upper()} is meant" if better else ""
            return f"has “{region}”, which is no ISO 3166-1 region code{hint}"
    return None


def _self_url(page: Page) -> str | None:
    for url in (
        next((t.href for t in page.links_with_rel("canonical")), None),
        page.canonical,
        page.http.final_url if page.http else None,
    ):
        split = split_url(url) if url else None
        if split is not None and split.scheme in ("http", "https") and split.hostname:
            return url
    return None


def _where(tag: LinkTag) -> str:
    return " in the Link header" if tag.line is None else ""


@rule("hreflang-invalid", category="indexing", severity="warning", weight=1)
def hreflang_invalid(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """An hreflang annotation Google cannot use: a code that is no language (and region) code
    (`en-UK`, `en_GB`, `gb`, `eng`), a relative or malformed URL, or one code given for two
    different URLs.

    Google ignores such an annotation, and with it, often, the whole set.
    """
    found = alternates(page)
    if not found:
        yield NotApplicable("the page has no hreflang annotations")
        return
    seen: dict[str, str] = {}
    for tag in found:
        code = tag.hreflang or ""
        problem = code_problem(code)
        if problem is not None:
            yield Finding(f"hreflang “{cut(code, 30)}”{_where(tag)} {problem}.", line=tag.line)
        split = split_url(tag.href) if tag.href else None
        if split is None or split.scheme not in ("http", "https") or not split.hostname:
            yield Finding(
                f"The hreflang “{cut(code, 30)}” URL “{cut(tag.href, 80)}”{_where(tag)} is not "
                "a full address; hreflang needs absolute URLs (https://…).",
                line=tag.line,
            )
            continue
        folded = code.strip().lower()
        if folded in seen and seen[folded] != comparable(tag.href):
            yield Finding(
                f"hreflang “{cut(code, 30)}” is given for two URLs; keep one page per language.",
                line=tag.line,
            )
        seen.setdefault(folded, comparable(tag.href))


@rule("hreflang-self", category="indexing", severity="warning", weight=1)
def hreflang_self(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page lists language versions but not itself.

    Each page of a set must name every version, its own included; without the self-reference
    Google may ignore the set. The page's own address is its canonical URL (or, fetched, its
    URL).
    """
    found = alternates(page)
    own = _self_url(page)
    if not found or own is None:
        yield NotApplicable("the page has no hreflang annotations, or its own URL is unknown")
        return
    if not any(comparable(t.href) == comparable(own) for t in found):
        yield Finding(
            f"The hreflang annotations list {len(found)} versions but not this page "
            f"({cut(own, 80)}). Add its own language with its own URL.",
            line=found[0].line,
        )


@rule("hreflang-x-default", category="indexing", severity="info", weight=0)
def hreflang_x_default(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """Language versions are listed without an `x-default`.

    `x-default` names the page for searchers whose language none of the versions matches
    (often a language picker or the main edition). Advice.
    """
    found = alternates(page)
    codes = {(t.hreflang or "").strip().lower() for t in found}
    if len(codes) < 2:
        yield NotApplicable("the page lists fewer than two language versions")
        return
    if "x-default" not in codes:
        yield Finding(
            f"The page lists {len(codes)} language versions and no x-default. Add "
            '<link rel="alternate" hreflang="x-default" href="…"> for everyone else.',
            line=found[0].line,
        )


def _code_shown(code: str) -> str:
    return code if code == "x-default" else re.sub(r"-(\w+)$", lambda m: "-" + m[1].upper(), code)


class Claim(NamedTuple):
    """A page as an hreflang annotation may name it: by one of its keys (a small record)."""

    position: int  # the page's place in the batch: the first page known by a key is the one
    path: str
    line: int | None  # its canonical's, where a finding about the page goes
    own: tuple[str, ...]  # every key it is known by
    backs: tuple[str, ...]  # the keys its own annotations list


class Annotation(NamedTuple):
    """One hreflang annotation of a page, naming the page known by a key."""

    position: int
    order: int  # its place among the page's annotations
    path: str
    code: str
    line: int | None
    own: tuple[str, ...]  # the keys of the page it is on


# Where a finding comes in a page's list: the order the rule gave them in when it was one loop.
Place = tuple[int, ...]
Found = tuple[Place, str, Finding]


def _own_keys(page: SiteFacts) -> tuple[str, ...]:
    keys = (*page.index.location_keys, page.index.canonical_key)
    return tuple(dict.fromkeys(k for k in keys if k))


def claims_of(page: SiteFacts, position: int) -> Iterator[tuple[str, Claim]]:
    own = _own_keys(page)
    backs = tuple(entry.key for entry in page.index.hreflang)
    line = page.index.canonical_line
    return ((key, Claim(position, page.path, line, own, backs)) for key in own)


def annotations_of(page: SiteFacts, position: int) -> Iterator[tuple[str, Annotation]]:
    own = _own_keys(page)
    for order, entry in enumerate(page.index.hreflang):
        yield entry.key, Annotation(position, order, page.path, entry.code, entry.line, own)


def judge_key(key: str, claimed: Sequence[Claim], named: Sequence[Annotation]) -> Iterator[Found]:
    """The findings about the annotations naming one key: a missing return link, on both
    pages; one URL given two languages, on each annotation. `claimed` and `named` are every
    page known by the key and every annotation naming it, in any order (a self-join's group)."""
    target = min(claimed) if claimed else None
    named = sorted(named)
    if target is not None:
        yield from _unreturned(key, target, named)
    yield from _two_languages(key, named)


def _unreturned(key: str, target: Claim, named: Sequence[Annotation]) -> Iterator[Found]:
    for note in named:
        if target.position == note.position or key in note.own:
            continue
        if not any(back in note.own for back in target.backs):
            code = _code_shown(note.code)
            yield (
                (0, note.position, note.order, 0),
                note.path,
                Finding(
                    f"The {code} version ({target.path}) does not list this page back in its "
                    "hreflang annotations. Add the return link there.",
                    line=note.line,
                ),
            )
            yield (
                (0, note.position, note.order, 1),
                target.path,
                Finding(
                    f"{note.path} lists this page as its {code} version, but this page does "
                    "not list it. Add the return link.",
                    line=target.line,
                ),
            )


def _two_languages(key: str, named: Sequence[Annotation]) -> Iterator[Found]:
    # en, en-GB and en-IE may share a URL; en and de may not.
    languages: dict[str, list[Annotation]] = {}
    for note in named:
        if note.code != "x-default":
            languages.setdefault(note.code.split("-")[0], []).append(note)
    if len(languages) < 2:
        return
    both = " and ".join(sorted(languages))
    first = next(iter(languages.values()))[0]
    for code, uses in languages.items():
        start = uses[0]
        place = (1, first.position, first.order, start.position, start.order)
        for note in uses:
            yield (
                (*place, note.position, note.order),
                note.path,
                Finding(
                    f"{key.removeprefix('url:')} is given as {both} across the site "
                    f"(here {code}); one URL has one language.",
                    line=note.line,
                ),
            )


@site_rule("hreflang-return", severity="warning", weight=1)
def hreflang_return(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """An audited page lists another audited page as its language version, and that page
    does not list it back; or one URL is given two languages across the site (regions of
    one language may share a URL: en, en-GB, en-IE).

    Google uses an hreflang pair only when both pages confirm it. Reported on every page
    involved. Pages outside the audit are not judged.
    """
    # A self-join on the keys, here with dicts (on a cluster: seo_audit.run.dask_site).
    named: dict[str, list[Annotation]] = defaultdict(list)
    for position, page in enumerate(pages):
        for key, note in annotations_of(page, position):
            named[key].append(note)
    if not named:
        return
    claimed: dict[str, Claim] = {}
    for position, page in enumerate(pages):
        for key, claim in claims_of(page, position):
            if key in named:
                claimed.setdefault(key, claim)
    found = [
        finding
        for key, notes in named.items()
        for finding in judge_key(key, [claimed[key]] if key in claimed else [], notes)
    ]
    found.sort(key=lambda item: item[0])
    for _, path, finding in found:
        yield path, finding
