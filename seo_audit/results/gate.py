"""The gate: whether a page passes, from findings at or above `fail-on` (baselined findings
excepted) and a score under `fail-under`; and whether the site passes, from its site score and
`--fail-under-site`. A run passes when every page and the site pass."""

from __future__ import annotations

from typing import Literal

from seo_audit.results.counts import plural
from seo_audit.results.model import AuditReport, Gate, PageReport, Severity

FAIL_ON = ("error", "warning", "info", "never")
FailOn = Literal["error", "warning", "info", "never"]


def fail_on_problem(value: object) -> str | None:
    """What is wrong with a fail-on value (from a flag or a config file), or None."""
    return None if value in FAIL_ON else f"must be one of {', '.join(FAIL_ON)}"


def fail_under_problem(value: object) -> str | None:
    """What is wrong with a fail-under value, or None."""
    problem = "must be a number from 0 to 100"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return problem
    return None if 0 <= value <= 100 else problem


def page_gate(page: PageReport, fail_on: FailOn, fail_under: float | None) -> Gate:
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        worst = [f for f in page.new_findings if f.severity.rank >= threshold]
        if worst:
            levels = sorted({f.severity for f in worst}, key=lambda s: -s.rank)
            names = " or ".join(s.value for s in levels)
            return Gate(False, f"{plural(len(worst), 'finding')} of severity {names}")
    if fail_under is not None and page.score is not None and page.score < fail_under:
        return Gate(False, f"score {page.score} is under {fail_under:g}")
    return Gate(True)


def site_gate(site_score: int | None, fail_under_site: float | None) -> Gate:
    """The site score's gate. Without a site score (a single page: no cross-page rule ran)
    there is nothing to hold against the threshold, and it passes."""
    if fail_under_site is not None and site_score is not None and site_score < fail_under_site:
        return Gate(False, f"site score {site_score} is under {fail_under_site:g}")
    return Gate(True)


def run_verdict(report: AuditReport) -> str:
    """The run's gate in words, as the last line of the text report, the GitHub summary and
    the line `-o` prints say it: 'passed (3 pages)', 'FAILED (2 of 91 pages failed; …)'."""
    pages = len(report.pages)
    reasons = []
    if report.failed:
        reasons.append(f"{report.failed} of {plural(pages, 'page')} failed")
    if report.site_gate.reason:
        reasons.append(report.site_gate.reason)
    if report.errors:
        reasons.append(f"{plural(len(report.errors), 'input')} could not be read")
    if not reasons:
        return f"passed ({plural(pages, 'page')})"
    return f"FAILED ({'; '.join(reasons)})"
