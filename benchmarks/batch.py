"""Batch speed on the real corpus: pages/s with 1 and 2 jobs, per-page median, and the floor.

The floor is what any tool must pay per page, measured in the same run on the same pages:
read the file, parse it with lxml, and take its text. Targets on a 2-core machine: ≥ 60 pages/s
with 2 jobs, ≥ 1.8× from 1 to 2 jobs, and an audit no more than 10× the floor per page.

    python benchmarks/batch.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


def floor_seconds(file: Path) -> float:
    import lxml.html

    start = time.perf_counter()
    root = lxml.html.document_fromstring(file.read_bytes())
    " ".join(root.text_content().split())
    return time.perf_counter() - start


def per_page(files: list[Path]) -> tuple[list[float], list[float], list[float]]:
    """Floor and audit of each page back to back, so both meet the same cache conditions;
    and the floor once more in a tight loop of its own, where the parser stays warm."""
    from seo_audit.run import AuditSettings, build_plan
    from seo_audit.run.audit import audit_page

    # The plan of a folder run (configs resolved once), then each page as a worker audits it.
    plan = build_plan([str(files[0].parent)], AuditSettings(isolated=True))
    refs = {ref.name: ref for ref in plan.sources}
    floors, audits = [], []
    for file in files:
        floors.append(floor_seconds(file))
        start = time.perf_counter()
        audit_page(plan, refs[str(file)])
        audits.append(time.perf_counter() - start)
    tight = [floor_seconds(file) for file in files]
    return floors, audits, tight


def batch_seconds(corpus: Path, jobs: int) -> tuple[float, int]:
    from seo_audit.run import AuditSettings, run_batch

    start = time.perf_counter()
    report = run_batch([str(corpus)], AuditSettings(isolated=True), jobs=jobs)
    return time.perf_counter() - start, len(report.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.html"))
    if not files:
        sys.exit(f"no pages in {args.corpus}")
    per_page(files[:5])  # warm-up: imports and first-call caches are not per-page costs
    floors, audits, tights = [], [], []
    for _ in range(args.repeat):
        floor_run, audit_run, tight_run = per_page(files)
        floors.append(statistics.median(floor_run))
        audits.append(statistics.median(audit_run))
        tights.append(statistics.median(tight_run))
    rates = {}
    for jobs in (1, 2):
        runs = [batch_seconds(args.corpus, jobs) for _ in range(args.repeat)]
        seconds = statistics.median(s for s, _ in runs)
        rates[jobs] = runs[0][1] / seconds
    floor, audit = statistics.median(floors), statistics.median(audits)
    tight = statistics.median(tights)
    print(f"pages: {len(files)}, runs: {args.repeat} (medians)")
    print(f"floor (read + lxml parse + text), beside each audit: {floor * 1000:.2f} ms/page")
    print(f"floor in a tight loop of its own:                   {tight * 1000:.2f} ms/page")
    print(
        f"audit per page: {audit * 1000:.2f} ms = {audit / floor:.1f}x the floor beside it "
        f"({audit / tight:.1f}x the tight-loop floor)"
    )
    print(f"batch, --jobs 1: {rates[1]:.1f} pages/s")
    print(f"batch, --jobs 2: {rates[2]:.1f} pages/s = {rates[2] / rates[1]:.2f}x --jobs 1")


if __name__ == "__main__":
    main()
