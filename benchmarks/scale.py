"""A batch at scale: 1,000, 10,000 (and with --sizes, 100,000) pages made from the real corpus,
audited by `seo-audit check DIR --format jsonl -o FILE` with local --jobs 2 and (with --dask)
on a distributed.LocalCluster of 2 single-threaded worker processes.

Each generated page is a corpus page made distinct: its own title, meta description and a
paragraph of its own with links to two other generated pages (and one in fifty to a page that
does not exist), the canonical taken out so pages are known by their paths and their links
are judged. Pages sit 1,000 to a folder in a temporary directory.

One table: wall time, pages/s, the client's peak RSS, the largest worker's peak RSS, the
output's size and the cross-page rules' CPU time (seo_audit.run.finalize._site_results,
timed inside the client). The client is this script's child, so its figures are its own.

Targets (issue 17): time linear (per page, the largest size within 1.1x of 1,000's), client
RSS <= 300 MB at 100,000 pages, >= 200 pages/s locally on 2 cores, identical findings
between local and Dask runs (compared with --dask).

    python benchmarks/scale.py [--sizes 1000,10000] [--dask] [--format jsonl] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
PER_FOLDER = 1000

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_DESCRIPTION = re.compile(r"<meta[^>]+name=[\"']description[\"'][^>]*>", re.I)
_CANONICAL = re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*>", re.I)
_HEAD_END = re.compile(r"</head>", re.I)
_FIRST_PARAGRAPH_END = re.compile(r"</p>", re.I)

# The client: the CLI in this process, the site rules timed, and the figures written at exit.
CLIENT = r"""
import atexit, importlib, json, resource, sys, time
module = importlib.import_module("seo_audit.run.finalize")
spent = [0.0]
site_results = module._site_results
def timed(*args, **kwargs):
    start = time.process_time()
    try:
        return site_results(*args, **kwargs)
    finally:
        spent[0] += time.process_time() - start
module._site_results = timed
target = sys.argv[1]
def figures():
    with open(target, "w") as out:
        json.dump({
            "client_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
            "site_seconds": spent[0],
            "cpu_seconds": time.process_time(),
        }, out)
atexit.register(figures)
sys.argv = ["seo-audit", *sys.argv[2:]]
from seo_audit.cli import main
main()
"""


def _page_path(root: Path, number: int) -> Path:
    return root / f"part-{number // PER_FOLDER:04d}" / f"page-{number}.html"


def _link(number: int) -> str:
    return f"../part-{number // PER_FOLDER:04d}/page-{number}.html"


def generate(root: Path, pages: int) -> None:
    """`pages` distinct pages made from the corpus, written under `root`."""
    sources = sorted(CORPUS.glob("*.html"))
    if not sources:
        sys.exit(f"no corpus pages in {CORPUS}")
    # latin-1 maps bytes to characters one to one: each page keeps its own encoding.
    texts = [source.read_bytes().decode("latin-1") for source in sources]
    for number in range(pages):
        text = texts[number % len(texts)]
        title_match = _TITLE.search(text)
        title = title_match.group(1).strip() if title_match else "An article"
        title = f"{title[:40]} (no. {number})"
        description = (
            f'<meta name="description" content="Notes on topic {number}: what changed, '
            f'who it affects and what to read next, issue {number}.">'
        )
        text = _CANONICAL.sub("", text)
        text = _DESCRIPTION.sub("", text)
        if title_match:
            text = text[: title_match.start(1)] + title + text[title_match.end(1) :]
        text = _inserted(text, _HEAD_END, description, before=True)
        targets = [(number + 1) % pages, (number * 7 + 3) % pages]
        links = " ".join(f'<a href="{_link(t)}">the related story {t}</a>' for t in targets)
        if number % 50 == 0:
            links += f' <a href="{_link(pages + number)}">an old story</a>'
        paragraph = f"<p>Page {number} of the archive: see {links}.</p>"
        text = _inserted(text, _FIRST_PARAGRAPH_END, paragraph, before=False)
        target = _page_path(root, number)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("latin-1"))


def _inserted(text: str, where: re.Pattern[str], insert: str, before: bool) -> str:
    """`insert` before or after the first match of `where` (the text as it was if none)."""
    found = where.search(text)
    if found is None:
        return text
    at = found.start() if before else found.end()
    return text[:at] + insert + text[at:]


def run(site: Path, output: Path, output_format: str, scheduler: str | None) -> dict[str, float]:
    """One audit of the site by the CLI in a child process; its figures."""
    figures = output.with_suffix(".figures.json")
    where = ["--scheduler", scheduler] if scheduler else ["--jobs", "2"]
    command = [
        *("check", str(site), "--isolated", "--no-progress", "--exit-zero"),
        *("--format", output_format, "-o", str(output), *where),
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CLIENT, str(figures), *command],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:  # --exit-zero: anything else is a failure to run
        sys.exit(f"the audit failed ({done.returncode}): {done.stderr.strip()}")
    measured: dict[str, float] = json.loads(figures.read_text())
    measured["wall"] = wall
    measured["bytes"] = output.stat().st_size
    return measured


def findings_of(output: Path) -> list[tuple[str, str, str, int | None]]:
    """Every finding of a JSONL report, as (path, rule, message, line), in order."""
    found = []
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for finding in record.get("findings", ()):
                found.append((record["path"], finding["rule"], finding["message"], finding["line"]))
    return found


# The parent alone: real audits of corpus pages, made distinct pages, fed to finalize and the
# format as a worker pool would hand them over, without auditing each of them again.
PARENT = r"""
import json, pickle, resource, sys, time
from dataclasses import replace
from seo_audit.engine.site import SiteLink
from seo_audit.formats import ReportOptions, format_named
from seo_audit.run import AuditSettings, build_plan, finalize
from seo_audit.run.audit import Outcome, audit_page
corpus, pages, name, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
plan = build_plan([corpus], AuditSettings(isolated=True))
models = [audit_page(plan, ref) for ref in plan.sources[:20]]
def outcomes():
    for n in range(pages):
        model = models[n % len(models)]
        path = f"site/page-{n}.html"
        links = (SiteLink(f"page-{n + 1}.html", 9, (f"file:site/page-{(n + 1) % pages}",)),)
        facts = replace(model.facts, path=path, keys=(f"file:site/page-{n}",), title=f"Page {n}",
                        meta_description=f"About {n - n % 3}", links=links,
                        keyphrase_forms=(f"topic{n}",))
        ref = replace(plan.sources[n % len(models)], name=path)
        # Unpickled, as results arrive from a worker: objects of their own.
        audit = replace(model, title=f"Page {n}", facts=facts)
        yield pickle.loads(pickle.dumps(Outcome(ref, audit)))
