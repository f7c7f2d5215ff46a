"""What `--output-dir` and `--resume` cost the parent, against `--format jsonl -o`.

Real audits of corpus pages, made distinct pages (as benchmarks/scale.py's --parent-only
does), fed to the parent as a worker pool would hand them over, in a fresh interpreter per
run: `jsonl` (finalize + the jsonl writer), `output-dir` (the journal between the executor
and finalize, then the partitions and summary), `resume` (every page taken from that
journal, then the same partitions). Prints the parent's peak RSS and CPU seconds.

    .venv/bin/python benchmarks/output_dir.py 10000,30000
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"

PARENT = r"""
import json, pickle, resource, sys, time
from dataclasses import replace
from pathlib import Path
from seo_audit.engine.site import SiteLink
from seo_audit.formats import ReportOptions, format_named
from seo_audit.formats.partitioned import finish, summary_document, write_partitions
from seo_audit.run import AuditSettings, build_plan, finalize
from seo_audit.run.audit import Outcome, audit_page
from seo_audit.run.journal import Journal, run_fingerprint
corpus, pages, mode, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
plan = build_plan([corpus], AuditSettings(isolated=True))
models = [audit_page(plan, ref) for ref in plan.sources[:20]]
refs = tuple(replace(plan.sources[n % len(models)], name=f"site/page-{n}.html")
             for n in range(pages))
plan = replace(plan, sources=refs)
def outcomes():
    for n in range(pages):
        model = models[n % len(models)]
        path = f"site/page-{n}.html"
        links = (SiteLink(f"page-{n + 1}.html", 9, (f"file:site/page-{(n + 1) % pages}",)),)
        facts = replace(model.facts, path=path, keys=(f"file:site/page-{n}",), title=f"Page {n}",
                        meta_description=f"About {n - n % 3}", links=links,
                        keyphrase_forms=(f"topic{n}",))
        audit = replace(model, title=f"Page {n}", facts=facts)
        yield pickle.loads(pickle.dumps(Outcome(refs[n], audit)))
start = time.process_time()
if mode == "jsonl":
    report = finalize(plan, outcomes())
    collected = time.process_time() - start
    with open(target, "w", encoding="utf-8") as out:
        format_named("jsonl").write(report, out, ReportOptions())
else:
    journal = Journal(target, plan, resume=mode == "resume")
    todo = journal.todo()
    fresh = outcomes() if todo.sources else iter(())
    report = finalize(plan, journal.outcomes(fresh))
    collected = time.process_time() - start
    parts = write_partitions(target, report.pages, "jsonl", ReportOptions())
    counts = {"audited": journal.audited, "from_journal": len(journal.resumed.reused)}
    finish(target, report.errors,
           summary_document(report, parts, "jsonl", run_fingerprint(plan), counts))
    assert counts["from_journal"] == (pages if mode == "resume" else 0), counts
print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "collect_cpu": collected, "write_cpu": time.process_time() - start - collected}))
"""


def measure(pages: int, mode: str, target: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PARENT, str(CORPUS), str(pages), mode, str(target)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tempfile.gettempdir(),  # the installed package, not the checkout
    )
    if done.returncode != 0:
        sys.exit(f"the {mode} run failed: {done.stderr.strip()[-2000:]}")
    measured: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return measured


def main() -> None:
    sizes = [int(n) for n in (sys.argv[1] if len(sys.argv) > 1 else "10000").split(",")]
    print("| pages | run | parent peak RSS MB | collect + finalize CPU s | write CPU s |")
    print("|---:|---|---:|---:|---:|")
    for pages in sizes:
        with tempfile.TemporaryDirectory(prefix="seo-audit-outdir-") as root:
            folder = Path(root) / "out"
            for mode, target in (
                ("jsonl", Path(root) / "report.jsonl"),
                ("output-dir", folder),
                ("resume", folder),
            ):
                got = measure(pages, mode, target)
                print(
                    f"| {pages} | {mode} | {got['rss_mb']:.0f} | {got['collect_cpu']:.1f} "
                    f"| {got['write_cpu']:.1f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
