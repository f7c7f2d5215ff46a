"""Verdicts → category scores → page score, and the site score of a folder run.

Each applicable rule earns points for its verdict (good 1, ok 0.5, bad 0) times its weight.
A category's score is 100 × earned / possible over its applicable rules; the page score is the
same sum over every applicable page rule, so heavy rules count more wherever they sit. Rules that
are not applicable, or that crashed, are left out of both sums; a category none of whose rules
applied has no score ("n/a" in reports), never 0.

Cross-page rules (`scope == "site"`) are not in the page score: a page scores the same alone, in
a list and in its folder. Their verdicts on every page of the run make the site score instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from seo_audit.results.model import POINTS, PageReport, RuleResult

# Rules whose verdict says that their category could not be measured: without a keyphrase every
# other keyphrase rule is skipped. They count in the page score (a page without a keyphrase is
# worse for it) but not in their category's, which then reads n/a rather than 0.
PRECONDITIONS = frozenset({"keyphrase-missing"})


def score(results: Iterable[RuleResult]) -> tuple[int | None, dict[str, int]]:
    """The page score and category scores of a page's own results (site results left out)."""
    return _score(r for r in results if r.scope != "site")


def site_score(pages: Iterable[PageReport]) -> tuple[int | None, dict[str, int]]:
    """The site score: every page's cross-page results, scored as one page's are (None when no
    cross-page rule ran, as on a single page)."""
    return _score(r for page in pages for r in page.site_results)


def _score(results: Iterable[RuleResult]) -> tuple[int | None, dict[str, int]]:
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    total_earned = total_possible = 0.0
    for result in results:
        points = POINTS.get(result.verdict)
        if points is None:
            continue
        total_earned += points * result.weight
        total_possible += result.weight
        if result.rule_id in PRECONDITIONS:
            continue
        category = result.category
        earned[category] = earned.get(category, 0.0) + points * result.weight
        possible[category] = possible.get(category, 0.0) + result.weight
    categories = {
        name: round(100 * earned[name] / possible[name]) for name in possible if possible[name]
    }
    page = round(100 * total_earned / total_possible) if total_possible else None
    return page, categories


def unscored_categories(results: Iterable[RuleResult]) -> list[str]:
    """The categories of rules that ran on the page but none applied (reports show n/a)."""
    ran: dict[str, bool] = {}
    for result in results:
        if result.scope == "site":
            continue
        applies = result.verdict.points is not None and result.rule_id not in PRECONDITIONS
        ran[result.category] = ran.get(result.category, False) or (applies and result.weight > 0)
    return [name for name, applied in ran.items() if not applied]
