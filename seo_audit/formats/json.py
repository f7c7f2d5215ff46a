"""`--format json`: one object with every page and every input that could not be audited.

`dumps` is how every JSON format (json, jsonl, gitlab, sarif, the HTML report's data) writes:
UTF-8 text as it is, but the characters of `formats.controls` (C1 controls, U+2028/U+2029, bidi
and invisible format characters, lone surrogates) as `\\u` escapes, which `json.dumps` leaves
raw with `ensure_ascii=False`: a JSONL record then stays one line for every line splitter, and
`cat report.json` cannot drive the terminal. The data read back is the same.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from seo_audit.formats import ReportOptions
from seo_audit.formats.controls import UNSAFE
from seo_audit.results.model import AuditReport, PageReport
from seo_audit.results.summary import summarize


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n":  # json.dumps escapes newlines in strings: this one is the indentation
        return char
    encoded = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{encoded[i]:02x}{encoded[i + 1]:02x}" for i in range(0, len(encoded), 2))


def dumps(value: Any, indent: int | None = None, ensure_ascii: bool = False) -> str:
    return UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=ensure_ascii, indent=indent))


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
    stream.write(dumps(document, indent=2) + "\n")
