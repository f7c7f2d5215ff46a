"""`--format github`: GitHub Actions workflow commands, so findings annotate the diff.

    ::error file=posts/a.html,line=12,col=4,endColumn=41,title=seo-audit editorial-seo-note::An …

Values are escaped as the Actions runner expects (% CR LF in messages; also : and , in
properties), so page text cannot end a command early or start another; other control
characters (ESC: colours, OSC 8 links, OSC 52 clipboard writes), bidi and invisible format
characters are made visible first (`\\x1b`): the runner would pass them on to the log.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the rest
without a word. So errors (inputs that could not be read first) and warnings come first, info
only with `--min-severity info`, at most 10 of each level, and a last notice (no file) says
what the gate decided, how many of each level were annotated and what was cut.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from seo_audit.formats import ReportOptions, hidden_count, shown, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.results.counts import plural
from seo_audit.results.gate import run_verdict
from seo_audit.results.model import AuditReport, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
NAMES = COMMANDS
# GitHub shows at most 10 annotations of each level per step and drops the rest unseen.
LIMIT = 10
# Info findings would take the notices' room and bury the summary: shown with --min-severity.
DEFAULT_MIN_SEVERITY = Severity.WARNING


def escape_data(text: str) -> str:
    text = visible(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(
    level: str,
    path: str,
    line: int | None,
    title: str,
    message: str,
    columns: tuple[int | None, int | None] = (None, None),
) -> str:
    properties = [f"file={escape_property(path)}"]
    if line:
        properties.append(f"line={line}")
        column, end = columns
        # GitHub underlines from col to endColumn on the line (both 1-based, as ours).
        if column:
            properties.append(f"col={column}")
            if end and end > column:
                properties.append(f"endColumn={end}")
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}\n"


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    least = options.min_severity or DEFAULT_MIN_SEVERITY
    by_level: dict[Severity, list[tuple[str, str]]] = {severity: [] for severity in Severity}
    # Inputs that could not be read are errors, and come first: they fail the run (exit 2).
    for error in report.errors:
        command = _command("error", shown(error), None, "seo-audit", error.message)
        by_level[Severity.ERROR].append(("input", command))
    for page in report.pages:
        for finding in shown_findings(page, options, DEFAULT_MIN_SEVERITY):
            level, title = COMMANDS[finding.severity], f"seo-audit {finding.rule}"
            command = _command(
                level,
                shown(page),
                finding.line,
                title,
                finding.message,
                (finding.column, finding.end_column),
            )
            by_level[finding.severity].append((finding.rule, command))
    cut: dict[Severity, list[str]] = {}
    for severity in Severity:  # errors, warnings, then notices
        # The summary is a notice too: leave it room.
        room = LIMIT - 1 if severity is Severity.INFO else LIMIT
        stream.writelines(command for _, command in by_level[severity][:room])
        cut[severity] = [rule for rule, _ in by_level[severity][room:]]
    hidden = sum(hidden_count(page, options, DEFAULT_MIN_SEVERITY) for page in report.pages)
    summary = _summary(report, by_level, cut, hidden, least)
    stream.write(_command("notice", "", None, "seo-audit summary", summary))


def _summary(
    report: AuditReport,
    by_level: dict[Severity, list[tuple[str, str]]],
    cut: dict[Severity, list[str]],
    hidden: int,
    least: Severity,
) -> str:
    annotated, left_out = [], []
    for severity in Severity:
        total = len(by_level[severity])
        if total:
            annotated.append(f"{total - len(cut[severity])} of {plural(total, NAMES[severity])}")
        if cut[severity]:
            rules = Counter(cut[severity]).most_common(3)
            which = ", ".join(f"{rule} {count}" for rule, count in rules)
            more = ", …" if len(set(cut[severity])) > 3 else ""
            left_out.append(f"{plural(len(cut[severity]), NAMES[severity])} ({which}{more})")
    line = f"seo-audit: gate {run_verdict(report)}. Annotated: {', '.join(annotated) or 'nothing'}"
    if left_out:
        line += f"; cut, as GitHub shows {LIMIT} per level: {'; '.join(left_out)}"
    if hidden:
        line += f"; {plural(hidden, 'finding')} below --min-severity {least.value} not annotated"
    if left_out or hidden:
        line += ". --format text or markdown lists them all"
    return line + "."
