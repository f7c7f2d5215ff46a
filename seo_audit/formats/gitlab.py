"""`--format gitlab`: GitLab Code Quality JSON (a list of issues with fingerprints): the new
findings (not the baselined ones) at or above --min-severity."""

from __future__ import annotations

import hashlib
from typing import Any, TextIO

from seo_audit.formats import ReportOptions, shown, shown_findings
from seo_audit.formats.json import dumps
from seo_audit.results.baseline import fingerprints
from seo_audit.results.model import AuditReport, Severity

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _digest(text: str) -> str:
    # surrogatepass: a file name that is not UTF-8 (a lone surrogate in Python) has one too.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    issues: list[dict[str, Any]] = []
    for page in report.pages:
        path = shown(page)
        shown_ids = {id(f) for f in shown_findings(page, options)}
        for finding, print_ in fingerprints(page):
            if id(finding) not in shown_ids:  # baselined, or below --min-severity
                continue
            # Stable across line moves, unique per page: GitLab diffs reports by fingerprint.
            fingerprint = _digest(f"{path}\0{print_}")
            issues.append(
                {
                    "type": "issue",
                    "check_name": finding.rule,
                    "description": finding.message,
                    "categories": ["Style"],
                    "severity": SEVERITIES[finding.severity],
                    "fingerprint": fingerprint,
                    "location": {"path": path, "lines": {"begin": finding.line or 1}},
                }
            )
    for error in report.errors:
        path = shown(error)
        issues.append(
            {
                "type": "issue",
                "check_name": "seo-audit-input",
                "description": error.message,
                "categories": ["Bug Risk"],
                "severity": "critical",
                "fingerprint": _digest(f"{path}\0input"),
                "location": {"path": path, "lines": {"begin": 1}},
            }
        )
    stream.write(dumps(issues, indent=2) + "\n")
