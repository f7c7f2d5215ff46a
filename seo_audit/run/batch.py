"""Audit many pages: in order, in parallel, then the cross-page rules.

The per-page audit is a pure function of a path and the settings, run in worker processes
(`--jobs`) or on a Dask cluster (`--scheduler`). Workers send back small results (the page
report and its SiteFacts), never parsed trees, so memory stays flat as the page count grows;
at most a few chunks per worker are in flight, and results come out in the input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from seo_audit.engine.runner import apply_suppressions, site_results, verdict_of, with_site_results
from seo_audit.engine.site import SiteFacts
from seo_audit.errors import InputError
from seo_audit.results.model import AuditReport, InputFailure, PageReport, RuleResult
from seo_audit.run.plan import Auditor, AuditSettings
from seo_audit.sources.discover import WalkError

CHUNK = 4  # pages per task: enough to hide the hand-off cost, small enough to keep order smooth
Task = tuple[str, str | None]  # path, folder it was found in


@dataclass(frozen=True)
class Outcome:
    path: str
    report: PageReport | None = None
    facts: SiteFacts | None = None
    site_rules: tuple[str, ...] = ()
    error: InputFailure | None = None


_auditors: dict[AuditSettings, Auditor] = {}


def _auditor(settings: AuditSettings) -> Auditor:
    # One Auditor per process and settings: configs and rules are read once per worker.
    if settings not in _auditors:
        _auditors[settings] = Auditor(settings)
    return _auditors[settings]


def audit_chunk(settings: AuditSettings, tasks: Sequence[Task]) -> list[Outcome]:
    """The unit of work a worker (process or Dask) runs: pages in, small results out."""
    auditor = _auditor(settings)
    outcomes = []
    for path, root in tasks:
        try:
            report, facts, site_rules = auditor.audit(path, Path(root) if root else None)
        except InputError as error:
            outcomes.append(Outcome(path, error=InputFailure(error.path, error.problem)))
            continue
        outcomes.append(Outcome(path, report, facts, site_rules))
    return outcomes


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(
    submit: Callable[[list[Task]], Future[list[Outcome]]], chunks: Iterator[list[Task]], window: int
) -> Iterator[Outcome]:
    pending: deque[Future[list[Outcome]]] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _pool(jobs: int) -> Executor:
    # fork starts workers with everything already imported; elsewhere use the default.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def run_outcomes(
    tasks: Sequence[Task], settings: AuditSettings, jobs: int, scheduler: str | None = None
) -> Iterator[Outcome]:
    if scheduler:
        from seo_audit.run.dask import run_on_cluster

        yield from run_on_cluster(tasks, settings, scheduler)
    elif jobs <= 1 or len(tasks) <= CHUNK:
        for chunk in _chunks(tasks, CHUNK):
            yield from audit_chunk(settings, chunk)
    else:
        with _pool(jobs) as pool:
            yield from _in_order(
                lambda chunk: pool.submit(audit_chunk, settings, chunk),
                _chunks(tasks, CHUNK),
                window=jobs * 3,
            )


def run_batch(
    paths: Sequence[str],
    settings: AuditSettings,
    jobs: int = 1,
    scheduler: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: Callable[[], None] | None = None,
    auditor: Auditor | None = None,
) -> AuditReport:
    # Flags and configs are checked here, before any worker starts.
    auditor = auditor or Auditor(settings)
    report = AuditReport()
    tasks: list[Task] = []
    for entry in auditor.discover(paths):
        if isinstance(entry, WalkError):
            report.errors.append(InputFailure(entry.path, entry.message))
        else:
            path, root = entry
            auditor.config_for(path)  # a broken config fails the run now, in one line
            tasks.append((path, str(root) if root else None))
    if on_start:
        on_start(len(tasks))
    facts: list[SiteFacts] = []
    enabled: dict[str, tuple[str, ...]] = {}
    for outcome in run_outcomes(tasks, settings, jobs, scheduler):
        if outcome.error is not None:
            report.errors.append(outcome.error)
        elif outcome.report is not None and outcome.facts is not None:
            report.pages.append(outcome.report)
            facts.append(outcome.facts)
            enabled[outcome.path] = outcome.site_rules
        if on_page:
            on_page()
    report.rules = auditor.all_rules()
    if any(root for _, root in tasks) and len(report.pages) > 1:
        _apply_site_rules(report, facts, enabled)
    return report


def _apply_site_rules(
    report: AuditReport,
    facts: list[SiteFacts],
    enabled: dict[str, tuple[str, ...]],
) -> None:
    rules = report.rules
    extra: dict[str, list[RuleResult]] = {page.path: [] for page in report.pages}
    suppressed: dict[str, int] = {}
    for rule_id in sorted({r for ids in enabled.values() for r in ids}):
        rule = rules[rule_id]
        pages = [f for f in facts if rule_id in enabled.get(f.path, ())]
        by_page, crashed = site_results(rule, pages)
        for page in pages:
            if crashed is not None:
                extra[page.path].append(crashed)
                continue
            findings = tuple(by_page.get(page.path, ()))
            result, dropped = apply_suppressions(
                RuleResult.of(rule, rule.severity, verdict_of(findings), findings),
                page.suppressions,
            )
            suppressed[page.path] = suppressed.get(page.path, 0) + dropped
            extra[page.path].append(result)
    for index, page_report in enumerate(report.pages):
        if extra.get(page_report.path):
            updated = with_site_results(page_report, extra[page_report.path])
            report.pages[index] = replace(
                updated, suppressed=updated.suppressed + suppressed.get(page_report.path, 0)
            )
