"""The gate: whether a page passes, from findings at or above `fail-on` (baselined findings
excepted) and a score under `fail-under`."""

from __future__ import annotations

from typing import Literal

from seo_audit.results.model import Gate, PageReport, Severity

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
            plural = "s" if len(worst) > 1 else ""
            return Gate(False, f"{len(worst)} finding{plural} of severity {names}")
    if fail_under is not None and page.score is not None and page.score < fail_under:
        return Gate(False, f"score {page.score} is under {fail_under:g}")
    return Gate(True)
