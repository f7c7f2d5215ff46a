"""Formats: one module per output format, each a function `write(report, stream, options)`,
in a registry keyed by name. Builtin formats are imported only when chosen, so `--format json`
never loads rich; a package adds one with an entry point in the group `seo_audit.formats`
pointing at a module with `write` (its docstring's first line is the help) or at the function.
Escaping for a medium (rich markup, HTML, XML, workflow commands) lives in that medium's module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from seo_audit.errors import UsageError
from seo_audit.results.categories import sort_key
from seo_audit.results.model import AuditReport, InputFailure, PageReport, ReportedFinding, Severity

ENTRY_POINT_GROUP = "seo_audit.formats"


@dataclass(frozen=True)
class ReportOptions:
    verbose: bool = False
    color: bool | None = None  # None: decide from the stream
    # The least severe finding a format shows (--min-severity); None: the format's own default
    # (info, but warning for GitHub annotations). It never changes the score or the gate.
    min_severity: Severity | None = None
    quiet: bool = False  # text: only failing pages and the gate line
    width: int | None = None  # text: columns (None: the terminal's, or $COLUMNS, or 100)


Writer = Callable[[AuditReport, TextIO, ReportOptions], None]


@dataclass(frozen=True)
class Format:
    name: str
    help: str
    load: Callable[[], Writer]
    origin: str = "builtin"

    def write(self, report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
        self.load()(report, stream, options)


# name -> one line of help; the module is seo_audit.formats.<name>.
BUILTIN = {
    "text": "the terminal report (default)",
    "concise": "one finding per line: path:line:col: severity rule message",
    "json": "one JSON document: pages, errors, gate, site summary",
    "jsonl": "one JSON object per line: a page or an input error",
    "sarif": "SARIF 2.1.0 for code-scanning dashboards",
    "junit": "JUnit XML: a testsuite per page, a testcase per rule",
    "github": "GitHub Actions annotations: 10 per level (GitHub's cap), then a summary",
    "gitlab": "GitLab Code Quality JSON",
    "markdown": "a summary for a pull request or $GITHUB_STEP_SUMMARY (under 1 MiB)",
    "csv": "one row per page, for spreadsheets",
    "html": "one self-contained HTML report: a page report, or a site report",
}


def _builtin(name: str) -> Callable[[], Writer]:
    def load() -> Writer:
        module = importlib.import_module(f"seo_audit.formats.{name}")
        writer: Writer = module.write
        return writer

    return load


def _plugin(entry: Any) -> Format:
    def load() -> Writer:
        try:
            loaded = entry.load()
        except Exception as error:  # a broken plugin is named, never a traceback
            raise UsageError(f"format plugin {entry.name!r} failed to load: {error}") from None
        writer = getattr(loaded, "write", loaded)
        if not callable(writer):
            raise UsageError(f"format plugin {entry.name!r} has no write function")
        return writer  # type: ignore[no-any-return]

    dist = entry.dist.name if entry.dist is not None else entry.name
    return Format(entry.name, f"from {dist}", load, f"plugin {dist}")


@cache
def formats() -> Mapping[str, Format]:
    """Every format by name: the builtin ones, then those of installed packages."""
    from seo_audit.imports import entry_points_of

    found = {name: Format(name, help, _builtin(name)) for name, help in BUILTIN.items()}
    for entry in entry_points_of(ENTRY_POINT_GROUP):
        found.setdefault(entry.name, _plugin(entry))
    return found


def format_named(name: str) -> Format:
    if name in BUILTIN:  # no need to scan the installed packages' entry points
        return Format(name, BUILTIN[name], _builtin(name))
    found = formats().get(name)
    if found is None:
        raise UsageError(f"--format: unknown format {name!r} (choose: {', '.join(formats())})")
    return found


def display_path(path: str, kind: str = "file") -> str:
    """A source's name as CI tools want it: a file relative to the working folder with forward
    slashes; anything else (stdin, a URL) as it is."""
    if kind != "file" or path.startswith("<") or "://" in path:
        return path
    from seo_audit.sources.ref import relative_path

    return relative_path(path, Path.cwd()) or Path(path).as_posix()


def shown(item: PageReport | InputFailure) -> str:
    return display_path(item.path, item.kind)


def shown_findings(
    page: PageReport,
    options: ReportOptions,
    default: Severity = Severity.INFO,
    baselined: bool = False,
) -> list[ReportedFinding]:
    """The findings a format shows for a page: at or above --min-severity (or the format's
    `default`), baselined ones only if asked, errors first, then warnings, then info; within a
    severity in report order of categories, then as the rules listed them."""
    least = (options.min_severity or default).rank
    found = [
        f for f in page.findings if f.severity.rank >= least and (baselined or not f.baselined)
    ]
    return sorted(found, key=lambda f: (-f.severity.rank, sort_key(f.category)))


def hidden_count(
    page: PageReport, options: ReportOptions, default: Severity = Severity.INFO
) -> int:
    """How many of the page's new findings are below --min-severity (not shown)."""
    least = (options.min_severity or default).rank
    return sum(1 for f in page.new_findings if f.severity.rank < least)
