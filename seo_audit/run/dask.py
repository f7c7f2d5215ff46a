"""Run the per-page audit on a Dask cluster (`--scheduler ADDRESS`, extra `seo-audit[dask]`).

The workers run the same function as local worker processes, `audit_chunk`, and read the pages
themselves: the client sends absolute paths (the workers' own working folder means nothing
here), so the paths must be visible to them, e.g. on a shared volume; an export's item or an
archive's record goes as the file's absolute path and the item's offset, a bucket page as its
URL (s3://…, read with the workers' own credentials); stdin cannot be sent.
The plan (without its page list) goes to the cluster once, as the result of a task (copied to
each worker that needs it, and made again if every worker holding it is lost, which scattered
data is not); at most a few chunks per worker are in flight; results come back in input order.
Each chunk's SiteFacts stay on the cluster too (a second, small task per chunk, joined into
partitions of about a thousand pages), and the cross-page rules that are engine operations run
there afterwards as group-bys and joins (`dask_site`); the others run on the client over its
spill. A chunk whose task fails is retried (`retries`), one whose worker is lost is re-run on
another by the scheduler; a chunk that kills its workers every time is audited page by page, so
only the page that does is an error. A chunk that does not come back in time (its pages' time
limits plus a grace) becomes an error for its pages; a cluster with no workers left (for 30 s),
or one that never answers, is one usage error.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from seo_audit.engine.rule import Rule
from seo_audit.engine.site import SiteFacts
from seo_audit.errors import Interrupted, UsageError
from seo_audit.results.model import InputFailure
from seo_audit.run.audit import Outcome, audit_chunk
from seo_audit.run.executors import WORKER_DIED, Chunk, chunks, patience
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef
from seo_audit.sources.ref import resolved

if TYPE_CHECKING:
    from seo_audit.run.dask_site import SiteRun

_CONNECT_SECONDS = 10
_WORKERS_BACK_SECONDS = 30
NOT_RETURNED = "the Dask cluster did not return this page in {seconds:g} s"
# A chunk whose task raised is run again (the scheduler may pick another worker); a worker lost
# mid-chunk is the scheduler's business: it re-runs the chunk elsewhere, up to
# `distributed.scheduler.allowed-failures` times (3 by default), then says KilledWorker.
_RETRIES = 2
# Pages of facts a partition of the cross-page group-bys holds: big enough that a million pages
# are a thousand futures on the client, small enough for any worker.
_PAGES_A_PARTITION = 1000


# Kinds whose location is a local path: a file, and the export or archive an item or record
# is read from (its offset travels in the ref's payload, plain numbers and strings).
_PATH_KINDS = frozenset({"file", "wxr", "warc"})


def absolute(ref: SourceRef) -> SourceRef:
    """The ref as a worker elsewhere must see it: an absolute location (names stay as typed).
    A bucket page's location (s3://…) already means the same everywhere."""
    if ref.kind == "fsspec":
        return ref
    if ref.kind not in _PATH_KINDS:
        raise UsageError(f"--scheduler: {ref.name} cannot be sent to a Dask cluster; pass files")
    return replace(ref, location=str(resolved(ref.location)))


