"""Verdicts → category scores → page score.

Each applicable rule earns points for its verdict (good 1, ok 0.5, bad 0) times its weight.
A category's score is 100 × earned / possible over its applicable rules; the page score is the
same sum over every applicable rule, so heavy rules count more wherever they sit. Rules that are
not applicable, or that crashed, are left out of both sums.
"""

from __future__ import annotations

from collections.abc import Iterable

from seo_audit.results.model import RuleResult


def score(results: Iterable[RuleResult]) -> tuple[int | None, dict[str, int]]:
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    for result in results:
        points = result.verdict.points
        if points is None:
            continue
        category = result.category
        earned[category] = earned.get(category, 0.0) + points * result.weight
        possible[category] = possible.get(category, 0.0) + result.weight
    categories = {
        name: round(100 * earned[name] / possible[name]) for name in possible if possible[name]
    }
    total = sum(possible.values())
    page = round(100 * sum(earned.values()) / total) if total else None
    return page, categories
