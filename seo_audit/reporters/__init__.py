"""Reporters: one function per format, `(report, stream, options) -> None`, keyed by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from seo_audit.report import AuditReport


@dataclass(frozen=True)
class ReportOptions:
    verbose: bool = False
    color: bool | None = None  # None: decide from the stream


Reporter = Callable[[AuditReport, TextIO, ReportOptions], None]


def _text(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    from seo_audit.reporters.text import write

    write(report, stream, options)


def _json(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    from seo_audit.reporters.json import write

    write(report, stream, options)


# Reporter modules are imported only when chosen, so `check --format json` never loads rich.
REPORTERS: dict[str, Reporter] = {"text": _text, "json": _json}
