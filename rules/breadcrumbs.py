"""BreadcrumbList structured data: the trail search results show above the title instead of
the URL.

What each ListItem needs is the `breadcrumb` profile (seo_audit/data/profiles/breadcrumb.json):
a position, a name and an item (the page's URL); the last may leave out its item, since it is
the page itself. Positions run 1, 2, 3… in order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page, StructuredItem
from seo_audit.page.structured import as_array
from seo_audit.rules.structured_data import load_profile


def _position(entry: Mapping[str, Any]) -> int | None:
    value = entry.get("position")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _has(entry: Mapping[str, Any], name: str) -> bool:
    """A ListItem's property, also where the older form puts it (`item: {"@id", "name"}`)."""
    value = entry.get(name)
    if name == "item" and isinstance(value, Mapping):
        return bool(value.get("@id") or value.get("url") or value.get("id"))
    if isinstance(value, str):
        return bool(value.strip())
    if value is not None:
        return True
    item = entry.get("item")
    return name == "name" and isinstance(item, Mapping) and bool(item.get("name"))


def trail_problems(item: StructuredItem) -> Iterator[str]:
    profile = load_profile("breadcrumb")
    required: Sequence[str] = profile["item_properties"]
    may_omit: Sequence[str] = profile["last_may_omit"]
    entries = [
        e for e in as_array(item.data.get("itemListElement") or ()) if isinstance(e, Mapping)
    ]
    if not entries:
        yield "has no itemListElement entries"
        return
    positions = [_position(e) for e in entries]
    if all(p is not None for p in positions):
        ordered = sorted(p for p in positions if p is not None)
        if ordered != list(range(1, len(entries) + 1)):
            shown = ", ".join(str(p) for p in positions)
            yield f"has positions {shown}; number them 1 to {len(entries)} without gaps"
    for index, (entry, position) in enumerate(zip(entries, positions, strict=True), start=1):
        last = index == len(entries)
        missing = [
            name
            for name in required
            if not (last and name in may_omit)
            and (name != "position" or position is None)
            and (name == "position" or not _has(entry, name))
        ]
        if missing:
            yield f"entry {index} has no {' or '.join(missing)}"


@rule("breadcrumb-invalid", category="structured-data", severity="warning", weight=1)
def breadcrumb_invalid(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The BreadcrumbList data is broken: positions that do not run 1..n, or an entry
    without a position, a name or an item (the last entry may leave out its item).

    Google drops a breadcrumb trail it cannot read and shows the URL instead.
    """
    trails = page.items_of_type(*load_profile("breadcrumb")["types"])
    if not trails:
        yield NotApplicable("the page has no BreadcrumbList data")
        return
    for trail in trails:
        for problem in trail_problems(trail):
            yield Finding(f"The BreadcrumbList {problem}.", line=trail.line)
