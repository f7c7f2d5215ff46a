"""Finalize: everything that needs the whole batch, in one pass, producing a frozen report.

In order: the cross-page rules (their findings filtered by each page's suppressions), the
baseline (flags recorded findings, and finds the recorded ones that are gone), the scores (a
page's over its own rules; the site score over the cross-page rules' verdicts on every page),
and the gates (each page by its own config's fail-on and fail-under, which cross-page findings
meet by severity like any other; the site by --fail-under-site). Nothing is patched afterwards.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, overload

from seo_audit.config import Config
from seo_audit.engine.rule import Rule
from seo_audit.engine.runner import apply_suppressions, run_site_rule, site_result
from seo_audit.engine.selection import rule_states
from seo_audit.engine.site import SiteFacts
from seo_audit.results.categories import ordered
from seo_audit.results.gate import page_gate, site_gate
from seo_audit.results.model import (
    AuditReport,
    InputFailure,
    PageReport,
    ReportedFinding,
    RuleInfo,
    RuleResult,
)
from seo_audit.results.scoring import score, site_score
from seo_audit.results.spill import Spill
from seo_audit.run.audit import Outcome, PageAudit, pack
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef

if TYPE_CHECKING:
    from seo_audit.results.baseline import Baseline


# How a cross-page rule is run over the batch's facts: the engine's run_site_rule, or an
# executor's that runs it where the facts are (run.dask.DaskRun.run_site_rule).
SiteRunner = Callable[
    [Rule, Sequence[SiteFacts], Mapping[str, Any]],
    tuple[dict[str, list[ReportedFinding]], RuleResult | None],
]


@dataclass(frozen=True)
class _Audited:
    ref: SourceRef
    audit: bytes  # the PageAudit pickled (a worker's `Packed.audit`)


@dataclass
class _Batch:
    """The pages collected so far: on disk (each audit, and its SiteFacts apart, as the
    cross-page rules read only those), with a few references a page in memory."""

    audited: Spill[_Audited] = field(default_factory=Spill)
    facts: Spill[SiteFacts] = field(default_factory=Spill)
    names: list[str] = field(default_factory=list)
    configs: list[Config] = field(default_factory=list)
    site_rules: list[tuple[str, ...]] = field(default_factory=list)  # shared tuples

    def add(self, plan: Plan, outcome: Outcome, shared: dict[Any, Any]) -> None:
        ref = outcome.ref
        # As a worker packed it (or packed here, for audits made in this process).
        packed = outcome.packed
        if packed is None:
            assert outcome.audit is not None, "add takes audited outcomes"
            packed = pack(outcome.audit)
        self.audited.append(_Audited(ref, packed.audit))
        self.facts.append_pickled(packed.facts)
        self.names.append(ref.name)
        self.configs.append(plan.config_for(ref))
        self.site_rules.append(shared.setdefault(packed.site_rules, packed.site_rules))

    def close(self) -> None:
        self.audited.close()
        self.facts.close()


@contextmanager
def _collecting() -> Iterator[None]:
    """What is alive when results start to stream in (modules, rules, the plan) frozen out
    of the cyclic collector's scans: each full scan cost more as the heap grew (0.14 -> 0.32
    ms a page from 1,000 to 20,000 pages when every report was kept). The collector stays on:
    with --jobs 1 the pages are built in this process, and page building leaves cyclic
    garbage (~26 objects, ~33 KB a page measured on the corpus) that only it frees."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def finalize(
    plan: Plan,
    outcomes: Iterable[Outcome],
    baseline: Baseline | None = None,
    on_page: Callable[[], None] | None = None,
    fail_under_site: float | None = None,
) -> AuditReport:
    """The frozen report. Its pages are a `Spill`: written to a temporary file as they are
    made and read back one at a time by each format, so the parent's memory does not grow
    with the pages (a few references and the cross-page rules' digests a page)."""
    batch = _Batch()
    errors: list[InputFailure] = list(plan.errors)
    shared: dict[Any, Any] = {}
    with _collecting():
        for outcome in outcomes:
            if outcome.error is not None:
                errors.append(outcome.error)
            elif outcome.audited:
                batch.add(plan, outcome, shared)
            if on_page:
                on_page()
    try:
        if plan.site and len(batch.names) > 1:
            site = _site_results(plan, batch, getattr(outcomes, "run_site_rule", run_site_rule))
        else:
            site = []
    finally:
        # A run that keeps its pages' facts elsewhere (Dask: on the cluster) runs the
        # cross-page rules that are engine operations there, then lets go of its workers.
        if (close := getattr(outcomes, "close", None)) is not None:
            close()
    pages: Spill[PageReport] = Spill()
    failed = 0

    def reports() -> Iterator[PageReport]:
        # Made once, spilled as made; the site score reads them on the way, and the failing
        # pages are counted here, not by another pass reading every report back.
        nonlocal failed
        for index, item in enumerate(batch.audited):
            extra, suppressed = site[index] if site else ((), 0)
            report = _page_report(plan, item, extra, suppressed, baseline)
            pages.append(report)
            failed += not report.gate.passed
            yield report

    overall, site_categories = site_score(reports())
    batch.close()
    rules = _rule_infos(plan)
    return AuditReport(
        pages=pages,
        errors=tuple(errors),
        rules=rules,
        categories=ordered(info.category for info in rules.values()),
        site_score=overall,
        site_categories=site_categories,
        site_gate=site_gate(overall, fail_under_site),
        fixed=None if baseline is None else baseline.fixed(pages),
        failed_count=failed,
    )


