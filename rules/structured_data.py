"""Structured data as a whole: JSON-LD blocks that cannot be read at all, types whose rich
results Google retired, and the profiles (what Google documents per type) the structured-data
rules read."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from importlib.resources import files
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.page.structured import frozen


@rule("structured-data-invalid", category="structured-data", severity="error", weight=2)
def structured_data_invalid(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """A JSON-LD block is not valid JSON.

    Search engines and other consumers drop a block that does not parse, with everything in
    it (Article, author, dates, video). The finding points at the line of the syntax error.
    FAQPage blocks are reported by faq-schema-invalid instead.
    """
    if not page.jsonld:
        yield NotApplicable("the page has no JSON-LD")
        return
    for block in page.jsonld:
        if block.error and "faqpage" not in block.raw.lower():
            yield Finding(
                f"A JSON-LD block is not valid JSON ({block.error}); consumers ignore all of "
                "it. Fix the syntax.",
                line=block.error_line,
            )


# Profiles: what Google documents for a structured-data type, as data (seo_audit/data/profiles),
# so following Google's next change is an edit to a JSON file and its test, not to code.
PROFILES = files("seo_audit").joinpath("data/profiles")


@functools.cache
def load_profile(name: str) -> Mapping[str, Any]:
    """A profile by name (`article`, `retired`, `breadcrumb`, `hreflang`), read once per
    process (tests point PROFILES elsewhere and clear the cache)."""
    text = PROFILES.joinpath(f"{name}.json").read_text(encoding="utf-8")
    profile: Mapping[str, Any] = frozen(json.loads(text))
    return profile


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def shown_date(iso: str) -> str:
    """'2026-05-07' as '7 May 2026', '2025-06' as 'June 2025'."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{_MONTHS[parts[1] - 1]} {parts[0]}"


@rule("structured-data-deprecated", category="structured-data", severity="info", weight=0)
def structured_data_deprecated(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The page marks up a type whose Google rich result has been retired: FAQPage (since
    7 May 2026), HowTo (13 September 2023), and the types Google retired in June 2025
    (ClaimReview, SpecialAnnouncement, Occupation for estimated salaries).

    The markup is still valid schema.org that other consumers may read, so keep it if it is
    true to the page; just do not expect a Google feature from it. The list, with each
    retirement's date and Google's announcement, is data (profiles/retired.json). The
    finding carries no weight: it changes no score.
    """
    retired = load_profile("retired")["types"]
    seen: set[str] = set()
    for item in page.items:
        for name in item.types:
            if name in retired and name not in seen:
                seen.add(name)
                entry = retired[name]
                yield Finding(
                    f"{name} markup no longer earns a Google rich result: {entry['feature']} "
                    f"ended {shown_date(entry['ended'])} ({entry['source']}). The markup stays "
                    "valid schema.org for other consumers.",
                    line=item.line,
                )
    if not seen:
        yield NotApplicable("the page has no structured data of a retired type")
