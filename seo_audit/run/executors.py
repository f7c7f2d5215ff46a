"""Executors: where the per-page audits run. In this process, in local worker processes
(`--jobs`), or on a Dask cluster (`--scheduler`, `seo_audit.run.dask`). Each takes the plan and
the pages in chunks and yields Outcomes in the input order, with a few chunks per worker in
flight so memory stays flat and the order smooth.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol

from seo_audit.run.audit import Outcome, audit_chunk
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef

CHUNK = 4  # pages per task: enough to hide the hand-off cost, small enough to keep order smooth
Chunk = list[SourceRef]


class Executor(Protocol):
    def run(self, plan: Plan) -> Iterator[Outcome]: ...


def chunks(sources: Iterable[SourceRef], size: int = CHUNK) -> Iterator[Chunk]:
    chunk: Chunk = []
    for ref in sources:
        chunk.append(ref)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def in_order(
    submit: Callable[[Chunk], Future[list[Outcome]]], work: Iterator[Chunk], window: int
) -> Iterator[Outcome]:
    pending: deque[Future[list[Outcome]]] = deque()
    for chunk in work:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class Serial:
    def run(self, plan: Plan) -> Iterator[Outcome]:
        for chunk in chunks(plan.sources):
            yield from audit_chunk(plan, chunk)


# The plan a worker process received from its pool's initializer, once.
_worker_plan: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _worker_plan
    _worker_plan = plan


def _audit_in_worker(chunk: Sequence[SourceRef]) -> list[Outcome]:
    assert _worker_plan is not None, "the pool initializer sets the plan"
    return audit_chunk(_worker_plan, chunk)


class Processes:
    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def run(self, plan: Plan) -> Iterator[Outcome]:
        # fork starts workers with everything already imported (rules included); elsewhere
        # the default start method.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(plan.without_sources(),),
        ) as pool:
            yield from in_order(
                lambda chunk: pool.submit(_audit_in_worker, chunk),
                chunks(plan.sources),
                window=self.jobs * 3,
            )


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def executor_for(plan: Plan, jobs: int, scheduler: str | None = None) -> Executor:
    if scheduler:
        from seo_audit.run.dask import Dask

        return Dask(scheduler)
    if jobs <= 1 or len(plan.sources) <= CHUNK:
        return Serial()
    return Processes(jobs)
