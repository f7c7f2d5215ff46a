"""Run the per-page audit on a Dask cluster (`--scheduler ADDRESS`, extra `seo-audit[dask]`).

The workers run the same function as local worker processes, `audit_chunk`, and read the pages
themselves: the client sends absolute paths (the workers' own working folder means nothing
here), so the paths must be visible to them, e.g. on a shared volume; an export's item or an
archive's record goes as the file's absolute path and the item's offset, a bucket page as its
URL (s3://…, read with the workers' own credentials); stdin cannot be sent.
The plan (without its page list) is scattered to every worker once; at most a few chunks per
worker are in flight; results come back in input order, and the cross-page rules run afterwards
on the client. A chunk that does not come back in time (its pages' time limits plus a grace)
becomes an error for its pages; a cluster with no workers left, or one that never answers, is
one usage error.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from seo_audit.errors import Interrupted, UsageError
from seo_audit.results.model import InputFailure
from seo_audit.run.audit import Outcome, audit_chunk
from seo_audit.run.executors import Chunk, chunks, patience
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef
from seo_audit.sources.ref import resolved

_CONNECT_SECONDS = 10
NOT_RETURNED = "the Dask cluster did not return this page in {seconds:g} s"


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


class Dask:
    def __init__(self, address: str) -> None:
        self.address = address

    def run(self, plan: Plan) -> Iterator[Outcome]:
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
        with client:
            yield from self._results(client, plan, sources)

    def _results(self, client: Any, plan: Plan, sources: list[SourceRef]) -> Iterator[Outcome]:
        workers = self._workers(client)
        shared = client.scatter(plan.without_sources(), broadcast=True)
        pending: deque[tuple[Any, Chunk]] = deque()
        work = chunks(sources)
        window = workers * 4
        while True:
            while len(pending) < window and (chunk := next(work, None)) is not None:
                pending.append((client.submit(audit_chunk, shared, chunk, pure=False), chunk))
            if not pending:
                return
            future, chunk = pending.popleft()
            wait = patience(plan, chunk)
            try:
                yield from future.result(timeout=wait)
            except TimeoutError:
                future.cancel()
                self._workers(client)  # none left: one error for the run, not one per page
                problem = NOT_RETURNED.format(seconds=wait or 0)
                yield from (Outcome(r, error=InputFailure(r.name, problem, r.kind)) for r in chunk)

    @staticmethod
    def _workers(client: Any) -> int:
        workers = len(client.scheduler_info().get("workers", {}))
        if not workers:
            raise UsageError("--scheduler: the Dask cluster has no workers")
        return workers
