"""`--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

Page text goes into table cells and list items: whitespace is folded into spaces, other control
characters (ESC), bidi and invisible format characters are made visible (`\\x1b`), HTML special
characters are escaped (a title cannot inject markup into the rendered comment), and Markdown's
table and emphasis characters are backslash-escaped. GitHub still links `\\@user` and `\\#12`
(github/cmark-gfm#181: a backslash does not stop a mention or an issue reference, only code
does), so a page's `@user`, `@org/team` and `#12` go into code spans: a comment with the report
pings nobody and cross-references no issue.
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from seo_audit.formats import ReportOptions, shown
from seo_audit.formats.controls import visible
from seo_audit.results.model import AuditReport, Severity
from seo_audit.results.summary import summarize

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
# What GitHub links in text (a mention, an issue or pull request reference), unless preceded by
# a letter or digit as in an e-mail address: the name's characters need no escaping in code.
_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_])(?:@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)?"
    r"|(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#[0-9]+)"
)


def _escape_text(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(visible(text), quote=False))


def escape(text: str) -> str:
    text = " ".join(text.split())
    parts, end = [], 0
    for reference in _REFERENCE.finditer(text):
        parts += [_escape_text(text[end : reference.start()]), f"`{reference[0]}`"]
        end = reference.end()
    return "".join(parts) + _escape_text(text[end:])


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    pages = report.pages
    failed = report.failed
    stream.write("## seo-audit\n\n")
    stream.write(
        f"{len(pages)} page{'s' if len(pages) != 1 else ''} audited, {failed} failed the gate"
        + (f", {len(report.errors)} could not be read" if report.errors else "")
        + ".\n\n"
    )
    if pages:
        stream.write("| page | score | gate | errors | warnings | info |\n")
        stream.write("|---|---:|---|---:|---:|---:|\n")
        for page in pages:
            errors, warnings, infos = (page.count(s) for s in Severity)
            gate = "✅ pass" if page.gate.passed else "❌ fail"
            score = "n/a" if page.score is None else str(page.score)
            stream.write(
                f"| {escape(shown(page))} | {score} | {gate} | {errors} | {warnings} | {infos} |\n"
            )
        stream.write("\n")
    if len(pages) > 1:
        summary = summarize(report)
        if summary.mean_score is not None:
            stream.write(f"Mean score {summary.mean_score:g}, median {summary.median_score:g}.\n\n")
        if summary.top_findings:
            stream.write("| most frequent finding | findings | pages |\n|---|---:|---:|\n")
            for rule, count, with_it in summary.top_findings:
                stream.write(f"| `{rule}` | {count} | {with_it} |\n")
            stream.write("\n")
    for page in pages:
        if not page.new_findings:
            continue
        stream.write(f"### {escape(shown(page))}\n\n")
        for finding in page.new_findings:
            where = f" (line {finding.line})" if finding.line else ""
            label = f"**{finding.severity.value}** `{finding.rule}`{where}"
            stream.write(f"- {label}: {escape(finding.message)}\n")
        stream.write("\n")
    for error in report.errors:
        stream.write(f"- **could not be read** {escape(shown(error))}: {escape(error.message)}\n")
