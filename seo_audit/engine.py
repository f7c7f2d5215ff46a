"""Run the selected rules over one Page and score the verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from seo_audit.analysis import metrics
from seo_audit.page import Page
from seo_audit.report import PageReport, ReportedFinding, RuleResult
from seo_audit.rule import Finding, NotApplicable, Rule, Severity, Verdict
from seo_audit.scoring import score


def run_rule(rule: Rule, page: Page, options: Mapping[str, Any]) -> RuleResult:
    if rule.requires_keyphrase and page.keyphrase is None:
        return RuleResult(rule, rule.severity, Verdict.NOT_APPLICABLE, reason="no keyphrase set")
    merged = {**rule.options, **options}
    findings: list[ReportedFinding] = []
    verdict = Verdict.GOOD
    try:
        for outcome in rule.check(page, merged):
            if isinstance(outcome, NotApplicable):
                return RuleResult(
                    rule, rule.severity, Verdict.NOT_APPLICABLE, reason=outcome.reason
                )
            if not isinstance(outcome, Finding):
                raise TypeError(f"check yielded {type(outcome).__name__}, not a Finding")
            findings.append(
                ReportedFinding(
                    rule.id,
                    rule.category,
                    rule.severity,
                    outcome.message,
                    outcome.line,
                    outcome.verdict,
                )
            )
            if outcome.verdict == "bad" or verdict is Verdict.GOOD:
                verdict = Verdict(outcome.verdict)
    except Exception as error:  # a broken rule must not take the audit down with it
        message = (
            f"Internal error in rule {rule.id} ({rule.origin}): {type(error).__name__}: {error}. "
            "This is a bug in the rule, not a problem with your page."
        )
        internal = ReportedFinding(rule.id, rule.category, Severity.WARNING, message, None, "bad")
        return RuleResult(rule, Severity.WARNING, Verdict.INTERNAL_ERROR, (internal,))
    return RuleResult(rule, rule.severity, verdict, tuple(findings))


def audit_page(
    page: Page,
    rules: Sequence[Rule],
    rule_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> PageReport:
    rule_options = rule_options or {}
    results = tuple(run_rule(rule, page, rule_options.get(rule.id, {})) for rule in rules)
    page_score, categories = score(results)
    keyphrase = page.keyphrase
    return PageReport(
        path=page.path,
        score=page_score,
        categories=categories,
        keyphrase=keyphrase.text if keyphrase else None,
        keyphrase_source=keyphrase.source if keyphrase else None,
        keyphrase_line=keyphrase.line if keyphrase else None,
        title=page.title,
        metrics=metrics(page),
        results=_ordered(results),
    )


def _ordered(results: Iterable[RuleResult]) -> tuple[RuleResult, ...]:
    return tuple(results)
