"""The site picture after a batch: the pages that failed the gate (named first), the site
score, the page-score distribution, worst pages, frequent findings, category means."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from seo_audit.results.model import AuditReport

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
    failing: tuple[tuple[str, int | None, str], ...] = ()  # path, score, the gate's reason
    site_score: int | None = None
    site_gate: str | None = None  # why the site failed its gate, if it did

    def as_dict(self) -> dict[str, Any]:
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
            "failed_pages": [
                {"path": path, "score": score, "reason": reason}
                for path, score, reason in self.failing
            ],
            "site_score": self.site_score,
            "site_gate": {
                "passed": self.site_gate is None,
                **({"reason": self.site_gate} if self.site_gate else {}),
            },
        }


def summarize(report: AuditReport, top: int = 10, worst: int = 5) -> SiteSummary:
    scored = [(p.path, p.score) for p in report.pages if p.score is not None]
    scores = [score for _, score in scored]
    histogram = tuple(
        (f"{low}–{high}", sum(1 for s in scores if low <= s <= high)) for low, high in BUCKETS
    )
    findings: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    for page in report.pages:
        rules = [f.rule for f in page.findings]
        findings.update(rules)
        pages_with.update(set(rules))
    categories: dict[str, list[int]] = {}
    for page in report.pages:
        for name, value in page.categories.items():
            categories.setdefault(name, []).append(value)
    return SiteSummary(
        pages=len(report.pages),
        errors=len(report.errors),
        failed=report.failed,
        mean_score=round(statistics.mean(scores), 1) if scores else None,
        median_score=statistics.median(scores) if scores else None,
        histogram=histogram,
        worst=tuple(sorted(scored, key=lambda item: (item[1], item[0]))[:worst]),
        top_findings=tuple((rule, n, pages_with[rule]) for rule, n in findings.most_common(top)),
        category_means={k: round(statistics.mean(v), 1) for k, v in sorted(categories.items())},
        failing=tuple((p.path, p.score, p.gate.reason or "") for p in report.failing_pages),
        site_score=report.site_score,
        site_gate=report.site_gate.reason,
    )
