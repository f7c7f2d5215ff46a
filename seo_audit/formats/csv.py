"""`--format csv`: one row per page with scores, metrics and finding counts, for spreadsheets
(the counts of the findings at or above --min-severity, baselined ones included).

Every text cell is page text or a file name: control characters (line breaks and ESC too), bidi
and invisible format characters are made visible (`\\x1b`), so a row is one line and `cat`
cannot drive the terminal, and a cell a spreadsheet would read as a formula starts with `'`.
"""

from __future__ import annotations

import csv
from typing import TextIO

from seo_audit.formats import ReportOptions, shown, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.results.model import AuditReport, Severity

# A cell starting with these is a formula to spreadsheet programs; page text must not be one.
# (Tab and CR, which they read so too, are made visible before.)
_FORMULA_START = ("=", "+", "-", "@")


def cell(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    metrics = sorted({key for page in report.pages for key in page.metrics})
    columns = [
        "path",
        "score",
        "gate",
        "title",
        "keyphrase",
        "keyphrase_source",
        *[f"category_{c}" for c in report.categories],
        *metrics,
        "errors",
        "warnings",
        "infos",
        "rules_failed",
        "error",
    ]
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for page in report.pages:
        findings = shown_findings(page, options, baselined=True)
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        failed_rules = sorted({f.rule for f in findings})
        row = [
            shown(page),
            page.score,
            "pass" if page.gate.passed else "fail",
            page.title or "",
            page.keyphrase or "",
            page.keyphrase_source or "",
            *[page.categories.get(c, "") for c in report.categories],
            *[page.metrics.get(m, "") for m in metrics],
            counts[Severity.ERROR],
            counts[Severity.WARNING],
            counts[Severity.INFO],
            " ".join(failed_rules),
            "",
        ]
        writer.writerow([cell(v) for v in row])
    for error in report.errors:
        empty = [""] * (len(columns) - 2)
        writer.writerow([cell(shown(error)), *empty, cell(error.message)])
