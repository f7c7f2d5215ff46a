"""`--format jsonl`: one JSON object per line, a page (as in `json`) or an input error."""

from __future__ import annotations

import json
from typing import TextIO

from seo_audit.report import AuditReport
from seo_audit.reporters import ReportOptions
from seo_audit.reporters.json_format import page_dict


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    for page in report.pages:
        stream.write(json.dumps(page_dict(page, options), ensure_ascii=False) + "\n")
    for error in report.errors:
        stream.write(json.dumps({"path": error.path, "error": error.message}) + "\n")
