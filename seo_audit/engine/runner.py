"""Run the selected rules over one Page and score the verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, Rule, Severity, Verdict
from seo_audit.engine.site import SiteFacts
from seo_audit.page.directives import Suppression
from seo_audit.page.metrics import metrics
from seo_audit.page.model import Page
from seo_audit.results.model import PageReport, ReportedFinding, RuleResult
from seo_audit.results.scoring import score


def run_rule(rule: Rule, page: Page, options: Mapping[str, Any]) -> RuleResult:
    if rule.requires_keyphrase and page.keyphrase is None:
        return RuleResult.of(rule, rule.severity, Verdict.NOT_APPLICABLE, reason="no keyphrase set")
    merged = {**rule.options, **options}
    findings: list[ReportedFinding] = []
    try:
        for outcome in rule.check(page, merged):
            if isinstance(outcome, NotApplicable):
                return RuleResult.of(
                    rule, rule.severity, Verdict.NOT_APPLICABLE, reason=outcome.reason
                )
            if not isinstance(outcome, Finding):
                raise TypeError(f"check yielded {type(outcome).__name__}, not a Finding")
            findings.append(_reported(rule, outcome))
    except Exception as error:  # a broken rule must not take the audit down with it
        return _crashed(rule, error)
    return RuleResult.of(rule, rule.severity, verdict_of(findings), tuple(findings))


def _reported(rule: Rule, finding: Finding) -> ReportedFinding:
    return ReportedFinding(
        rule.id, rule.category, rule.severity, finding.message, finding.line, finding.verdict
    )


def _crashed(rule: Rule, error: Exception) -> RuleResult:
    message = (
        f"Internal error in rule {rule.id} ({rule.origin}): {type(error).__name__}: {error}. "
        "This is a bug in the rule, not a problem with your page."
    )
    internal = ReportedFinding(rule.id, rule.category, Severity.WARNING, message, None, "bad")
    return RuleResult.of(rule, Severity.WARNING, Verdict.INTERNAL_ERROR, (internal,))


def audit_page(
    page: Page,
    rules: Sequence[Rule],
    known_rules: Iterable[str] = (),
) -> PageReport:
    """Run `rules` (options and severities already applied) over the page, then its own
    suppressions. `known_rules` are every loaded rule id and category, for the suppression check."""
    known = tuple(known_rules) or tuple({r.id for r in rules} | {r.category for r in rules})
    results = []
    suppressed = 0
    for rule in rules:
        if rule.scope == "site":
            continue  # run once the whole batch is in (seo_audit.batch)
        options = {"known_rules": known} if "known_rules" in rule.options else {}
        result = run_rule(rule, page, options)
        result, dropped = apply_suppressions(result, page.suppressions)
        suppressed += dropped
        results.append(result)
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
        results=tuple(results),
        suppressed=suppressed,
    )


def apply_suppressions(
    result: RuleResult, suppressions: Sequence[Suppression]
) -> tuple[RuleResult, int]:
    if not suppressions or result.verdict is Verdict.NOT_APPLICABLE:
        return result, 0
    page_wide = [s for s in suppressions if s.kind == "page"]
    whole = next((s for s in page_wide if s.covers(result.rule_id, result.category, None)), None)
    if whole is not None:
        reason = f"disabled in the page (line {whole.line})"
        return replace(result, verdict=Verdict.NOT_APPLICABLE, findings=(), reason=reason), len(
            result.findings
        )
    kept = tuple(
        f
        for f in result.findings
        if not any(s.covers(result.rule_id, result.category, f.line) for s in suppressions)
    )
    dropped = len(result.findings) - len(kept)
    if not dropped:
        return result, 0
    return replace(result, findings=kept, verdict=verdict_of(kept)), dropped


def verdict_of(findings: Sequence[ReportedFinding]) -> Verdict:
    """The verdict the remaining findings give (after suppressions or a baseline)."""
    if not findings:
        return Verdict.GOOD
    return Verdict.BAD if any(f.verdict == "bad" for f in findings) else Verdict.OK


def site_results(
    rule: Rule, facts: Sequence[SiteFacts]
) -> tuple[dict[str, list[ReportedFinding]], RuleResult | None]:
    """Run one cross-page rule over the batch: findings by page path, or the crash."""
    by_page: dict[str, list[ReportedFinding]] = {}
    try:
        for path, finding in rule.check(facts, dict(rule.options)):
            by_page.setdefault(path, []).append(_reported(rule, finding))
    except Exception as error:  # a broken rule must not take the batch down with it
        return {}, _crashed(rule, error)
    return by_page, None


def with_site_results(page: PageReport, extra: Sequence[RuleResult]) -> PageReport:
    results = page.results + tuple(extra)
    page_score, categories = score(results)
    return replace(page, results=results, score=page_score, categories=categories)
