"""`--format junit`: JUnit XML, one testsuite per page and one testcase per rule.

Failures carry the findings; rules that did not apply are skipped. GitLab and Jenkins read it
as a test report. Built with ElementTree, so page text is escaped as XML; what XML 1.0 cannot
carry even escaped (most control characters, lone surrogates, U+FFFE) and what would drive a
terminal or hide text (ESC, C1 controls, bidi and invisible format characters) is made visible
first (`\\x1b`), in file names too.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from seo_audit.formats import ReportOptions, shown, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.results.model import AuditReport, PageReport, Verdict


def _clean(text: str) -> str:
    return visible(text, keep="\t\n")


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    """Written as it is read: the totals the root element carries first (a pass over the
    pages), then each page's testsuite made and written on its own (a second pass), so a
    batch's XML tree is never all in memory."""
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for page in report.pages:
        for key, value in _suite(page, options)[1].items():
            totals[key] += value
    totals["tests"] += len(report.errors)
    totals["errors"] += len(report.errors)
    root = ET.Element("testsuites", {"name": "seo-audit", **{k: str(v) for k, v in totals.items()}})
    opening = ET.tostring(root, encoding="unicode").removesuffix(" />")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + opening + ">")
    for page in report.pages:
        _write_suite(stream, _suite(page, options)[0])
    for error in report.errors:
        path = _clean(shown(error))
        suite = ET.Element("testsuite", name=path, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=path, name="load", file=path)
        ET.SubElement(case, "error", message=_clean(error.message), type="input")
        _write_suite(stream, suite)
    stream.write("\n</testsuites>\n")


def _write_suite(stream: TextIO, suite: ET.Element) -> None:
    ET.indent(suite, space="  ", level=1)
    stream.write("\n  " + ET.tostring(suite, encoding="unicode").rstrip("\n"))


def _suite(page: PageReport, options: ReportOptions) -> tuple[ET.Element, dict[str, int]]:
    path = _clean(shown(page))
    suite = ET.Element("testsuite", name=path)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    shown_ids = {id(f) for f in shown_findings(page, options)}
    for result in page.results:
        case = ET.SubElement(suite, "testcase", classname=path, name=result.rule_id, file=path)
        counts["tests"] += 1
        if result.verdict is Verdict.NOT_APPLICABLE:
            ET.SubElement(case, "skipped", message=_clean(result.reason))
            counts["skipped"] += 1
        elif findings := [f for f in result.findings if id(f) in shown_ids]:
            first = findings[0]
            lines = [f"{f.severity.value}: line {f.line or '-'}: {f.message}" for f in findings]
            tag = "error" if result.verdict is Verdict.INTERNAL_ERROR else "failure"
            element = ET.SubElement(
                case, tag, message=_clean(first.message), type=first.severity.value
            )
            element.text = _clean("\n".join(lines))
            counts["errors" if tag == "error" else "failures"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite, counts