def _page_report(
    plan: Plan,
    item: _Audited,
    extra: tuple[RuleResult, ...],
    suppressed: int,
    baseline: Baseline | None,
) -> PageReport:
    audit: PageAudit = pickle.loads(item.audit)  # our own spill: what we wrote
    return page_report(item.ref, audit, plan.config_for(item.ref), extra, suppressed, baseline)


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
    # finalize's site results are scoped already (made once, shared by the pages).
    results = audit.results + tuple(
        r if r.scope == "site" else replace(r, scope="site") for r in extra
    )
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


class _Members(Sequence[SiteFacts]):
    """The facts of the pages a cross-page rule is on, when it is not on every page."""

    def __init__(self, facts: Spill[SiteFacts], indices: list[int]) -> None:
        self._facts, self._indices, self._set = facts, indices, frozenset(indices)

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, index: int) -> SiteFacts: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SiteFacts]: ...

    def __getitem__(self, index: int | slice) -> SiteFacts | Sequence[SiteFacts]:
        if isinstance(index, slice):
            return tuple(self._facts[i] for i in self._indices[index])
        return self._facts[self._indices[index]]

    def __iter__(self) -> Iterator[SiteFacts]:
        return (facts for i, facts in enumerate(self._facts) if i in self._set)


def _site_results(
    plan: Plan, batch: _Batch, run: SiteRunner = run_site_rule
) -> list[tuple[tuple[RuleResult, ...], int]]:
    """Each page's cross-page results (after its suppressions) and how many were suppressed,
    by the page's place in the batch."""
    configured = _site_rules_of(plan)
    everyone = range(len(batch.names))
    ran: list[tuple[str, set[int] | None, dict[str, list[ReportedFinding]], RuleResult | None]]
    ran = []
    for rule_id in sorted({r for rules in set(batch.site_rules) for r in rules}):
        members = [i for i in everyone if rule_id in batch.site_rules[i]]
        # A page's config may change a site rule's severity or options; the first page's is
        # the one the rule runs with, as the rule runs once for them all.
        rule = configured(batch.configs[members[0]])[rule_id]
        # What the run knows and a rule may ask for: whether it covers the whole site.
        known = {"whole_site": plan.whole_site, "site_url": plan.settings.base_url}
        context = {k: v for k, v in known.items() if v and k in rule.options}
        every = len(members) == len(batch.names)
        view = batch.facts if every else _Members(batch.facts, members)
        by_page, crashed = run(rule, view, context)
        # Scoped here, once, not copied for every page by page_report.
        crashed = None if crashed is None else replace(crashed, scope="site")
        ran.append((rule_id, None if every else set(members), by_page, crashed))
    # A page without findings gets the same result as every other of its config: made once.
    clean: dict[tuple[str, int], RuleResult] = {}
    site: list[tuple[tuple[RuleResult, ...], int]] = []
    # Pages of one config with no cross-page finding share one entry (most pages of a site).
    shared: dict[tuple[RuleResult, ...], tuple[tuple[RuleResult, ...], int]] = {}
    for index, page in enumerate(batch.facts):
        extra: list[RuleResult] = []
        suppressed = 0
        name, config = batch.names[index], batch.configs[index]
        for rule_id, among, by_page, crashed in ran:
            if among is not None and index not in among:
                continue
            if crashed is not None:
                extra.append(crashed)
                continue
            own = configured(config)[rule_id]
            found = by_page.get(name)
            if found:
                result = replace(site_result(own, found), scope="site")
            elif (key := (rule_id, id(own))) in clean:
                result = clean[key]
            else:
                result = clean[key] = replace(site_result(own, ()), scope="site")
            result, dropped = apply_suppressions(result, page.suppressions)
            suppressed += dropped
            extra.append(result)
        results = tuple(extra)
        if not suppressed and all(not r.findings for r in results):
            site.append(shared.setdefault(results, (results, 0)))
        else:
            site.append((results, suppressed))
    return site


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
