"""Executors: where the per-page audits run. In this process, in local worker processes
(`--jobs`), or on a Dask cluster (`--scheduler`, `seo_audit.run.dask`). Each takes the plan and
yields Outcomes in the input order, with a few chunks per worker in flight so memory stays flat
and the order smooth.

A worker that dies (the OOM killer, a house rule calling `os._exit`) costs only its pages: the
chunks it had in flight are retried once in a fresh pool, and a chunk caught in a second death
is audited page by page, each alone, so only a page that kills its worker again is reported
("the worker auditing this page died").
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from seo_audit.errors import UsageError
from seo_audit.results.model import InputFailure
from seo_audit.run.audit import Outcome, audit_chunk
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef

if TYPE_CHECKING:
    # multiprocessing and concurrent.futures (~5 ms with the logging they pull in) are
    # imported by the process pool only: a single page is audited in this process.
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK = 4  # pages per task: enough to hide the hand-off cost, small enough to keep order smooth
Chunk = list[SourceRef]
WORKER_DIED = "the worker auditing this page died (out of memory, or a rule ended the process)"
# How long past a chunk's time limits the parent waits before it takes a worker for hung in C
# code (where the in-worker limit cannot reach) and replaces it.
_GRACE_SECONDS = 30.0


class Executor(Protocol):
    def run(self, plan: Plan) -> Iterator[Outcome]: ...


# Told of each page fetched, with the host it came from (the progress bar).
OnFetched = Callable[[str], None] | None


def planned(plan: Plan, on_fetched: OnFetched = None) -> Iterator[SourceRef]:
    """The plan's pages as they are audited: URLs, sitemaps and crawls fetched ahead in
    threads while earlier pages are audited (sources.crawl), files as they are."""
    if not plan.fetches:
        return iter(plan.sources)  # a run over files never imports the fetcher
    from seo_audit.sources.crawl import CrawlLimits, web_sources
    from seo_audit.sources.http import WebOptions

    settings = plan.settings
    web, limits = settings.web or WebOptions(), settings.crawl_limits or CrawlLimits()
    return web_sources(plan.sources, web, limits, on_fetched)


def _close(sources: Iterator[SourceRef]) -> None:
    """A run stopped early (Ctrl-C, an error) stops its fetches too, now, not when the
    generator is collected."""
    close = getattr(sources, "close", None)
    if close is not None:
        close()


def _unloaded(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """Outcomes without the fetched bodies their refs carried in: the report keeps refs."""
    return [
        o.with_ref(replace(o.ref, payload=None)) if o.ref.payload is not None else o
        for o in outcomes
    ]


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
    def __init__(self, on_fetched: OnFetched = None) -> None:
        self.on_fetched = on_fetched

    def run(self, plan: Plan) -> Iterator[Outcome]:
        sources = planned(plan, self.on_fetched)
        try:
            for chunk in chunks(sources):
                yield from _unloaded(audit_chunk(plan, chunk))
        finally:
            _close(sources)


# The plan a worker process received from its pool's initializer, once.
_worker_plan: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _worker_plan
    _worker_plan = plan
    # Ctrl-C goes to the whole process group: the parent handles it and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker told to stop (a broken pool terminates the others, a CI runner signals the
    # group) just stops: the parent's handler, inherited through fork, would raise in it and
    # print a traceback from multiprocessing's bootstrap.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if _HELD:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held by the parent as it forked
    if sys.platform == "linux":
        import ctypes

        # Die with the parent (PR_SET_PDEATHSIG), so a killed run never leaves workers
        # holding the output pipe open.
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _audit_in_worker(chunk: Sequence[SourceRef]) -> list[Outcome]:
    assert _worker_plan is not None, "the pool initializer sets the plan"
    # Each audit pickled here, as finalize spills it: the parent keeps the bytes as they come.
    return [o.packed_up() for o in _unloaded(audit_chunk(_worker_plan, chunk))]


@dataclass
class _Task:
    chunk: Chunk
    attempts: int = 0
    future: Future[list[Outcome]] | None = None


class Processes:
    def __init__(self, jobs: int, on_fetched: OnFetched = None) -> None:
        self.jobs = jobs
        self.on_fetched = on_fetched

    def _pool(self, plan: Plan, workers: int) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork starts workers with everything already imported (rules included); elsewhere
        # the default start method.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(plan.without_sources(),),
        )

    def run(self, plan: Plan) -> Iterator[Outcome]:
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        shipped = plan.without_sources()
        pool = self._pool(shipped, self.jobs)
        if plan.fetches:
            # Fork the workers now, before the fetcher's threads start.
            with _signals_held():
                started = pool.submit(int)
            started.result()
        sources = planned(plan, self.on_fetched)
        work = chunks(sources)
        retry: deque[_Task] = deque()
        flight: deque[_Task] = deque()
        window = self.jobs * 3
        try:
            while True:
                while len(flight) < window:
                    task = retry.popleft() if retry else _next_task(work)
                    if task is None:
                        break
                    if task.attempts < 2:
                        with _signals_held():
                            task.future = pool.submit(_audit_in_worker, task.chunk)
                    flight.append(task)
                if not flight:
                    pool.shutdown(wait=True)  # idle workers: a clean goodbye
                    return
                head = flight[0]
                if head.future is None:  # caught in two deaths: each page alone
                    flight.popleft()
                    yield from self._alone(shipped, head.chunk)
                    continue
                try:
                    outcomes = head.future.result(timeout=patience(plan, head.chunk))
                except (BrokenProcessPool, FutureTimeout):
                    # The pool is broken (or a worker hangs): every chunk in flight is lost.
                    _stop(pool)
                    pool = self._pool(shipped, self.jobs)
                    for task in flight:
                        task.attempts += 1
                        task.future = None
                    retry.extendleft(reversed(flight))
                    flight.clear()
                    continue
                flight.popleft()
                yield from outcomes
        finally:
            _close(sources)
            _stop(pool)

    def _alone(self, plan: Plan, chunk: Chunk) -> Iterator[Outcome]:
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        for ref in chunk:
            solo = self._pool(plan, 1)
            try:
                with _signals_held():
                    future = solo.submit(_audit_in_worker, [ref])
                outcomes = future.result(timeout=patience(plan, [ref]))
            except (BrokenProcessPool, FutureTimeout):
                outcomes = [Outcome(ref, error=InputFailure(ref.name, WORKER_DIED, ref.kind))]
            finally:
                _stop(solo)
            yield from outcomes


# The stop signals (cli.main's handlers) are held while the pool forks its workers, and
# delivered right after. Delivered during a fork, the handler runs inside the interpreter's
# at-fork callbacks (logging's lock release), where the exception that stops the run is
# printed as "ignored" and the run went on to write its report (tests/test_run_hardening.py's
# signal test, about one run in ten on a loaded machine).
_HELD = (
    frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    if hasattr(signal, "pthread_sigmask") and hasattr(signal, "SIGHUP")
    else frozenset()
)


@contextmanager
def _signals_held() -> Iterator[None]:
    if not _HELD:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _next_task(work: Iterator[Chunk]) -> _Task | None:
    chunk = next(work, None)
    return None if chunk is None else _Task(chunk)


def patience(plan: Plan, chunk: Sequence[SourceRef]) -> float | None:
    limits = [plan.config_for(ref).page_timeout for ref in chunk]
    if not all(limits):
        return None  # a page without a limit may take as long as it takes
    return sum(limits) + _GRACE_SECONDS


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down now: queued work cancelled, busy or hung workers killed."""
    # The executor keeps its processes in `_processes`; there is no public way to kill them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    # Its manager thread sees the dead workers and ends, so this does not wait for work.
    pool.shutdown(wait=True, cancel_futures=True)


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def executor_for(
    plan: Plan, jobs: int, scheduler: str | None = None, on_fetched: OnFetched = None
) -> Executor:
    if scheduler:
        if plan.fetches:
            # One fetcher per run is what keeps robots.txt, the per-host limit and the crawl
            # delay whole; a cluster's workers would each fetch on their own.
            raise UsageError(
                "--scheduler: URLs, --sitemap and --crawl are audited on this machine "
                "(use --jobs); a Dask cluster takes files"
            )
        from seo_audit.run.dask import Dask

        return Dask(scheduler)
    if plan.runs_foreign_code and plan.sources:
        # Plugin and house-rule code could end the process it runs in: never ours.
        return Processes(max(1, jobs), on_fetched)
    if jobs <= 1 or (len(plan.sources) <= CHUNK and not plan.expands):
        return Serial(on_fetched)
    return Processes(jobs, on_fetched)
