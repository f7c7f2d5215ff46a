"""Running an audit: a Plan built and validated once, executors that audit its pages (here, in
worker processes, or on a Dask cluster), and one finalize pass that makes the frozen report.

    plan = build_plan(paths, settings)
    report = finalize(plan, executor_for(plan, jobs).run(plan), baseline)
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

from seo_audit.errors import InputError

if TYPE_CHECKING:
    from seo_audit.page.model import Page
    from seo_audit.results.baseline import Baseline
    from seo_audit.results.model import AuditReport, PageReport
    from seo_audit.run.executors import default_jobs, executor_for
    from seo_audit.run.finalize import finalize
    from seo_audit.run.plan import AuditSettings, Plan, Planner, build_plan
    from seo_audit.sources import SourceRef

# The package's names, each imported from its module when first asked for: importing the
# package (a command that needs only the settings or the plan, a `text` of a draft) does not
# load the audit stack, rules, executors and finalize pass (~60 ms of a cold start).
_LAZY = {
    "AuditSettings": "seo_audit.run.plan",
    "Plan": "seo_audit.run.plan",
    "Planner": "seo_audit.run.plan",
    "build_plan": "seo_audit.run.plan",
    "default_jobs": "seo_audit.run.executors",
    "executor_for": "seo_audit.run.executors",
    "finalize": "seo_audit.run.finalize",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once
    return value


class _Package(types.ModuleType):
    """The package keeps its names when their submodules load: importing a submodule binds it
    on its package, and `seo_audit.run.finalize` (the module) would hide `finalize` (the
    function) from a later `from seo_audit.run import finalize`. Eagerly, the package's own
    `from .finalize import finalize` rebound it; lazily, the binding is declined (the module
    is still `sys.modules["seo_audit.run.finalize"]` and `from seo_audit.run.finalize import`
    works as before)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def run_batch(
    paths: Sequence[str],
    settings: AuditSettings,
    jobs: int = 1,
    scheduler: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: Callable[[], None] | None = None,
    baseline: Baseline | None = None,
) -> AuditReport:
    """Plan, audit and finalize: the whole `check` run, without printing."""
    from seo_audit.run.executors import executor_for
    from seo_audit.run.finalize import finalize
    from seo_audit.run.plan import build_plan

    plan = build_plan(paths, settings)
    if on_start:
        on_start(len(plan.sources))
    return finalize(plan, executor_for(plan, jobs, scheduler).run(plan), baseline, on_page)


def load_page(path: str, settings: AuditSettings) -> Page:
    """The Page one path (or - for stdin) gives, as `check` would read it. A URL that answered
    an error (a 404, a loop) has no page to show: an InputError saying what it answered."""
    from seo_audit.run.audit import load_page as load

    plan, ref = _single(path, settings)
    return _shown(load(plan, ref))


def _shown(page: Page) -> Page:
    """The page, unless the site answered an error for it (a fetched or archived 404, a
    loop): then there is no page to show, and an InputError says what it answered."""
    if page.http is not None and page.http.answered_error:
        from seo_audit.sources.fetched import status_text

        raise InputError(page.path, f"answered {status_text(page.http.status)}; no page to show")
    return page


def audit_one(path: str, settings: AuditSettings) -> tuple[Page, PageReport]:
    """One page, read and reported as `check PATH` would (no cross-page rules)."""
    from seo_audit.run.audit import audit_loaded
    from seo_audit.run.audit import load_page as load
    from seo_audit.run.finalize import page_report

    plan, ref = _single(path, settings)
    config = plan.config_for(ref)
    page = load(plan, ref)
    audit = audit_loaded(page, ref, config, plan.rules_for(config), settings.base_url)
    return page, page_report(ref, audit, config)


def pages_in(path: str, settings: AuditSettings) -> Iterator[Page | InputError] | None:
    """The Pages of an argument that holds many, read as `check` reads them: a folder's pages
    as check finds them, a WordPress export's posts and pages of the wanted statuses
    (`settings.statuses`), a WARC archive's HTML records; one at a time, each known by its
    name in reports (`Page.path`: a path, a permalink, a URL); one that cannot be read is its
    InputError, and the others go on. None for an argument that is one page (load_page)."""
    from seo_audit.run.plan import Planner
    from seo_audit.sources import STDIN, expand
    from seo_audit.sources.discover import is_folder
    from seo_audit.sources.ref import is_url

    if path == STDIN or is_url(path):
        return None
    planner = Planner(settings)
    if is_folder(path):
        plan = planner.plan([path])
        failures = (InputError(failure.path, failure.message) for failure in plan.errors)
        return _pages_of(planner, chain(failures, plan.sources))
    refs = expand(path, settings.statuses)
    return None if refs is None else _pages_of(planner, refs)


def _pages_of(
    planner: Planner, refs: Iterable[SourceRef | InputError]
) -> Iterator[Page | InputError]:
    from dataclasses import replace

    from seo_audit.run.audit import page_of
    from seo_audit.sources import read

    for ref in refs:
        if isinstance(ref, InputError):
            yield ref
            continue
        config = planner.config(ref.config_folder)
        try:
            page = page_of(read(replace(ref, reading=config.reading)), config, planner.settings)
            yield _shown(page)
        except InputError as error:
            yield error


def _single(path: str, settings: AuditSettings) -> tuple[Plan, SourceRef]:
    from seo_audit.run.plan import Plan, Planner

    planner = Planner(settings)
    ref = planner.source(path)  # read as its site's config says (house keys, preset)
    return Plan(settings, {ref.config_folder: planner.config(ref.config_folder)}), ref


__all__ = [
    "AuditSettings",
    "Plan",
    "Planner",
    "audit_one",
    "build_plan",
    "default_jobs",
    "executor_for",
    "finalize",
    "load_page",
    "pages_in",
    "run_batch",
]
