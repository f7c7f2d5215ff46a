"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, …).

Rules carry their documentation as help text; results carry physical locations (file, and line
where there is one). Severity maps to SARIF levels error / warning / note.
"""

from __future__ import annotations

from typing import Any, TextIO

from seo_audit import __version__
from seo_audit.formats import ReportOptions, shown, shown_findings
from seo_audit.formats.json import dumps
from seo_audit.results.model import AuditReport, PageReport, ReportedFinding, RuleInfo, Severity

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://pypi.org/project/seo-audit/"


def _rule(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category, "seo"]},
    }


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    """Written as it is read: the rules the pages used (a first pass over the pages), then
    each result on a line of its own through the C encoder (a second pass), so a batch's
    results are never all in memory."""
    used = {result.rule_id for page in report.pages for result in page.results}
    rules = {rule_id: report.rules[rule_id] for rule_id in used if rule_id in report.rules}
    order = sorted(rules)
    index = {rule_id: i for i, rule_id in enumerate(order)}
    notifications = [
        {
            "level": "error",
            "message": {"text": error.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": shown(error)}}}],
        }
        for error in report.errors
    ]
    tool = {
        "driver": {
            "name": "seo-audit",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(rules[rule_id]) for rule_id in order],
        }
    }
    invocations = [
        {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
    ]
    stream.write(f'{{\n  "$schema": {_encoded(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n')
    stream.write(f'    {{\n      "tool": {_encoded(tool, 6)},\n      "results": [')
    empty = True
    for page in report.pages:
        for finding in shown_findings(page, options):
            stream.write(
                ("\n" if empty else ",\n") + " " * 8 + _encoded(_result(page, finding, index))
            )
            empty = False
    stream.write("]" if empty else "\n      ]")
    stream.write(f',\n      "invocations": {_encoded(invocations, 6)}\n    }}\n  ]\n}}\n')


def _result(page: PageReport, finding: ReportedFinding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": shown(page)}}
    if finding.line:
        location["region"] = {"startLine": finding.line}
        if finding.column:
            location["region"]["startColumn"] = finding.column
            if finding.end_line and finding.end_column:
                # SARIF's endColumn is the column after the region, as ours is.
                location["region"]["endLine"] = finding.end_line
                location["region"]["endColumn"] = finding.end_column
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
    }


def _encoded(value: Any, indent: int | None = None) -> str:
    """ASCII JSON (some SARIF viewers mis-read UTF-8); indented at `indent` columns, or on
    one line through the C encoder."""
    if indent is None:
        return dumps(value, ensure_ascii=True)
    return dumps(value, indent=2, ensure_ascii=True).replace("\n", "\n" + " " * indent)
