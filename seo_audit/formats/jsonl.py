"""`--format jsonl`: one JSON object per line, a page (as in `json`) or an input error."""

from __future__ import annotations

import json
from typing import TextIO

from seo_audit.formats import ReportOptions
from seo_audit.formats.json import page_dict
from seo_audit.results.model import AuditReport


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    for page in report.pages:
        stream.write(json.dumps(page_dict(page, options), ensure_ascii=False) + "\n")
    for error in report.errors:
        stream.write(json.dumps({"path": error.path, "error": error.message}) + "\n")
