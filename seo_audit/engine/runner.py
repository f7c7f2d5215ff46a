"""Run the selected rules over one Page: crash isolation, then the page's own suppressions.

The engine neither scores nor computes figures: verdicts go to `seo_audit.results` (in the run's
finalize pass), figures are the Page's own (`page.metrics`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, Rule
from seo_audit.engine.site import SiteFacts
from seo_audit.errors import Interrupted, PageTimeout
from seo_audit.page.columns import locate
from seo_audit.page.directives import Suppression
from seo_audit.page.model import Page
from seo_audit.results.model import ReportedFinding, RuleResult, Severity, Verdict


def result_of(
    rule: Rule,
    verdict: Verdict,
    findings: tuple[ReportedFinding, ...] = (),
    reason: str = "",
    severity: Severity | None = None,
) -> RuleResult:
    return RuleResult(
        rule.id, rule.category, rule.weight, severity or rule.severity, verdict, findings, reason
    )


def run_rule(rule: Rule, page: Page, options: Mapping[str, Any]) -> RuleResult:
    if rule.requires_keyphrase and page.keyphrase is None:
        return result_of(rule, Verdict.NOT_APPLICABLE, reason="no keyphrase set")
    merged = {**rule.options, **options}
    findings: list[ReportedFinding] = []
    try:
        for outcome in rule.check(page, merged):
            if isinstance(outcome, NotApplicable):
                if not isinstance(outcome.reason, str):
                    raise TypeError("NotApplicable's reason must be a string")
                return result_of(rule, Verdict.NOT_APPLICABLE, reason=outcome.reason)
            findings.append(_reported(rule, _checked(outcome), page.source_lines))
    except Interrupted:
        raise
    except PageTimeout:
        raise PageTimeout(f"in rule {rule.id}") from None
    except BaseException as error:
        # Rule code may raise SystemExit, or a KeyboardInterrupt of its own (a real Ctrl-C
        # arrives as Interrupted): a broken rule must not take the audit down with it.
        return _crashed(rule, error)
    return result_of(rule, verdict_of(findings), tuple(findings))


def _checked(outcome: object) -> Finding:
    """A rule's Finding, its fields checked here, where the rule yields it: a wrong type would
    otherwise break a format much later."""
    if not isinstance(outcome, Finding):
        raise TypeError(f"check yielded {type(outcome).__name__}, not a Finding")
    if not isinstance(outcome.message, str):
        raise TypeError(
            f"a Finding's message must be a string, not {type(outcome.message).__name__}"
        )
    line = outcome.line
    if line is not None and (isinstance(line, bool) or not isinstance(line, int)):
        raise TypeError(f"a Finding's line must be a whole number or None, not {line!r}")
    column = outcome.column
    if column is not None and (isinstance(column, bool) or not isinstance(column, int)):
        raise TypeError(f"a Finding's column must be a whole number or None, not {column!r}")
    if outcome.verdict not in ("bad", "ok"):
        raise TypeError(f"a Finding's verdict must be 'bad' or 'ok', not {outcome.verdict!r}")
    return outcome


def _reported(rule: Rule, finding: Finding, source_lines: Sequence[str] = ()) -> ReportedFinding:
    """The finding as reported, with its place on the line where the page's source shows it."""
    span = locate(source_lines, finding.line, finding.message)
    column = finding.column or (span.column if span else None)
    # The span's end only where the column is the span's own (not a rule's better one).
    end = span if span and column == span.column else None
    return ReportedFinding(
        rule.id,
        rule.category,
        rule.severity,
        finding.message,
        finding.line,
        finding.verdict,
        column=column,
        end_line=end.end_line if end else None,
        end_column=end.end_column if end else None,
    )


def _crashed(rule: Rule, error: BaseException) -> RuleResult:
    message = (
        f"Internal error in rule {rule.id} ({rule.origin}): {type(error).__name__}: {error}. "
        "This is a bug in the rule, not a problem with your page."
    )
    internal = ReportedFinding(rule.id, rule.category, Severity.WARNING, message, None, "bad")
    return result_of(rule, Verdict.INTERNAL_ERROR, (internal,), severity=Severity.WARNING)


def run_page_rules(
    page: Page, rules: Sequence[Rule], known_names: Iterable[str]
) -> tuple[tuple[RuleResult, ...], int]:
    """Run the page rules among `rules` (options and severities already applied), then the
    page's suppressions: the results, and how many findings were suppressed. `known_names` are
    every loaded rule id and category, for the suppression check."""
    known = tuple(known_names)
    results = []
    suppressed = 0
    for rule in rules:
        if rule.scope == "site":
            continue  # run once the whole batch is in (seo_audit.run.finalize)
        options = {"known_rules": known} if "known_rules" in rule.options else {}
        result, dropped = apply_suppressions(run_rule(rule, page, options), page.suppressions)
        suppressed += dropped
        results.append(result)
    return tuple(results), suppressed


def apply_suppressions(
    result: RuleResult, suppressions: Sequence[Suppression]
) -> tuple[RuleResult, int]:
    if not suppressions or result.verdict is Verdict.NOT_APPLICABLE:
        return result, 0
    page_wide = [s for s in suppressions if s.kind == "page"]
    whole = next((s for s in page_wide if s.covers(result.rule_id, result.category, None)), None)
    if whole is not None:
        reason = f"disabled in the page (line {whole.line})"
        dropped = len(result.findings)
        return replace(result, verdict=Verdict.NOT_APPLICABLE, findings=(), reason=reason), dropped
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
    """The verdict the remaining findings give (after suppressions)."""
    if not findings:
        return Verdict.GOOD
    return Verdict.BAD if any(f.verdict == "bad" for f in findings) else Verdict.OK


def run_site_rule(
    rule: Rule, facts: Sequence[SiteFacts], options: Mapping[str, Any] | None = None
) -> tuple[dict[str, list[ReportedFinding]], RuleResult | None]:
    """Run one cross-page rule over the batch: findings by page name, or the result every
    page gets instead (the crash, or not applicable to this batch)."""
    by_page: dict[str, list[ReportedFinding]] = {}
    try:
        for outcome in rule.check(facts, {**rule.options, **(options or {})}):
            if isinstance(outcome, NotApplicable):
                return {}, result_of(rule, Verdict.NOT_APPLICABLE, reason=str(outcome.reason))
            name, finding = outcome
            by_page.setdefault(str(name), []).append(_reported(rule, _checked(finding)))
    except Interrupted:
        raise
    except BaseException as error:
        return {}, _crashed(rule, error)
    return by_page, None


def site_result(rule: Rule, findings: Sequence[ReportedFinding]) -> RuleResult:
    return result_of(rule, verdict_of(findings), tuple(findings))