def _probe(address: str) -> None:
    """Connect and shake hands before a Client exists: a Client that fails to connect spends
    20 s closing itself and prints a traceback while it is collected, and an endpoint that
    accepts but never answers must fail in seconds."""
    import asyncio

    from distributed.comm.core import connect

    async def handshake() -> None:
        comm = await connect(address, timeout=_CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        await comm.close()

    asyncio.run(asyncio.wait_for(handshake(), _CONNECT_SECONDS + 2))


def _same(plan: Plan) -> Plan:
    """The plan as a task's result: a worker lost with it does not lose it for the run."""
    return plan


class _InFlight(NamedTuple):
    audit: Any  # the future of the chunk's outcomes
    facts: Any  # the future of its facts, which stay on the cluster
    chunk: Chunk
    start: int  # the chunk's first page's place in the input


class _Facts:
    """The chunks' facts futures, joined on the cluster into partitions of about
    _PAGES_A_PARTITION pages (only chunks that came back: a timed-out chunk's pages are
    errors, not pages)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.partitions: list[Any] = []
        self.batch: list[Any] = []
        self.pages = 0

    def add(self, future: Any, pages: int) -> None:
        self.batch.append(future)
        self.pages += pages
        if self.pages >= _PAGES_A_PARTITION:
            self._flush()

    def done(self) -> list[Any]:
        self._flush()
        return self.partitions

    def _flush(self) -> None:
        from seo_audit.run.dask_site import joined

        if self.batch:
            self.partitions.append(self.client.submit(joined, *self.batch, pure=False))
            self.batch, self.pages = [], 0


class Dask:
    def __init__(self, address: str) -> None:
        self.address = address

    def run(self, plan: Plan) -> DaskRun:
        return DaskRun(self.address, plan)


class DaskRun(Iterator[Outcome]):
    """A run's outcomes in input order, then its cross-page rules on the cluster
    (`run_site_rule`, which finalize uses in place of the engine's). The client stays open
    until `close()` (finalize closes it once the cross-page rules are done) or until the
    outcomes stop with an error."""

    def __init__(self, address: str, plan: Plan) -> None:
        self.address = address
        self.client: Any = None
        self._partitions: list[Any] = []  # futures of the facts' partitions (dask_site.Record)
        # The pages each site rule is on, among those this run audited: the facts on the
        # cluster serve a rule only when finalize asks about those pages and no others (pages
        # taken from elsewhere, a resumed run's journal, have no facts there).
        self._members: Counter[str] = Counter()
        self._outcomes = self._run(plan)

    def __iter__(self) -> DaskRun:
        return self

    def __next__(self) -> Outcome:
        try:
            outcome = next(self._outcomes)
            if outcome.audit is not None:
                self._members.update(outcome.audit.site_rules)
            return outcome
        except StopIteration:
            raise
        except BaseException:
            self.close()
            raise

    def run_site_rule(
        self, rule: Rule, facts: Sequence[SiteFacts], options: Mapping[str, Any]
    ) -> SiteRun:
        from seo_audit.run.dask_site import ClusterSite

        ours = len(facts) == self._members[rule.id]
        partitions = self._partitions if ours else []  # none: the rule runs here, over `facts`
        return ClusterSite(self.client, partitions).run_site_rule(rule, facts, options)

    def close(self) -> None:
        self._outcomes.close()
        self._partitions = []
        if self.client is not None:
            self.client.close()
            self.client = None

    def _run(self, plan: Plan) -> Generator[Outcome, None, None]:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--scheduler needs Dask: pip install 'seo-audit[dask]'") from None
        sources = [absolute(ref) for ref in plan.sources]
        try:
            _probe(self.address)
            client = Client(self.address, timeout=f"{_CONNECT_SECONDS}s", set_as_default=False)  # type: ignore[no-untyped-call]
        except Interrupted:
            raise
        except Exception as error:  # OSError, TimeoutError, a malformed address…
            why = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            raise UsageError(f"--scheduler: cannot reach {self.address} ({why})") from None
        self.client = client
        yield from self._results(client, plan, sources)

    def _results(self, client: Any, plan: Plan, sources: list[SourceRef]) -> Iterator[Outcome]:
        from distributed import KilledWorker

        from seo_audit.run.dask_site import records_of

        workers = self._workers(client)
        shared = client.submit(_same, plan.without_sources(), pure=False)
        pending: deque[_InFlight] = deque()
        work = chunks(sources)
        window = workers * 4
        facts = _Facts(client)
        start = 0
        while True:
            while len(pending) < window and (chunk := next(work, None)) is not None:
                audit = client.submit(audit_chunk, shared, chunk, pure=False, retries=_RETRIES)
                kept = client.submit(records_of, audit, start, pure=False)
                pending.append(_InFlight(audit, kept, chunk, start))
                start += len(chunk)
            if not pending:
                self._partitions = facts.done()
                return
            flight = pending.popleft()
            wait = patience(plan, flight.chunk)
            try:
                yield from flight.audit.result(timeout=wait)
            except TimeoutError:
                flight.audit.cancel()
                flight.facts.cancel()
                self._workers(client)  # none left: one error for the run, not one per page
                problem = NOT_RETURNED.format(seconds=wait or 0)
                yield from (
                    Outcome(r, error=InputFailure(r.name, problem, r.kind)) for r in flight.chunk
                )
                continue
            except KilledWorker:
                flight.facts.cancel()
                self._workers(client)
                yield from self._alone(client, plan, shared, flight, facts)
                continue
            facts.add(flight.facts, len(flight.chunk))

    def _alone(
        self, client: Any, plan: Plan, shared: Any, flight: _InFlight, facts: _Facts
    ) -> Iterator[Outcome]:
        """A chunk that killed the workers it ran on, audited a page at a time: the page that
        kills its worker again is the one reported, as with local processes."""
        from distributed import KilledWorker

        from seo_audit.run.dask_site import records_of

        for n, ref in enumerate(flight.chunk):
            audit = client.submit(audit_chunk, shared, [ref], pure=False, retries=_RETRIES)
            wait = patience(plan, [ref])
            try:
                yield from audit.result(timeout=wait)
            except (KilledWorker, TimeoutError) as error:
                audit.cancel()
                self._workers(client)
                problem = (
                    WORKER_DIED
                    if isinstance(error, KilledWorker)
                    else NOT_RETURNED.format(seconds=wait or 0)
                )
                yield Outcome(ref, error=InputFailure(ref.name, problem, ref.kind))
                continue
            facts.add(client.submit(records_of, audit, flight.start + n, pure=False), 1)

    @staticmethod
    def _workers(client: Any) -> int:
        workers = len(client.scheduler_info().get("workers", {}))
        if not workers:
            # Workers that died are often being restarted (a nanny, Kubernetes): wait a while.
            try:
                client.wait_for_workers(1, timeout=_WORKERS_BACK_SECONDS)
            except TimeoutError:
                raise UsageError("--scheduler: the Dask cluster has no workers") from None
            workers = len(client.scheduler_info().get("workers", {}))
        return max(workers, 1)
