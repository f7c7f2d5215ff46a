"""The long fuzz campaign: the properties of tests/fuzzing.py with fresh random examples, in
rounds, until the time is up; it prints how many examples each ran.

    python benchmarks/fuzz.py [--minutes 10]

A failure prints hypothesis's smallest failing example and exits 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

ROUND = 200  # examples per property and round


def _counting(
    prop: Callable[[Any, Any], None], counts: dict[str, int]
) -> Callable[[Any, Any], None]:
    def counted(first: Any, second: Any) -> None:
        counts[prop.__name__] += 1
        prop(first, second)

    return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura's "discarding data" on empty pages
    from hypothesis import HealthCheck, given, settings

    from fuzzing import PROPERTIES

    profile = settings(
        max_examples=ROUND,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    counts = {prop.__name__: 0 for prop, _ in PROPERTIES}
    end = time.monotonic() + args.minutes * 60
    while time.monotonic() < end:
        for prop, strategies in PROPERTIES:
            try:
                profile(given(*strategies)(_counting(prop, counts)))()
            except Exception as error:  # hypothesis has shrunk the failing example
                print(f"{prop.__name__}: FAILED after {counts[prop.__name__]} examples:\n{error}")
                sys.exit(1)
    for name, count in counts.items():
        print(f"{name}: {count} examples, no failure")
    print(f"total: {sum(counts.values())} examples in {args.minutes:g} min, no failure")


if __name__ == "__main__":
    main()
