"""Which pages fail the gate: findings at or above `fail-on`, or a score under `fail-under`."""

from __future__ import annotations

from collections.abc import Callable

from seo_audit.config import Config
from seo_audit.results.model import AuditReport, PageReport

_RANK = {"error": 3, "warning": 2, "info": 1}


def page_failure(page: PageReport, config: Config) -> str | None:
    """Why the page fails the gate, or None."""
    if config.fail_on != "never":
        threshold = _RANK[config.fail_on]
        worst = [f for f in page.findings if f.severity.rank >= threshold]
        if worst:
            levels = sorted({f.severity for f in worst}, key=lambda s: -s.rank)
            names = " or ".join(s.value for s in levels)
            return f"{len(worst)} finding{'s' if len(worst) > 1 else ''} of severity {names}"
    if config.fail_under is not None and page.score is not None and page.score < config.fail_under:
        return f"score {page.score} is under {config.fail_under:g}"
    return None


def failures(report: AuditReport, config_for: Callable[[str], Config]) -> dict[str, str]:
    return {
        page.path: reason
        for page in report.pages
        if (reason := page_failure(page, config_for(page.path))) is not None
    }
