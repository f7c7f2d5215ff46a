"""`--format json`: one object with every page and every input that could not be audited."""

from __future__ import annotations

import json
from typing import Any, TextIO

from seo_audit.formats import ReportOptions
from seo_audit.results.model import AuditReport, PageReport
from seo_audit.results.summary import summarize


def page_dict(page: PageReport, options: ReportOptions) -> dict[str, Any]:
    reason = page.gate.reason
    return {
        "path": page.path,
        "score": page.score,
        "title": page.title,
        "keyphrase": page.keyphrase,
        "keyphrase_source": page.keyphrase_source,
        "categories": dict(page.categories),
        "metrics": dict(page.metrics),
        "findings": [f.as_dict() for f in page.findings],
        "rules": {
            r.rule_id: {"verdict": r.verdict.value, **({"reason": r.reason} if r.reason else {})}
            for r in page.results
        },
        "suppressed": page.suppressed,
        "baselined": page.baselined,
        "gate": {"passed": reason is None, **({"reason": reason} if reason else {})},
    }


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    document: dict[str, Any] = {
        "pages": [page_dict(page, options) for page in report.pages],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    if len(report.pages) > 1:
        document["summary"] = summarize(report).as_dict()
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
