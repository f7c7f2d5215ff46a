"""Finalize: everything that needs the whole batch, in one pass, producing a frozen report.

In order: the cross-page rules (their findings filtered by each page's suppressions), the
baseline (flags recorded findings, and finds the recorded ones that are gone), the scores (a
page's over its own rules; the site score over the cross-page rules' verdicts on every page),
and the gates (each page by its own config's fail-on and fail-under, which cross-page findings
meet by severity like any other; the site by --fail-under-site). Nothing is patched afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from seo_audit.config import Config
from seo_audit.engine.rule import Rule
from seo_audit.engine.runner import apply_suppressions, run_site_rule, site_result
from seo_audit.engine.selection import rule_states
from seo_audit.results.categories import ordered
from seo_audit.results.gate import page_gate, site_gate
from seo_audit.results.model import AuditReport, InputFailure, PageReport, RuleInfo, RuleResult
from seo_audit.results.scoring import score, site_score
from seo_audit.run.audit import Outcome, PageAudit
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef

if TYPE_CHECKING:
    from seo_audit.results.baseline import Baseline


@dataclass(frozen=True)
class _Audited:
    ref: SourceRef
    audit: PageAudit


def finalize(
    plan: Plan,
    outcomes: Iterable[Outcome],
    baseline: Baseline | None = None,
    on_page: Callable[[], None] | None = None,
    fail_under_site: float | None = None,
) -> AuditReport:
    audited: list[_Audited] = []
    errors: list[InputFailure] = list(plan.errors)
    for outcome in outcomes:
        if outcome.error is not None:
            errors.append(outcome.error)
        elif outcome.audit is not None:
            audited.append(_Audited(outcome.ref, outcome.audit))
        if on_page:
            on_page()
    site = _site_results(plan, audited) if plan.site and len(audited) > 1 else {}
    pages = []
    for item in audited:
        extra, suppressed = site.get(item.ref.name, ((), 0))
        pages.append(_page_report(plan, item, extra, suppressed, baseline))
    rules = _rule_infos(plan)
    overall, site_categories = site_score(pages)
    return AuditReport(
        pages=tuple(pages),
        errors=tuple(errors),
        rules=rules,
        categories=ordered(info.category for info in rules.values()),
        site_score=overall,
        site_categories=site_categories,
        site_gate=site_gate(overall, fail_under_site),
        fixed=None if baseline is None else baseline.fixed(pages),
    )


def _page_report(
    plan: Plan,
    item: _Audited,
    extra: tuple[RuleResult, ...],
    suppressed: int,
    baseline: Baseline | None,
) -> PageReport:
    return page_report(item.ref, item.audit, plan.config_for(item.ref), extra, suppressed, baseline)


def page_report(
    ref: SourceRef,
    audit: PageAudit,
    config: Config,
    extra: tuple[RuleResult, ...] = (),
    suppressed: int = 0,
    baseline: Baseline | None = None,
) -> PageReport:
    """One page's report: scored over its own results (its cross-page results are listed and
    gated, and scored in the site score), baseline marked, gated."""
    results = audit.results + tuple(replace(r, scope="site") for r in extra)
    page_score, categories = score(results)
    report = PageReport(
        path=ref.name,
        score=page_score,
        categories=categories,
        keyphrase=audit.keyphrase,
        keyphrase_source=audit.keyphrase_source,
        keyphrase_line=audit.keyphrase_line,
        title=audit.title,
        metrics=audit.metrics,
        results=results,
        suppressed=audit.suppressed + suppressed,
        kind=ref.kind,
        source_format=audit.format,
    )
    if baseline is not None:
        report = baseline.mark(report)
    return replace(report, gate=page_gate(report, config.fail_on, config.fail_under))


def _site_results(
    plan: Plan, audited: list[_Audited]
) -> dict[str, tuple[tuple[RuleResult, ...], int]]:
    """Each page's cross-page results (after its suppressions) and how many were suppressed."""
    configured = _site_rules_of(plan)
    extra: dict[str, list[RuleResult]] = {item.ref.name: [] for item in audited}
    suppressed: dict[str, int] = {}
    for rule_id in sorted({r for item in audited for r in item.audit.site_rules}):
        pages = [item for item in audited if rule_id in item.audit.site_rules]
        # A page's config may change a site rule's severity or options; the first page's is
        # the one the rule runs with, as the rule runs once for them all.
        rule = configured(plan.config_for(pages[0].ref))[rule_id]
        # What the run knows and a rule may ask for: whether it covers the whole site.
        known = {"whole_site": plan.whole_site, "site_url": plan.settings.base_url}
        context = {k: v for k, v in known.items() if v and k in rule.options}
        by_page, crashed = run_site_rule(rule, [item.audit.facts for item in pages], context)
        for item in pages:
            name = item.ref.name
            if crashed is not None:
                extra[name].append(crashed)
                continue
            own = configured(plan.config_for(item.ref))[rule_id]
            result = site_result(own, by_page.get(name, ()))
            result, dropped = apply_suppressions(result, item.audit.facts.suppressions)
            suppressed[name] = suppressed.get(name, 0) + dropped
            extra[name].append(result)
    return {name: (tuple(results), suppressed.get(name, 0)) for name, results in extra.items()}


def _site_rules_of(plan: Plan) -> Callable[[Config], dict[str, Rule]]:
    """The site rules as each config sets them, worked out once per config."""
    seen: dict[int, dict[str, Rule]] = {}

    def configured(config: Config) -> dict[str, Rule]:
        if id(config) not in seen:
            states = rule_states(plan.rules_for(config), config, None)
            seen[id(config)] = {s.rule.id: s.rule for s in states if s.rule.scope == "site"}
        return seen[id(config)]

    return configured


def _rule_infos(plan: Plan) -> dict[str, RuleInfo]:
    """Every rule the run loaded (as declared, before config changes), by id."""
    infos: dict[str, RuleInfo] = {}
    for config in plan.configs.values():
        for rule in plan.rules_for(config).rules:
            infos.setdefault(rule.id, rule.info)
    return infos
