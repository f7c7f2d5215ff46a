"""Batch speed on the real corpus: pages/s with 1 and 2 jobs, per-page median, and the floor.

The floor is what any tool must pay per page, measured in the same run on the same pages:
read the file, parse it with lxml, and take its text. Per-page figures are CPU time (the
machine is often shared: wall time there measures the neighbours); a batch is reported both
ways, pages/s by the wall clock and the CPU it took per page (parent and workers together).
Targets on a 2-core machine (issue 17): an audit of <= 8 ms CPU a page, >= 200 pages/s with 2
jobs.

    python benchmarks/batch.py [--corpus DIR] [--repeat N] [--stages]

--stages prints where a page's audit CPU goes instead (read, parse, each pass of the page
stage, trafilatura, the rules with the views they compute first, placing findings on their
lines), measured by timing those functions where build_page and the runner call them.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


def floor_seconds(file: Path) -> float:
    import lxml.html

    start = time.process_time()
    root = lxml.html.document_fromstring(file.read_bytes())
    " ".join(root.text_content().split())
    return time.process_time() - start


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
        start = time.process_time()
        audit_page(plan, refs[str(file)])
        audits.append(time.process_time() - start)
    tight = [floor_seconds(file) for file in files]
    return floors, audits, tight


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def batch_seconds(corpus: Path, jobs: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (parent and workers) and pages of one batch run."""
    from seo_audit.run import AuditSettings, run_batch

    cpu, start = _cpu(), time.perf_counter()
    report = run_batch([str(corpus)], AuditSettings(isolated=True), jobs=jobs)
    return time.perf_counter() - start, _cpu() - cpu, len(report.pages)


# The page stage's passes as build_page calls them (seo_audit.page.build's names), and the
# parts of the article pass (seo_audit.page.content's).
BUILD_PASSES = (
    "parse_html",
    "resolve_placeholders",
    "walk",
    "scan_markers",
    "read_head",
    "_jsonld_blocks",
    "items_from_jsonld",
    "microdata_items",
    "read_authors",
    "read_qa_pairs",
    "read_visible_dates",
    "read_visible_trail",
    "chrome_of",
    "_article",
    "page_templates",
    "leftovers",
    "choose_language",
    "_headings",
    "_links",
    "_images",
    "text_embeds",
    "choose_keyphrase",
    "parse_suppressions",
)
CONTENT_PARTS = ("prune_for_extraction", "_extract", "align")


def _timed(spent: dict[str, float], label: str, function: Callable[..., Any]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return timed


def stages(files: list[Path], repeat: int) -> None:
    """CPU per page by stage: each function wrapped where its caller looks it up."""
    import seo_audit.engine.runner as runner
    import seo_audit.page.build as build
    import seo_audit.page.content as content
    import seo_audit.run.audit as audit
    from seo_audit.run import AuditSettings, build_plan

    spent: dict[str, float] = defaultdict(float)
    for name in BUILD_PASSES:
        if hasattr(build, name):  # an older or newer page stage may not have each pass
            setattr(build, name, _timed(spent, f"page: {name}", getattr(build, name)))
    for name in CONTENT_PARTS:
        label = "page: _article: trafilatura" if name == "_extract" else f"page: _article: {name}"
        setattr(content, name, _timed(spent, label, getattr(content, name)))
    build.prune_for_extraction = content.prune_for_extraction  # build calls it by its name
    audit.read = _timed(spent, "read (file, decode)", audit.read)
    audit.site_facts = _timed(spent, "site facts", audit.site_facts)
    runner._reported = _timed(spent, "rules: placing findings (columns)", runner._reported)
    run_rule = runner.run_rule

    def each_rule(rule: Any, page: Any, options: Any) -> Any:
        start = time.process_time()
        try:
            return run_rule(rule, page, options)
        finally:
            spent[f"rule {rule.id}"] += time.process_time() - start

    runner.run_rule = each_rule
    plan = build_plan([str(files[0].parent)], AuditSettings(isolated=True))
    refs = {ref.name: ref for ref in plan.sources}
    for file in files[:5]:
        audit.audit_page(plan, refs[str(file)])  # warm-up
    spent.clear()
    start = time.process_time()
    for _ in range(repeat):
        for file in files:
            audit.audit_page(plan, refs[str(file)])
    pages = len(files) * repeat
    total = (time.process_time() - start) / pages * 1000
    per_page = {label: seconds / pages * 1000 for label, seconds in spent.items()}
    rules = sum(ms for label, ms in per_page.items() if label.startswith("rule "))
    print(f"pages: {len(files)} x {repeat}; audit CPU per page (mean): {total:.2f} ms")
    print(f"{rules:7.2f} ms  rules, all (with the Page views each computes first)")
    for label, ms in sorted(per_page.items(), key=lambda item: -item[1]):
        if ms >= 0.05:
            print(f"{ms:7.2f} ms  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="CPU per page by stage")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.html"))
    if not files:
        sys.exit(f"no pages in {args.corpus}")
    if args.stages:
        stages(files, args.repeat)
        return
    per_page(files[:5])  # warm-up: imports and first-call caches are not per-page costs
    floors, audits, tights = [], [], []
    for _ in range(args.repeat):
        floor_run, audit_run, tight_run = per_page(files)
        floors.append(statistics.median(floor_run))
        audits.append(statistics.median(audit_run))
        tights.append(statistics.median(tight_run))
    rates, cpu = {}, {}
    for jobs in (1, 2):
        runs = [batch_seconds(args.corpus, jobs) for _ in range(args.repeat)]
        pages = runs[0][2]
        rates[jobs] = pages / statistics.median(wall for wall, _, _ in runs)
        cpu[jobs] = statistics.median(seconds for _, seconds, _ in runs) / pages
    floor, audit = statistics.median(floors), statistics.median(audits)
    tight = statistics.median(tights)
    print(f"pages: {len(files)}, runs: {args.repeat} (medians)")
    print(f"floor (read + lxml parse + text), beside each audit: {floor * 1000:.2f} ms/page")
    print(f"floor in a tight loop of its own:                   {tight * 1000:.2f} ms/page")
    print(
        f"audit per page: {audit * 1000:.2f} ms = {audit / floor:.1f}x the floor beside it "
        f"({audit / tight:.1f}x the tight-loop floor)"
    )
    for jobs in (1, 2):
        print(
            f"batch, --jobs {jobs}: {rates[jobs]:.1f} pages/s by the wall clock"
            f"{f' = {rates[2] / rates[1]:.2f}x --jobs 1' if jobs == 2 else ''}; "
            f"CPU {cpu[jobs] * 1000:.2f} ms a page (parent and workers)"
        )


if __name__ == "__main__":
    main()
