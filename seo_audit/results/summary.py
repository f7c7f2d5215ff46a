"""The site picture after a batch: the pages that failed the gate (named first), the site
score, the page-score distribution, worst pages, frequent findings, category means."""

from __future__ import annotations

import heapq
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from seo_audit.results.model import AuditReport
from seo_audit.results.spill import Spill

# Failing pages kept in memory before the rest go to a temporary file: a batch where every
# page fails (a template error) lists 100,000 of them, ~25 MB held to the end of the run.
_FAILING_IN_MEMORY = 1000

Failing = tuple[str, int | None, str]  # path, score, the gate's reason

BUCKETS = tuple((low, low + 9 if low < 90 else 100) for low in range(0, 100, 10))


@dataclass(frozen=True)
class SiteSummary:
    pages: int
    errors: int
    failed: int
    mean_score: float | None
    median_score: float | None
    histogram: tuple[tuple[str, int], ...]
    worst: tuple[tuple[str, int], ...]
    top_findings: tuple[tuple[str, int, int], ...]  # rule, findings, pages
    category_means: dict[str, float] = field(default_factory=dict)
    # In page order; a Spill (read back from disk) past _FAILING_IN_MEMORY pages.
    failing: Sequence[Failing] = ()
    site_score: int | None = None
    site_gate: str | None = None  # why the site failed its gate, if it did

    def as_dict(self, failed_pages: Iterable[Any] | None = None) -> dict[str, Any]:
        """The summary as JSON data; `failed_pages`, when given, stands for the list of
        failing pages (a writer streaming a long list puts a placeholder there)."""
        return {
            "pages": self.pages,
            "errors": self.errors,
            "failed": self.failed,
            "mean_score": self.mean_score,
            "median_score": self.median_score,
            "histogram": [{"scores": label, "pages": count} for label, count in self.histogram],
            "worst_pages": [{"path": path, "score": score} for path, score in self.worst],
            "top_findings": [
                {"rule": rule, "findings": count, "pages": pages}
                for rule, count, pages in self.top_findings
            ],
            "category_means": self.category_means,
            "failed_pages": (
                failed_pages if failed_pages is not None else list(self.failed_page_dicts())
            ),
            "site_score": self.site_score,
            "site_gate": {
                "passed": self.site_gate is None,
                **({"reason": self.site_gate} if self.site_gate else {}),
            },
        }

    def failed_page_dicts(self) -> Iterable[dict[str, Any]]:
        return (
            {"path": path, "score": score, "reason": reason} for path, score, reason in self.failing
        )


def summarize(report: AuditReport, top: int = 10, worst: int = 5) -> SiteSummary:
    """The summary, in one pass over the pages (a large batch's are read back from disk)."""
    scores: list[int] = []
    lowest: list[tuple[int, str]] = []  # the `worst` lowest (score, path), as a max-heap
    findings: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    category_sums: dict[str, list[int]] = {}  # name -> [total, pages]
    failing: list[Failing] | Spill[Failing] = []
    count = 0
    for page in report.pages:
        count += 1
        if page.score is not None:
            scores.append(page.score)
            entry = (-page.score, _Reversed(page.path))
            if len(lowest) < worst:
                heapq.heappush(lowest, entry)
            elif worst and entry > lowest[0]:
                heapq.heapreplace(lowest, entry)
        rules = [f.rule for f in page.findings]
        findings.update(rules)
        pages_with.update(set(rules))
        for name, value in page.categories.items():
            sums = category_sums.setdefault(name, [0, 0])
            sums[0] += value
            sums[1] += 1
        if not page.gate.passed:
            failing.append((page.path, page.score, page.gate.reason or ""))
            if len(failing) == _FAILING_IN_MEMORY and isinstance(failing, list):
                failing = Spill(failing)
    histogram = tuple(
        (f"{low}–{high}", sum(1 for s in scores if low <= s <= high)) for low, high in BUCKETS
    )
    worst_pages = sorted(((str(path), -score) for score, path in lowest), key=_by_score)
    return SiteSummary(
        pages=count,
        errors=len(report.errors),
        failed=len(failing),
        # Exact quotients of integers, correctly rounded: what statistics.mean gives.
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        median_score=statistics.median(scores) if scores else None,
        histogram=histogram,
        worst=tuple(worst_pages),
        top_findings=tuple((rule, n, pages_with[rule]) for rule, n in findings.most_common(top)),
        category_means={
            name: round(total / pages, 1) for name, (total, pages) in sorted(category_sums.items())
        },
        failing=tuple(failing) if isinstance(failing, list) else failing,
        site_score=report.site_score,
        site_gate=report.site_gate.reason,
    )


def _by_score(item: tuple[str, int]) -> tuple[int, str]:
    return item[1], item[0]


class _Reversed(str):
    """A path that sorts backwards, so the max-heap of (-score, path) keeps the lowest scores
    and, among equal ones, the first paths in order (as sorting them all did)."""

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:
        return str.__lt__(self, other)
