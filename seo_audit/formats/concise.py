"""`--format concise`: one finding per line, as compilers, ruff and Vale write them, for editors
and problem matchers:

    posts/a.html:18:4: error editorial-seo-note An SEO note is visible to readers: …

Errors first on each page, then warnings, then info. The column is where the text the finding
names starts on its line, in the file the writer has open (a draft's Markdown, not its
rendering; see page/columns.py); a finding about the whole page is at 1:1. An input that could
not be read is an `error input` line. The last line counts the findings and gives the gate.
Page text and file names are made visible as in the text report (`\\x1b`): a line is one line
and cannot drive the terminal.
"""

from __future__ import annotations

from typing import TextIO

from seo_audit.formats import ReportOptions, shown, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.results.counts import plural
from seo_audit.results.gate import run_verdict
from seo_audit.results.model import AuditReport


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    total = 0
    for error in report.errors:
        stream.write(f"{visible(shown(error))}:1:1: error input {visible(error.message)}\n")
    for page in report.pages:
        if options.quiet and page.gate.passed:
            continue
        path = visible(shown(page))
        for finding in shown_findings(page, options):
            total += 1
            stream.write(
                f"{path}:{finding.line or 1}:{finding.column or 1}: {finding.severity.value} "
                f"{finding.rule} {visible(finding.message)}\n"
            )
    pages = len(report.pages)
    stream.write(f"{plural(total, 'finding')} on {plural(pages, 'page')}; gate: ")
    stream.write(f"{run_verdict(report)}\n")
