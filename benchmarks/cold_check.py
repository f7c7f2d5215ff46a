"""A writer's single-page check from a cold start: `seo-audit check PAGE` as a new process,
median of several runs, as wall time and as CPU time (user + system of the child: less
sensitive to other load on a shared machine). With --against, another installation's command
runs interleaved with this one (same page, same machine noise), and the ratios are printed.

The commands run with their bytecode cached, as an installed tool's is (pip compiles a wheel's
modules when it installs them): in a folder of the benchmark's own (PYTHONPYCACHEPREFIX),
filled by a first run that is not counted, so neither the checkout nor PYTHONDONTWRITEBYTECODE
in the caller's environment makes every run compile ~300 modules again (~80 ms). --no-bytecode
measures that case instead.

    python benchmarks/cold_check.py [--page FILE] [--runs 15] [--against /other/venv/bin/seo-audit]
    python benchmarks/cold_check.py --command text --page examples/draft-cold-brew.md
"""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGE = REPO / "examples" / "film-news-with-problems.html"
CHECK = ("check", "--isolated")


def once(
    command: list[str], page: Path, env: dict[str, str], subcommand: Sequence[str] = CHECK
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one cold check (or other subcommand) of the page."""
    # getrusage, not os.times: os.times counts in clock ticks (10 ms), a step as large as
    # the differences measured.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*command, *subcommand, str(page)], capture_output=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _median(runs: list[tuple[float, float]], index: int) -> float:
    return statistics.median(run[index] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", help="another seo-audit command to compare with")
    parser.add_argument(
        "--command",
        default=" ".join(CHECK),
        help="the subcommand before the page (%(default)s)",
    )
    parser.add_argument(
        "--no-bytecode", action="store_true", help="compile every module on every run"
    )
    args = parser.parse_args()
    ours = [str(Path(sys.executable).with_name("seo-audit"))]
    subcommand = args.command.split()
    other = [args.against] if args.against else None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        cache = tempfile.mkdtemp(prefix="seo-audit-bytecode-")
        atexit.register(shutil.rmtree, cache, ignore_errors=True)
        env["PYTHONPYCACHEPREFIX"] = cache
    # Warm the file cache (and fill the bytecode cache), not the interpreter.
    once(ours, args.page, env, subcommand)
    if other:
        once(other, args.page, env, subcommand)
    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.runs):
        mine.append(once(ours, args.page, env, subcommand))
        if other:
            theirs.append(once(other, args.page, env, subcommand))
    print(
        f"cold {args.command.split()[0]}, median of {args.runs}: {_median(mine, 0):.3f} s wall, "
        f"{_median(mine, 1):.3f} s CPU ({ours[0]})"
    )
    if other:
        print(
            f"                       against: {_median(theirs, 0):.3f} s wall, "
            f"{_median(theirs, 1):.3f} s CPU ({other[0]})"
        )
        print(
            f"ratio: {_median(mine, 0) / _median(theirs, 0):.2f} wall, "
            f"{_median(mine, 1) / _median(theirs, 1):.2f} CPU"
        )


if __name__ == "__main__":
    main()
