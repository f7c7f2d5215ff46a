"""A writer's single-page check from a cold start: `seo-audit check PAGE` as a new process,
median of several runs. With --against, another installation's command runs interleaved with
this one (same page, same machine noise), and the ratio is printed.

    python benchmarks/cold_check.py [--page FILE] [--runs 9] [--against /other/venv/bin/seo-audit]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGE = REPO / "examples" / "film-news-with-problems.html"


def once(command: list[str], page: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*command, "check", "--isolated", str(page)], capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--against", help="another seo-audit command to compare with")
    args = parser.parse_args()
    ours = [str(Path(sys.executable).with_name("seo-audit"))]
    other = [args.against] if args.against else None
    once(ours, args.page)  # warm the file cache, not the interpreter
    if other:
        once(other, args.page)
    mine, theirs = [], []
    for _ in range(args.runs):
        mine.append(once(ours, args.page))
        if other:
            theirs.append(once(other, args.page))
    print(f"cold check, median of {args.runs}: {statistics.median(mine):.3f} s ({ours[0]})")
    if other:
        print(f"                       against: {statistics.median(theirs):.3f} s ({other[0]})")
        print(f"ratio: {statistics.median(mine) / statistics.median(theirs):.2f}")


if __name__ == "__main__":
    main()
