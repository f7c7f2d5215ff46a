"""What an audit produces, independent of any output format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from seo_audit.engine.rule import Rule, Severity, Verdict


@dataclass(frozen=True)
class ReportedFinding:
    rule: str
    category: str
    severity: Severity
    message: str
    line: int | None
    verdict: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
        }


@dataclass(frozen=True)
class RuleResult:
    """A rule's verdict on one page. It names its rule rather than holding it, so results
    travel between processes (a rule's check function need not be importable there)."""

    rule_id: str
    category: str
    weight: float
    severity: Severity
    verdict: Verdict
    findings: tuple[ReportedFinding, ...] = ()
    reason: str = ""

    @classmethod
    def of(
        cls,
        rule: Rule,
        severity: Severity,
        verdict: Verdict,
        findings: tuple[ReportedFinding, ...] = (),
        reason: str = "",
    ) -> RuleResult:
        return cls(rule.id, rule.category, rule.weight, severity, verdict, findings, reason)


@dataclass(frozen=True)
class PageReport:
    path: str
    score: int | None
    categories: Mapping[str, int]
    keyphrase: str | None
    keyphrase_source: str | None
    keyphrase_line: int | None
    title: str | None
    metrics: Mapping[str, Any]
    results: tuple[RuleResult, ...]
    suppressed: int = 0  # findings switched off by comments or front matter in the page
    baselined: int = 0  # findings already recorded in the --baseline file

    @property
    def findings(self) -> list[ReportedFinding]:
        return [f for result in self.results for f in result.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


@dataclass(frozen=True)
class InputFailure:
    path: str
    message: str


@dataclass
class AuditReport:
    pages: list[PageReport] = field(default_factory=list)
    errors: list[InputFailure] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # every rule that ran, by id
