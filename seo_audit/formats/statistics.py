"""`check --statistics`: how many findings each rule has, instead of the report (as `ruff
--statistics` prints): the shown findings (--min-severity applies), most frequent first, then
the gate line. JSON with `--format json`. Rule ids are ours; nothing here is page text."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from seo_audit.formats import ReportOptions, shown_findings
from seo_audit.formats.json import dumps
from seo_audit.results.counts import plural
from seo_audit.results.gate import run_verdict
from seo_audit.results.model import AuditReport, Severity


def counts(report: AuditReport, options: ReportOptions) -> list[tuple[str, Severity, int, int]]:
    """(rule, severity, findings, pages) for every rule with a shown finding, most first."""
    findings: Counter[tuple[str, Severity]] = Counter()
    pages: Counter[tuple[str, Severity]] = Counter()
    for page in report.pages:
        keys = [(f.rule, f.severity) for f in shown_findings(page, options)]
        findings.update(keys)
        pages.update(set(keys))
    ranked = sorted(findings.items(), key=lambda item: (-item[1], -item[0][1].rank, item[0][0]))
    return [(rule, severity, n, pages[(rule, severity)]) for (rule, severity), n in ranked]


def write_table(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    rows = counts(report, options)
    rule_width = max((len(rule) for rule, *_ in rows), default=0)
    count_width = max((len(str(n)) for *_, n, _ in rows), default=1)
    for rule, severity, n, pages in rows:
        stream.write(
            f"{n:>{count_width}}  {rule:<{rule_width}}  {severity.value:<7}  "
            f"{plural(pages, 'page')}\n"
        )
    total = sum(n for *_, n, _ in rows)
    stream.write(f"{plural(total, 'finding')} on {plural(len(report.pages), 'page')}; ")
    stream.write(f"gate: {run_verdict(report)}\n")


def write_json(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    rows = [
        {"rule": rule, "severity": severity.value, "findings": n, "pages": pages}
        for rule, severity, n, pages in counts(report, options)
    ]
    stream.write(dumps(rows, indent=2) + "\n")
