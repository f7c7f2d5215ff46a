"""How well seo-audit finds the article body on real pages, and how long a full audit takes.

Token F1 of `Page.text` (exactly what the rules analyse) against the hand-marked article text
in ../shared/corpus/articles/ground-truth.json (mean, median, min, and the pages below 0.80);
then the CPU time of a full audit (read, parse, extract, every rule) per page: process time,
not wall-clock, so other work on a loaded machine counts less. To compare two versions, run
them in turn a few times and compare medians.

    python benchmarks/extraction.py [--corpus DIR] [--worst N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
_TOKEN_RE = re.compile(r"\w+")
LOW_F1 = 0.80  # the floor: no page below it


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN_RE.findall(text.lower()))


def token_f1(extracted: str, truth: str) -> float:
    got, want = tokens(extracted), tokens(truth)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def evaluate(corpus: Path) -> list[tuple[str, float, float]]:
    """(file name, F1, CPU seconds for a full audit) for every page with ground truth."""
    from seo_audit.run import AuditSettings, audit_one

    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    results = []
    for name in sorted(truth):
        start = time.process_time()
        page, _ = audit_one(str(corpus / name), AuditSettings())
        elapsed = time.process_time() - start
        results.append((name, token_f1(page.text, truth[name]["articleBody"]), elapsed))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=5, help="list the N worst pages")
    args = parser.parse_args()
    if not (args.corpus / "ground-truth.json").is_file():
        sys.exit(f"no ground-truth.json in {args.corpus}")
    evaluate(args.corpus)  # warm-up: imports and first-call costs are not per-page costs
    results = evaluate(args.corpus)
    scores = [f1 for _, f1, _ in results]
    times = [t * 1000 for _, _, t in results]
    print(f"pages: {len(results)}")
    print(
        f"token F1: mean {statistics.mean(scores):.4f}, median {statistics.median(scores):.3f}, "
        f"min {min(scores):.3f}, pages below {LOW_F1:.2f}: {sum(f1 < LOW_F1 for f1 in scores)}"
    )
    print(
        f"full audit per page (CPU): median {statistics.median(times):.1f} ms, "
        f"mean {statistics.mean(times):.1f} ms, max {max(times):.1f} ms"
    )
    for name, f1, _ in sorted(results, key=lambda r: r[1])[: args.worst]:
        print(f"  worst: {f1:.3f} {name}")


if __name__ == "__main__":
    main()
