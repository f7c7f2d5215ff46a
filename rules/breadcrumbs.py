"""BreadcrumbList structured data: the trail search results show above the title instead of
the URL.

What each ListItem needs is the `breadcrumb` profile (seo_audit/data/profiles/breadcrumb.json):
a position, a name and an item (the page's URL); the last may leave out its item, since it is
the page itself. Positions run 1, 2, 3… in order.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page, StructuredItem
from seo_audit.page.structured import as_array
from seo_audit.rules.structured_data import load_profile
from seo_audit.text.words import cut, folded_words


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


def _entry_name(entry: Mapping[str, Any]) -> str:
    name = entry.get("name")
    item = entry.get("item")
    if not (isinstance(name, str) and name.strip()) and isinstance(item, Mapping):
        name = item.get("name")
    return name.strip() if isinstance(name, str) else ""


def trail_names(item: StructuredItem) -> list[str]:
    """The names of a BreadcrumbList's entries, in position order."""
    entries = [
        e for e in as_array(item.data.get("itemListElement") or ()) if isinstance(e, Mapping)
    ]
    ordered = sorted(enumerate(entries), key=lambda pair: (_position(pair[1]) or pair[0], pair[0]))
    return [_entry_name(entry) for _, entry in ordered]


def _folded(name: str) -> str:
    # CMSs write entities into JSON-LD names ("&#163;71.6m"); the reader sees the character.
    return " ".join(folded_words(html.unescape(name).rstrip(".… ")))


def _same(one: Sequence[str], other: Sequence[str]) -> bool:
    # A crumb may be cut short on the page ("How to make a cold…").
    return len(one) == len(other) and all(
        a == b or (min(len(a), len(b)) >= 10 and (a.startswith(b) or b.startswith(a)))
        for a, b in zip(one, other, strict=True)
    )


def _matches(data: Sequence[str], shown: Sequence[str]) -> bool:
    """The trails agree, allowing either to leave out the home crumb (often an icon) and the
    current page (often plain text or left out)."""
    longer, shorter = (data, shown) if len(data) >= len(shown) else (shown, data)
    cuts = (longer, longer[:-1], longer[1:], longer[1:-1])
    return any(_same(cut_, shorter) for cut_ in cuts if cut_)


@rule("breadcrumb-visible", category="structured-data", severity="warning", weight=1)
def breadcrumb_visible(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The BreadcrumbList data names other crumbs, or another order, than the breadcrumb
    readers see (an element whose aria-label, class or id says breadcrumb).

    Google's guidelines forbid marking up what the page does not show, and a trail in
    search results that differs from the page's own confuses readers. Names are compared in
    order, case and accents aside; either side may leave out the home crumb and the current
    page, and a long crumb may be cut short on the page. Pages without a visible breadcrumb
    are not judged.
    """
    trails = [
        t for t in page.items_of_type(*load_profile("breadcrumb")["types"]) if any(trail_names(t))
    ]
    shown = page.visible_trail
    if not trails or shown is None:
        yield NotApplicable("the page has no BreadcrumbList data or no visible breadcrumb")
        return
    visible = [_folded(n) for n in shown.names]
    if any(_matches([_folded(n) for n in trail_names(t)], visible) for t in trails):
        return
    data = " › ".join(cut(n, 30) for n in trail_names(trails[0]))
    where = f" (line {shown.line})" if shown.line is not None else ""
    yield Finding(
        f"The BreadcrumbList trail “{cut(data, 120)}” is not the breadcrumb the page shows, "
        f"“{cut(' › '.join(shown.names), 120)}”{where}. Mark up the trail readers see.",
        line=trails[0].line,
    )