start = time.process_time()
report = finalize(plan, outcomes())
collected = time.process_time() - start
with open(target, "w", encoding="utf-8") as out:
    format_named(name).write(report, out, ReportOptions())
print(json.dumps({"client_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "finalize_cpu": collected, "write_cpu": time.process_time() - start - collected}))
"""


def parent_only(pages: int, output_format: str, root: Path) -> dict[str, float]:
    """The parent's peak RSS and CPU for `pages` pages (see PARENT) written as `output_format`."""
    target = root / f"parent-{pages}.{output_format}"
    done = subprocess.run(
        [sys.executable, "-c", PARENT, str(CORPUS), str(pages), output_format, str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"the parent-only run failed: {done.stderr.strip()}")
    measured: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    measured["bytes"] = target.stat().st_size
    target.unlink()
    return measured


def _dask_cluster() -> object:
    from distributed import LocalCluster

    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)


def _worker_peak_kb(cluster: object) -> float:
    import resource

    from distributed import Client

    def peak() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        return float(max(client.run(peak).values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--format", dest="output_format", default="jsonl")
    parser.add_argument("--dask", action="store_true", help="also on a 2-worker LocalCluster")
    parser.add_argument("--keep", type=Path, help="generate here and keep the pages")
    parser.add_argument(
        "--parent-only",
        metavar="PAGES",
        help="instead: feed this many pages (e.g. 100000) of real audits to the parent's "
        "finalize and format, and report its peak RSS and CPU for jsonl and json",
    )
    arguments = parser.parse_args()
    if arguments.parent_only:
        root = Path(tempfile.mkdtemp(prefix="seo-audit-parent-"))
        print("| pages | format | parent peak RSS MB | finalize CPU s | write CPU s | output MB |")
        print("|---:|---|---:|---:|---:|---:|")
        try:
            for pages in (int(p) for p in arguments.parent_only.split(",")):
                for name in ("jsonl", "json"):
                    got = parent_only(pages, name, root)
                    print(
                        f"| {pages} | {name} | {got['client_kb'] / 1024:.0f} "
                        f"| {got['finalize_cpu']:.1f} | {got['write_cpu']:.1f} "
                        f"| {got['bytes'] / 2**20:.0f} |",
                        flush=True,
                    )
        finally:
            shutil.rmtree(root, ignore_errors=True)
        return
    sizes = [int(size) for size in arguments.sizes.split(",")]
    root = arguments.keep or Path(tempfile.mkdtemp(prefix="seo-audit-scale-"))
    rows = []
    try:
        for size in sizes:
            site = root / f"site-{size}"
            if not site.exists():
                start = time.perf_counter()
                generate(site, size)
                print(f"generated {size} pages in {time.perf_counter() - start:.1f} s", flush=True)
            local_output = root / f"local-{size}.{arguments.output_format}"
            rows.append(
                ("local -j 2", size, run(site, local_output, arguments.output_format, None))
            )
            print(_row(*rows[-1]), flush=True)
            if arguments.dask:
                cluster = _dask_cluster()
                try:
                    dask_output = root / f"dask-{size}.{arguments.output_format}"
                    address = cluster.scheduler_address  # type: ignore[attr-defined]
                    measured = run(site, dask_output, arguments.output_format, address)
                    measured["children_kb"] = _worker_peak_kb(cluster)
                finally:
                    cluster.close()  # type: ignore[attr-defined]
                rows.append(("dask 2 workers", size, measured))
                print(_row(*rows[-1]), flush=True)
                if arguments.output_format == "jsonl":
                    same = findings_of(local_output) == findings_of(dask_output)
                    print(f"  findings identical between local and Dask: {same}", flush=True)
    finally:
        if arguments.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(
        "| run | pages | wall s | pages/s | client peak RSS MB | worker peak RSS MB "
        "| output MB | site rules CPU s | client CPU s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(_row(*row))
    print(f"\n{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end")


def _row(name: str, size: int, measured: dict[str, float]) -> str:
    return (
        f"| {name} | {size} | {measured['wall']:.1f} | {size / measured['wall']:.0f} "
        f"| {measured['client_kb'] / 1024:.0f} | {measured['children_kb'] / 1024:.0f} "
        f"| {measured['bytes'] / 2**20:.1f} | {measured['site_seconds']:.2f} "
        f"| {measured['cpu_seconds']:.1f} |"
    )


if __name__ == "__main__":
    main()
