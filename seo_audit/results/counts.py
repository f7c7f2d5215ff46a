"""Counts in words, for every line a report prints: "1 page", "2 pages", never "1 pages" or
"1 input(s)"."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
