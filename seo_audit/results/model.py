"""What an audit produces, independent of any output format: plain, frozen data.

Nothing here knows the engine: a result names its rule (`RuleInfo` carries what reporters show
of it), so reports travel between processes and formats need no rule code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from types import MappingProxyType
from typing import Any

EMPTY: Mapping[str, Any] = MappingProxyType({})


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


class Verdict(str, Enum):
    GOOD = "good"
    OK = "ok"
    BAD = "bad"
    NOT_APPLICABLE = "not applicable"
    INTERNAL_ERROR = "internal error"

    @property
    def points(self) -> float | None:
        return POINTS.get(self)


# Looked up by member, made once: scoring, sorting and the gates ask for every result and
# finding of every page (a dict built a call, and Enum.value's descriptor, cost ~1 us each).
_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}
POINTS: Mapping[Verdict, float] = {Verdict.GOOD: 1.0, Verdict.OK: 0.5, Verdict.BAD: 0.0}


@dataclass(frozen=True)
class RuleInfo:
    """What a report says about a rule (SARIF rule entries, `explain` links)."""

    id: str
    category: str
    severity: Severity
    weight: float
    summary: str
    doc: str
    origin: str


@dataclass(frozen=True)
class ReportedFinding:
    rule: str
    category: str
    severity: Severity
    message: str
    line: int | None
    verdict: str
    # Recorded in the --baseline file: listed, counted in verdicts and score, not gated on.
    baselined: bool = False
    # The column of the line (1-based) where the finding's text starts, and the line and
    # column just after its end (page/columns.py); None when unknown (a finding about the
    # whole page, a site rule's): formats write 1 where they need a column.
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
        }
        if self.column is not None:
            found["column"] = self.column
        if self.end_column is not None:
            found["end_line"] = self.end_line
            found["end_column"] = self.end_column
        if self.baselined:
            found["baselined"] = True
        return found


@dataclass(frozen=True)
class RuleResult:
    """A rule's verdict on one page."""

    rule_id: str
    category: str
    weight: float
    severity: Severity
    verdict: Verdict
    findings: tuple[ReportedFinding, ...] = ()
    reason: str = ""
    # "site": a cross-page rule's verdict on this page. It is listed with the page's findings
    # and gated by severity, but scored in the site score, not the page score, so a page
    # scores the same alone, in a list and in its folder.
    scope: str = "page"


@dataclass(frozen=True)
class Gate:
    passed: bool
    reason: str | None = None


@dataclass(frozen=True)
class PageReport:
    path: str  # the source's name as reports show it: a path as given, "<stdin>", a URL
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
    gate: Gate = Gate(True)
    kind: str = "file"  # the source kind (sources.SourceRef.kind): how to show `path`
    # "html" or "markdown" where the run knows how the page was read (a .txt is sniffed).
    source_format: str | None = None

    @property
    def findings(self) -> list[ReportedFinding]:
        return [f for result in self.results for f in result.findings]

    @property
    def site_results(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.scope == "site")

    @property
    def new_findings(self) -> list[ReportedFinding]:
        """The findings not recorded in the baseline: what the gate and CI annotations see."""
        return [f for f in self.findings if not f.baselined]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


@dataclass(frozen=True)
class InputFailure:
    path: str
    message: str
    kind: str = "file"


@dataclass(frozen=True)
class FixedFinding:
    """A finding the --baseline file recorded on a page of this run that the page no longer
    has: the baseline can shrink (`--write-baseline` refreshes it)."""

    path: str  # the page as the report names it
    rule: str
    kind: str = "file"


@dataclass(frozen=True)
class AuditReport:
    # A tuple, or a batch's `results.spill.Spill` (read back from disk, one page at a time).
    pages: Sequence[PageReport] = ()
    errors: tuple[InputFailure, ...] = ()
    rules: Mapping[str, RuleInfo] = field(default_factory=lambda: EMPTY)  # every rule loaded
    categories: tuple[str, ...] = ()  # every category of those rules, in report order
    # The cross-page rules' verdicts on every page, scored as a page's are (None: none ran,
    # as on a single page), its categories, and its own gate (--fail-under-site).
    site_score: int | None = None
    site_categories: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    site_gate: Gate = Gate(True)
    # None without --baseline; else what the baseline recorded on this run's pages and they
    # no longer have.
    fixed: tuple[FixedFinding, ...] | None = None
    # How many pages failed their gate, when the maker of the report counted them as it made
    # the pages (finalize does); None: counted by a pass over the pages on first use.
    failed_count: int | None = field(default=None, compare=False, repr=False)

    @cached_property
    def failed(self) -> int:
        # Counted once: a batch's pages are read back from disk for each pass over them (a
        # pass unpickles every page's report, ~0.1 ms a page: finalize's count saves it).
        if self.failed_count is not None:
            return self.failed_count
        return sum(1 for page in self.pages if not page.gate.passed)

    @property
    def failing_pages(self) -> tuple[PageReport, ...]:
        return tuple(page for page in self.pages if not page.gate.passed)

    @property
    def passed(self) -> bool:
        """The run's gate: every page passed its own, and the site score passed its."""
        return not self.failed and self.site_gate.passed
