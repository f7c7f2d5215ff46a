"""Run the per-page audit on a Dask cluster (`--scheduler ADDRESS`, extra `seo-audit[dask]`).

The workers run the same pure function as local worker processes, `batch.audit_chunk`: they
read the pages themselves (so the paths must be visible to them, e.g. a shared volume), and
send back small results. At most a few chunks per worker are in flight, results come back in
input order, and the cross-page rules run afterwards on the client.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from seo_audit.errors import UsageError

if TYPE_CHECKING:
    from seo_audit.run.batch import Outcome, Task
    from seo_audit.run.plan import AuditSettings


def run_on_cluster(
    tasks: Sequence[Task], settings: AuditSettings, address: str
) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'seo-audit[dask]'") from None
    from seo_audit.run.batch import CHUNK, _chunks, _in_order, audit_chunk

    try:
        client = Client(address, timeout="5s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise UsageError(f"--scheduler: cannot reach {address} ({error})") from None
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(chunk: list[Task]) -> Any:
            return client.submit(audit_chunk, settings, chunk, pure=False)

        yield from _in_order(submit, _chunks(tasks, CHUNK), window=workers * 4)
