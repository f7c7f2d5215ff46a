"""`--format github`: GitHub Actions workflow commands, so findings annotate the diff.

    ::error file=posts/a.html,line=12,title=seo-audit editorial-seo-note::An SEO note is visible…

Values are escaped as the Actions runner expects (% CR LF in messages; also : and , in
properties), so page text cannot end a command early or start another; other control
characters (ESC: colours, OSC 8 links, OSC 52 clipboard writes), bidi and invisible format
characters are made visible first (`\\x1b`): the runner would pass them on to the log.
"""

from __future__ import annotations

from typing import TextIO

from seo_audit.formats import ReportOptions, shown
from seo_audit.formats.controls import visible
from seo_audit.results.model import AuditReport, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = visible(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    for page in report.pages:
        path = escape_property(shown(page))
        for finding in page.new_findings:
            properties = [f"file={path}"]
            if finding.line:
                properties.append(f"line={finding.line}")
            properties.append(f"title={escape_property(f'seo-audit {finding.rule}')}")
            stream.write(
                f"::{COMMANDS[finding.severity]} {','.join(properties)}::"
                f"{escape_data(finding.message)}\n"
            )
    for error in report.errors:
        path = escape_property(shown(error))
        stream.write(f"::error file={path},title=seo-audit::{escape_data(error.message)}\n")
