"""Rule categories: one registry, used by every reporter.

Builtin categories come first in this order (the order a writer reads a report in); categories
that plugin and house rules bring follow, sorted.
"""

from __future__ import annotations

from collections.abc import Iterable

BUILTIN = (
    "keyphrase",
    "meta",
    "indexing",
    "content",
    "readability",
    "links",
    "images",
    "headings",
    "editorial",
    "faq",
    "embeds",
    "structured-data",
    "social",
    "site",
    "suppressions",
)


def ordered(categories: Iterable[str]) -> tuple[str, ...]:
    """Every builtin category, then the others among `categories`, each once."""
    extra = sorted(set(categories) - set(BUILTIN))
    return (*BUILTIN, *extra)


def sort_key(category: str) -> tuple[int, str]:
    return (BUILTIN.index(category) if category in BUILTIN else len(BUILTIN), category)
