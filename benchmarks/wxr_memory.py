"""Memory of a WordPress export audit: peak RSS for a 1,000-item and a 20,000-item export.

The exports are generated at run time (in a temporary folder) from the posts of the test
fixture, each item made distinct (title, slug, permalink, SEO fields, a numbered paragraph),
with the attachments and menu items a real export has between them. Each measurement runs in a fresh
process, so its peak RSS (getrusage of that child) is its own:

- `read`: what the export reader costs: the planner expands the export into item refs and
  every item is read back into a Document (the work of sources/wxr.py, without the audit).
  Target: the 20,000-item export within 1.5x of the 1,000-item one.
- `audit` (with --audit): the whole `seo-audit check export.xml --format jsonl --jobs 1`, for
  the record: the parent also keeps every page's results until the report is written
  (issue 17's streaming reports), which grows with the page count whatever the reader does.

    python benchmarks/wxr_memory.py [--sizes 1000,20000] [--repeat 3] [--audit]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "wxr" / "export.xml"
_ITEM_RE = re.compile(r"\t<item>.*?</item>\n", re.DOTALL)


def write_export(path: Path, items: int) -> int:
    """An export of `items` items: the fixture's header, its items cycled and renumbered."""
    text = FIXTURE.read_text(encoding="utf-8")
    first = text.index("\t<item>")
    last = text.rindex("</item>") + len("</item>\n")
    templates = _ITEM_RE.findall(text[first:last])
    with open(path, "w", encoding="utf-8") as out:
        out.write(text[:first])
        for number in range(items):
            item = templates[number % len(templates)]
            item = item.replace("]]></title>", f" (part {number})]]></title>", 1)
            item = re.sub(
                r"(<link>https://brew\.example\.com/[^<]*?)/?</link>",
                rf"\1-{number}/</link>",
                item,
                count=1,
            )
            item = item.replace("<wp:post_name><![CDATA[", f"<wp:post_name><![CDATA[n{number}-", 1)
            # Distinct descriptions and keyphrases too: the fixture's shared ones would make
            # one group of thousands for the cross-page rules (issue 17's quadratic groups).
            item = re.sub(r"(<wp:meta_value><!\[CDATA\[)", rf"\g<1>batch{number} ", item)
            item = item.replace(
                "]]></content:encoded>",
                f"\n\nBatch {number} was brewed on day {number % 365} of the test."
                "]]></content:encoded>",
                1,
            )
            out.write(item)
        out.write(text[last:])
    return path.stat().st_size


def child_read(export: str) -> None:
    """Expand the export and read every item back, keeping nothing."""
    from seo_audit.run import AuditSettings, build_plan
    from seo_audit.sources import read

    plan = build_plan([export], AuditSettings(isolated=True))
    words = 0
    for ref in plan.sources:
        words += len(read(ref).html)
    print(len(plan.sources), words)


def measure(command: list[str]) -> tuple[float, float, str]:
    """(peak RSS in MiB, CPU seconds, stdout) of one child process."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss / 1024  # KiB on Linux
    return rss, usage.ru_utime + usage.ru_stime, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--audit", action="store_true", help="also measure the whole check")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "EXPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_read(args.child[1])
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    modes = ["read", *(["audit"] if args.audit else [])]
    with tempfile.TemporaryDirectory() as folder:
        exports = {}
        for size in sizes:
            exports[size] = Path(folder) / f"export-{size}.xml"
            megabytes = write_export(exports[size], size) / (1024 * 1024)
            print(f"export of {size} items: {megabytes:.1f} MiB", file=sys.stderr)
        results: dict[tuple[str, int], list[tuple[float, float]]] = {}
        started = time.perf_counter()
        for _ in range(args.repeat):
            for mode in modes:
                for size in sizes:  # interleaved, so load changes hit every size alike
                    if mode == "read":
                        command = [sys.executable, __file__, "--child", "read", str(exports[size])]
                    else:
                        command = [
                            sys.executable,
                            "-m",
                            "seo_audit",
                            "check",
                            str(exports[size]),
                            "--isolated",
                            "--format",
                            "jsonl",
                            "--jobs",
                            "1",
                            "-o",
                            os.devnull,
                            "--exit-zero",
                        ]
                    rss, cpu, _ = measure(command)
                    results.setdefault((mode, size), []).append((rss, cpu))
        print(f"load average {os.getloadavg()[0]:.1f}; {time.perf_counter() - started:.0f} s wall")
        print("| mode | items | peak RSS (MiB, median) | CPU s (median) | RSS vs smallest |")
        print("|---|---:|---:|---:|---:|")
        for mode in modes:
            base = statistics.median(r for r, _ in results[(mode, sizes[0])])
            for size in sizes:
                rss = statistics.median(r for r, _ in results[(mode, size)])
                cpu = statistics.median(c for _, c in results[(mode, size)])
                print(f"| {mode} | {size} | {rss:.1f} | {cpu:.1f} | {rss / base:.2f}x |")


if __name__ == "__main__":
    main()
