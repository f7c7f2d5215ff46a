"""`--scheduler` over pages that are not files of their own: a WordPress export's items, a WARC
archive's records and a bucket's pages are audited by the cluster's workers with the same
findings as a local run."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_warc import FIRST, LATIN, MISSING, SECOND, write_archive

from seo_audit.run import AuditSettings, build_plan, executor_for, finalize

from helpers import EXAMPLES, REPO, needs_corpus, run_cli

distributed = pytest.importorskip("distributed")

EXPORT = REPO / "tests" / "fixtures" / "wxr" / "export.xml"
PERMALINKS = [
    "https://brew.example.com/2024/03/cold-brew-ratio/",
    "https://brew.example.com/2024/04/pour-over-without-a-scale/",
    "https://brew.example.com/about/",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    # Worker processes, as a real cluster's: what the client sends them must pickle, and a
    # path relative to the client's folder would mean nothing to them.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as running:
        yield running


@needs_corpus
def test_an_export_and_an_archive_audit_on_the_cluster_as_here(
    cluster: Any, tmp_path: Path
) -> None:
    shutil.copy(EXPORT, tmp_path / "export.xml")
    write_archive(tmp_path / "crawl.warc.gz")
    # Named relative to a folder the workers do not run in.
    args = ("check", "--isolated", "--format", "json", "export.xml", "crawl.warc.gz")
    remote = run_cli(*args, "--scheduler", cluster.scheduler_address, cwd=tmp_path)
    local = run_cli(*args, cwd=tmp_path)
    assert "Traceback" not in remote.stderr and "Dask" not in remote.stderr, remote.stderr
    report = json.loads(remote.stdout)
    pages = [*PERMALINKS, FIRST, SECOND, LATIN, MISSING]  # the archived 404: its finding
    assert [page["path"] for page in report["pages"]] == pages
    assert all(page["findings"] for page in report["pages"])  # audited, not just listed
    assert report["errors"] == []
    assert remote.returncode == local.returncode == 1
    assert remote.stdout == local.stdout


def test_bucket_pages_are_read_by_the_cluster_workers() -> None:
    fsspec = pytest.importorskip("fsspec")
    bucket = fsspec.filesystem("memory")
    pages = sorted(EXAMPLES.glob("*.html"))
    for page in pages:
        bucket.pipe(f"/site/{page.name}", page.read_bytes())
    # memory:// lives in this process, so the workers are threads here; the ref goes to them
    # unchanged, as an s3:// page's would.
    try:
        settings = AuditSettings(isolated=True, inventory="memory://site/*.html")
        plan = build_plan([], settings)
        assert {ref.kind for ref in plan.sources} == {"fsspec"}
        with distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as threads:
            remote = finalize(plan, executor_for(plan, 1, threads.scheduler_address).run(plan))
        local = finalize(plan, executor_for(plan, 1).run(plan))
    finally:
        bucket.rm("/site", recursive=True)

    def seen(report: Any) -> list[tuple[str, int | None, list[tuple[str, int | None]]]]:
        return [
            (
                page.path,
                page.score,
                [(f.rule, f.line) for r in page.results for f in r.findings],
            )
            for page in report.pages
        ]

    assert [page.path for page in remote.pages] == [f"memory:///site/{p.name}" for p in pages]
    assert remote.errors == local.errors == ()
    assert any(findings for _, _, findings in seen(remote))
    assert seen(remote) == seen(local)


def test_what_a_worker_cannot_read_is_still_refused() -> None:
    from seo_audit.errors import UsageError
    from seo_audit.run.dask import absolute
    from seo_audit.sources import stdin_ref
    from seo_audit.sources.fetched import url_ref

    with pytest.raises(UsageError, match="cannot be sent to a Dask cluster"):
        absolute(stdin_ref())
    with pytest.raises(UsageError, match="cannot be sent to a Dask cluster"):
        absolute(url_ref("https://news.example.org/"))
