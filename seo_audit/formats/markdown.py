"""`--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

Page text goes into table cells and list items: whitespace is folded into spaces, other control
characters (ESC), bidi and invisible format characters are made visible (`\\x1b`), HTML special
characters are escaped (a title cannot inject markup into the rendered comment), and Markdown's
table and emphasis characters are backslash-escaped. GitHub still links `\\@user` and `\\#12`
(github/cmark-gfm#181: a backslash does not stop a mention or an issue reference, only code
does), so a page's `@user`, `@org/team` and `#12` go into code spans: a comment with the report
pings nobody and cross-references no issue.

What a reviewer needs first comes first: the gate, inputs that could not be read, then each
failing page with its findings (errors first; --min-severity applies), the site's figures, and
the passing pages one table row each. GitHub refuses a step summary over 1 MiB, so blocks stop
before that and one line says how many pages were cut.
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from seo_audit.formats import ReportOptions, shown, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.results.counts import plural
from seo_audit.results.gate import run_verdict
from seo_audit.results.model import AuditReport, PageReport, Severity
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


# GitHub refuses a step summary over 1 MiB (and shows none of it): stop short of it, with room
# for the line that says what was cut.
LIMIT = 1024 * 1024
_ROOM_FOR_THE_CUT = 1024


class _Budget:
    """Writes blocks while they fit under the limit; counts the pages of those that do not."""

    def __init__(self, stream: TextIO, limit: int) -> None:
        self.stream, self.left, self.cut = stream, limit - _ROOM_FOR_THE_CUT, 0

    def write(self, block: str, pages: int = 0) -> bool:
        size = len(block.encode("utf-8"))
        if self.cut or size > self.left:
            self.cut += pages
            return False
        self.stream.write(block)
        self.left -= size
        return True


def write(report: AuditReport, stream: TextIO, options: ReportOptions, limit: int = LIMIT) -> None:
    pages = report.pages
    failing, passing = report.failing_pages, [p for p in pages if p.gate.passed]
    budget = _Budget(stream, limit)
    verdict = "✅" if report.passed and not report.errors else "❌"
    budget.write(
        f"## seo-audit\n\n{verdict} gate {escape(run_verdict(report))}: "
        f"{plural(len(pages), 'page')} audited, {len(failing)} failed the gate"
        + (f", {len(report.errors)} could not be read" if report.errors else "")
        + (f"; site score {report.site_score}" if report.site_score is not None else "")
        + ".\n\n"
    )
    for error in report.errors:
        budget.write(f"- **could not be read** {escape(shown(error))}: {escape(error.message)}\n")
    if report.errors:
        budget.write("\n")
    if failing:
        budget.write(f"### Failed the gate ({len(failing)})\n\n")
    for page in failing:
        budget.write(_failing_page(page, options), pages=1)
    if len(pages) > 1:
        budget.write(_site(report))
    if passing:
        budget.write(
            f"### Passed ({len(passing)})\n\n"
            "| page | score | errors | warnings | info |\n|---|---:|---:|---:|---:|\n"
        )
        for page in passing:
            budget.write(_row(page, options), pages=1)
        budget.write("\n")
    if budget.cut:
        stream.write(
            f"… {plural(budget.cut, 'more page')} not shown: GitHub refuses a step summary over "
            "1 MiB. The text, json or html report has them all.\n"
        )


def _counts(page: PageReport, options: ReportOptions) -> list[int]:
    shown_now = shown_findings(page, options)
    return [sum(1 for f in shown_now if f.severity is s) for s in Severity]


def _row(page: PageReport, options: ReportOptions) -> str:
    errors, warnings, infos = _counts(page, options)
    score = "n/a" if page.score is None else str(page.score)
    return f"| {escape(shown(page))} | {score} | {errors} | {warnings} | {infos} |\n"


def _failing_page(page: PageReport, options: ReportOptions) -> str:
    score = "n/a" if page.score is None else str(page.score)
    lines = [
        f"#### ❌ {escape(shown(page))} (score {score})\n\n",
        f"Gate: {escape(page.gate.reason or 'failed')}.\n\n",
    ]
    for finding in shown_findings(page, options):
        where = f" (line {finding.line})" if finding.line else ""
        label = f"**{finding.severity.value}** `{finding.rule}`{where}"
        lines.append(f"- {label}: {escape(finding.message)}\n")
    lines.append("\n")
    return "".join(lines)


def _site(report: AuditReport) -> str:
    summary = summarize(report)
    lines = []
    if summary.mean_score is not None:
        lines.append(f"Page scores: mean {summary.mean_score:g}, median {summary.median_score:g}.")
        lines.append("\n\n")
    if summary.top_findings:
        lines.append("| most frequent finding | findings | pages |\n|---|---:|---:|\n")
        for rule, count, with_it in summary.top_findings:
            lines.append(f"| `{rule}` | {count} | {with_it} |\n")
        lines.append("\n")
    return "".join(lines)
