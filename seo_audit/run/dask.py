"""Run the per-page audit on a Dask cluster (`--scheduler ADDRESS`, extra `seo-audit[dask]`).

The workers run the same function as local worker processes, `audit_chunk`: they read the
pages themselves (so the paths must be visible to them, e.g. a shared volume), and send back
small results. The plan (without its page list) is scattered to every worker once; at most a
few chunks per worker are in flight, results come back in input order, and the cross-page
rules run afterwards on the client.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seo_audit.errors import UsageError
from seo_audit.run.audit import Outcome, audit_chunk
from seo_audit.run.executors import Chunk, chunks, in_order
from seo_audit.run.plan import Plan


class Dask:
    def __init__(self, address: str) -> None:
        self.address = address

    def run(self, plan: Plan) -> Iterator[Outcome]:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--scheduler needs Dask: pip install 'seo-audit[dask]'") from None
        try:
            client = Client(self.address, timeout="5s", set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            raise UsageError(f"--scheduler: cannot reach {self.address} ({error})") from None
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            shared = client.scatter(plan.without_sources(), broadcast=True)  # type: ignore[no-untyped-call]

            def submit(chunk: Chunk) -> Any:
                return client.submit(audit_chunk, shared, chunk, pure=False)

            yield from in_order(submit, chunks(plan.sources), window=workers * 4)
