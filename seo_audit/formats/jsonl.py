"""`--format jsonl`: one JSON object per line, a page (as in `json`) or an input error."""

from __future__ import annotations

from typing import TextIO

from seo_audit.formats import ReportOptions
from seo_audit.formats.json import dumps, page_dict
from seo_audit.results.model import AuditReport


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    for page in report.pages:
        stream.write(dumps(page_dict(page, options)) + "\n")
    for error in report.errors:
        stream.write(dumps({"path": error.path, "error": error.message}) + "\n")
