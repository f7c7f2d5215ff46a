"""What placing findings on their line costs (page/columns.py): CPU time in `locate` against
the whole page audit, on the real corpus, every page audited as `check --isolated` would.

    python benchmarks/columns.py [--corpus DIR] [--repeat N]

Prints, per repeat, the audit's CPU time per page (median), the findings located and the
share of the audit's CPU spent placing them. Target: a few percent (2.3% measured on the
loaded 2-core machine, 2026-12-01; a regex compiled per message cost 31%).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


def measure(files: list[Path]) -> tuple[list[float], int, float]:
    import seo_audit.engine.runner as runner
    from seo_audit.run import AuditSettings, audit_one

    real = runner.locate
    spent = 0.0
    calls = 0

    def timed(*args: Any) -> Any:
        nonlocal spent, calls
        start = time.process_time()
        try:
            return real(*args)
        finally:
            spent += time.process_time() - start
            calls += 1

    runner.locate = timed  # type: ignore[assignment]
    try:
        settings = AuditSettings(isolated=True)
        per_page = []
        for file in files:
            start = time.process_time()
            audit_one(str(file), settings)
            per_page.append(time.process_time() - start)
    finally:
        runner.locate = real  # type: ignore[assignment]
    return per_page, calls, spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.html"))
    measure(files[:5])  # warm: rules loaded, caches filled
    for _ in range(args.repeat):
        per_page, calls, spent = measure(files)
        total = sum(per_page)
        print(
            f"{len(files)} pages: audit {statistics.median(per_page) * 1000:.1f} ms CPU/page "
            f"(median); {calls} findings located in {spent * 1000:.0f} ms = "
            f"{spent / total * 100:.1f}% of the audit CPU "
            f"({spent / max(calls, 1) * 1e6:.0f} µs each)"
        )


if __name__ == "__main__":
    main()
