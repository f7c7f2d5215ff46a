"""Reporters: one function per format, `(report, stream, options) -> None`, keyed by name.

Each format lives in its own module, imported only when chosen, so `--format json` never
loads rich. Escaping for a medium (rich markup, HTML, XML, workflow commands) lives in that
medium's reporter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from seo_audit.results.model import AuditReport
from seo_audit.sources.files import relative_path


@dataclass(frozen=True)
class ReportOptions:
    verbose: bool = False
    color: bool | None = None  # None: decide from the stream
    failed: Mapping[str, str] = field(default_factory=dict)  # page path → why it fails the gate


Reporter = Callable[[AuditReport, TextIO, ReportOptions], None]

FORMATS = (
    "text",
    "json",
    "jsonl",
    "sarif",
    "junit",
    "github",
    "gitlab",
    "markdown",
    "csv",
    "html",
)


def _lazy(name: str) -> Reporter:
    def report(audit: AuditReport, stream: TextIO, options: ReportOptions) -> None:
        module = importlib.import_module(f"seo_audit.formats.{name}")
        module.write(audit, stream, options)

    return report


REPORTERS: dict[str, Reporter] = {name: _lazy(name) for name in FORMATS}


def display_path(path: str) -> str:
    """A page's path as CI tools want it: relative to the working folder, with forward slashes."""
    if path.startswith("<"):
        return path
    return relative_path(path, Path.cwd()) or Path(path).as_posix()
