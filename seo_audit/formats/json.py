"""`--format json`: one object with every page and every input that could not be audited, the
run's `gate` (passed, failed pages, the site score's gate), the site `summary` of a folder run
(site score, failing pages first) and, with --baseline, what the baseline recorded that is fixed.

`dumps` is how every JSON format (json, jsonl, gitlab, sarif, the HTML report's data) writes:
UTF-8 text as it is, but the characters of `formats.controls` (C1 controls, U+2028/U+2029, bidi
and invisible format characters, lone surrogates) as `\\u` escapes, which `json.dumps` leaves
raw with `ensure_ascii=False`: a JSONL record then stays one line for every line splitter, and
`cat report.json` cannot drive the terminal. The data read back is the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from seo_audit.formats import ReportOptions, hidden_count, shown_findings
from seo_audit.formats.controls import UNSAFE
from seo_audit.results.model import AuditReport, PageReport
from seo_audit.results.summary import SiteSummary, summarize


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n":  # json.dumps escapes newlines in strings: this one is the indentation
        return char
    encoded = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{encoded[i]:02x}{encoded[i + 1]:02x}" for i in range(0, len(encoded), 2))


# Printable ASCII, and the newline of indentation (json.dumps escapes those in strings): the
# characters of json.dumps's output that are never UNSAFE.
_SAFE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def dumps(value: Any, indent: int | None = None, ensure_ascii: bool = False) -> str:
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent)
    # UNSAFE's class is slow to test (~8 ns a character: 0.1 ms for a page's 14 KB record).
    # Taking the safe ASCII out in C leaves the few other characters (UTF-8 never puts an
    # ASCII byte inside another character); the text is rewritten only when one of them is
    # unsafe, which gives the same result (0.11 -> 0.014 ms a corpus page's record).
    outside = text.encode("utf-8", "surrogatepass").translate(None, _SAFE_ASCII)
    if UNSAFE.search(outside.decode("utf-8", "surrogatepass")) is None:
        return text
    return UNSAFE.sub(_escape, text)


def page_dict(page: PageReport, options: ReportOptions) -> dict[str, Any]:
    """A page as the json and jsonl formats write it: findings at or above --min-severity
    (baselined ones too, flagged), errors first; `hidden` counts the others."""
    reason = page.gate.reason
    shown = shown_findings(page, options, baselined=True)
    found: dict[str, Any] = {
        "path": page.path,
        "score": page.score,
        "title": page.title,
        "keyphrase": page.keyphrase,
        "keyphrase_source": page.keyphrase_source,
        "categories": dict(page.categories),
        "metrics": dict(page.metrics),
        "findings": [f.as_dict() for f in shown],
        "rules": {
            r.rule_id: {"verdict": r.verdict.value, **({"reason": r.reason} if r.reason else {})}
            for r in page.results
        },
        "suppressed": page.suppressed,
        "baselined": page.baselined,
        "gate": {"passed": reason is None, **({"reason": reason} if reason else {})},
    }
    if options.min_severity is not None:
        found["hidden"] = hidden_count(page, options)
    if page.source_format is not None:
        found["format"] = page.source_format
    return found


def gate_dict(
    report: AuditReport, summary: SiteSummary | None = None, failed_pages: Any = None
) -> dict[str, Any]:
    """The run's gate, for CI: passed, and which pages failed and whether the site did (the
    failing pages from the summary when there is one: no second pass over the pages).
    `failed_pages`, when given, stands in for that list (a placeholder the writer streams)."""
    from seo_audit.results.gate import run_verdict

    failing = (
        failed_pages
        if failed_pages is not None
        else [path for path, _, _ in summary.failing]
        if summary is not None
        else [page.path for page in report.failing_pages]
    )
    return {
        "passed": report.passed and not report.errors,
        "verdict": run_verdict(report),
        "failed_pages": failing,
        "site": {
            "score": report.site_score,
            "passed": report.site_gate.passed,
            **({"reason": report.site_gate.reason} if report.site_gate.reason else {}),
        },
    }


def fixed_dict(report: AuditReport) -> dict[str, Any]:
    fixed = report.fixed or ()
    return {
        "fixed": len(fixed),
        "fixed_findings": [{"path": f.path, "rule": f.rule} for f in fixed],
    }


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    """Written as it is read: a page (or an input error) a line, each encoded on its own by
    the C encoder (indent=2 runs the pure-Python one, 3x slower), the structure around them
    indented; the gate and summary, small, are indented in full. One pass over the pages for
    them, another for the summary: a batch's pages are never all in memory."""
    stream.write('{\n  "pages": ')
    _lines(stream, (page_dict(page, options) for page in report.pages))
    stream.write(',\n  "errors": ')
    _lines(stream, ({"path": e.path, "message": e.message} for e in report.errors))
    summary = summarize(report) if len(report.pages) > 1 else None
    # The failing pages (every page, when a template error fails them all) are streamed from
    # the summary, a line each, not laid out whole by the indenting encoder.
    marker = _Marker()
    if summary is None:
        stream.write(',\n  "gate": ' + _nested(gate_dict(report)))
    else:
        paths = (path for path, _, _ in summary.failing)
        gate = gate_dict(report, summary, failed_pages=marker.stand_in(paths))
        stream.write(',\n  "gate": ')
        marker.write(stream, _nested(gate))
        stream.write(',\n  "summary": ')
        marker.write(stream, _nested(summary.as_dict(marker.stand_in(summary.failed_page_dicts()))))
    if report.fixed is not None:
        stream.write(',\n  "baseline": ' + _nested(fixed_dict(report)))
    stream.write("\n}\n")


def _lines(stream: TextIO, items: Iterable[Any], depth: int = 1) -> None:
    """A JSON array inside the document at `depth` levels of indentation, one item a line."""
    empty = True
    inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
    for item in items:
        stream.write(("[" if empty else ",") + inner + dumps(item))
        empty = False
    stream.write("[]" if empty else outer + "]")


class _Marker:
    """Stand-ins for long lists inside a small nested value: the value is encoded with a
    unique string in each list's place, and `write` streams each list there, a line an item.
    The string is random per run and ends in a NUL, which the encoder writes as \\u0000, so
    no page's text can imitate it."""

    def __init__(self) -> None:
        import secrets

        self._token = "seo-audit-list-" + secrets.token_hex(8)
        self._lists: dict[str, Iterable[Any]] = {}

    def stand_in(self, items: Iterable[Any]) -> str:
        name = f"{self._token}-{len(self._lists)}\x00"
        self._lists[name] = items
        return name

    def write(self, stream: TextIO, encoded: str) -> None:
        # The stand-in as the encoder wrote it: "<token>-<n>\u0000", quotes included.
        pattern = re.compile('"' + re.escape(self._token) + r"-(\d+)\\u0000\"")
        position = 0
        for match in pattern.finditer(encoded):
            stream.write(encoded[position : match.start()])
            line = encoded[encoded.rfind("\n", 0, match.start()) + 1 : match.start()]
            depth = (len(line) - len(line.lstrip(" "))) // 2  # the key's level
            _lines(stream, self._lists[f"{self._token}-{match[1]}\x00"], depth)
            position = match.end()
        stream.write(encoded[position:])


def _nested(value: Any) -> str:
    return dumps(value, indent=2).replace("\n", "\n  ")
