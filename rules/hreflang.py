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
from typing import Any

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


@site_rule("hreflang-return", severity="warning", weight=1)
def hreflang_return(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """An audited page lists another audited page as its language version, and that page
    does not list it back; or one URL is given two languages across the site (regions of
    one language may share a URL: en, en-GB, en-IE).

    Google uses an hreflang pair only when both pages confirm it. Reported on every page
    involved. Pages outside the audit are not judged.
    """
    by_key: dict[str, SiteFacts] = {}
    for page in pages:
        for key in (*page.index.location_keys, page.index.canonical_key):
            if key:
                by_key.setdefault(key, page)
    languages: dict[str, dict[str, list[tuple[SiteFacts, int | None]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for page in pages:
        own = {k for k in (*page.index.location_keys, page.index.canonical_key) if k}
        for entry in page.index.hreflang:
            if entry.code != "x-default":
                # en, en-GB and en-IE may share a URL; en and de may not.
                languages[entry.key][entry.code.split("-")[0]].append((page, entry.line))
            target = by_key.get(entry.key)
            if target is None or target is page or entry.key in own:
                continue
            if not any(back.key in own for back in target.index.hreflang):
                yield (
                    page.path,
                    Finding(
                        f"The {_code_shown(entry.code)} version ({target.path}) does not list "
                        "this page back in its hreflang annotations. Add the return link there.",
                        line=entry.line,
                    ),
                )
                yield (
                    target.path,
                    Finding(
                        f"{page.path} lists this page as its {_code_shown(entry.code)} version, "
                        "but this page does not list it. Add the return link.",
                        line=target.index.canonical_line,
                    ),
                )
    for key, codes in languages.items():
        if len(codes) > 1:
            named = " and ".join(sorted(codes))
            for code, uses in codes.items():
                for page, line in uses:
                    yield (
                        page.path,
                        Finding(
                            f"{key.removeprefix('url:')} is given as {named} across the site "
                            f"(here {code}); one URL has one language.",
                            line=line,
                        ),
                    )
