"""`check --output-dir OUT [--resume]`: the wiring between the run and a folder of results.

The folder is checked before anything runs (an earlier run's folder needs --resume; a folder
of other files is refused), the journal says which pages it already holds, the executor audits
the rest, and once finalize has made the report the partitions, errors.jsonl and, last,
summary.json are written (seo_audit.formats.partitioned, docs/batch.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from seo_audit.cli.output import say
from seo_audit.errors import UsageError

if TYPE_CHECKING:
    from seo_audit.formats import ReportOptions
    from seo_audit.results.model import AuditReport
    from seo_audit.run.audit import Outcome
    from seo_audit.run.journal import Journal
    from seo_audit.run.plan import Plan


class FolderRun:
    """One `check --output-dir` run: the folder checked, then started, fed, and written."""

    def __init__(self, target: str, format_name: str, resume: bool, size: int) -> None:
        from seo_audit.formats.partitioned import require_format

        self.format = require_format(format_name)
        self.target, self.resume, self.size = target, resume, size
        self.out = _checked(target, resume)  # refused now, before the pages are looked for
        self.journal: Journal | None = None
        self._lock: int | None = None

    def start(self, plan: Plan) -> Plan:
        """The plan of the pages still to audit (all of them, unless --resume finds some in
        the journal), said in one line when resuming."""
        from seo_audit.run.journal import Journal

        self._lock = _prepare(self.out, self.target)
        self.journal = Journal(self.out, plan, self.resume)
        found = self.journal.resumed
        if self.resume and (found.reused or found.changed or found.stale):
            say(f"resuming {self.target}: {found.line(len(plan.sources))}")
        return self.journal.todo()

    def outcomes(self, fresh: Iterator[Outcome]) -> Iterator[Outcome]:
        """Every page's outcome, the new ones journaled as they arrive. A stop (Ctrl-C, a
        signal) keeps what the journal has, and a line says how to go on. What finalize asks
        of the executor's outcomes (close, a Dask run's run_site_rule) passes through."""
        assert self.journal is not None, "start() comes first"

        def stopped() -> None:
            say(
                f"{self.target}: the journal keeps the pages audited so far; "
                "run the same command with --resume to go on"
            )

        return self.journal.outcomes(fresh, stopped)

    def write(self, report: AuditReport, options: ReportOptions) -> None:
        from seo_audit.formats.partitioned import finish, summary_document, write_partitions
        from seo_audit.results.counts import plural
        from seo_audit.results.gate import run_verdict
        from seo_audit.run.journal import run_fingerprint

        assert self.journal is not None, "start() comes first"
        plan = self.journal.plan
        audited = self.journal.audited
        counts = {"audited": audited, "from_journal": len(self.journal.resumed.reused)}
        try:
            parts = write_partitions(self.out, report.pages, self.format, options, self.size)
            document = summary_document(report, parts, self.format, run_fingerprint(plan), counts)
            finish(self.out, report.errors, document)
            self.journal.compact()  # older records of changed pages, pages gone: dropped
        except OSError as error:  # a full disk: the journal has the run, --resume writes it
            problem = error.strerror or str(error)
            raise UsageError(f"--output-dir: {self.target}: cannot write ({problem})") from None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        pages = sum(p.pages for p in parts)
        say(
            f"wrote {plural(pages, 'page')} in {plural(len(parts), 'partition')} to "
            f"{self.target} ({audited} audited, {counts['from_journal']} from the journal); "
            f"gate {run_verdict(report)}"
        )


def _checked(target: str, resume: bool) -> Path:
    """OUT, if it may be written. Without --resume it must be new or empty (an earlier run's
    results are never mixed with a new run's); with it, an earlier run's folder or an empty
    one. A folder holding anything else is never written into."""
    from seo_audit.formats.partitioned import SUMMARY
    from seo_audit.run.journal import JOURNAL

    out = Path(target)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--output-dir: {target} is a file, not a folder")
    try:
        empty = not out.is_dir() or next(out.iterdir(), None) is None
    except OSError as error:
        raise UsageError(f"--output-dir: {target}: {error.strerror or error}") from None
    if empty:
        return out
    if not ((out / JOURNAL.parent).is_dir() or (out / SUMMARY).is_file()):
        raise UsageError(
            f"--output-dir: {target} is not empty and holds no seo-audit run; "
            "choose a new or empty folder"
        )
    if not resume:
        raise UsageError(
            f"--output-dir: {target} holds an earlier run; add --resume to go on "
            "with it (only new and changed pages are audited) or choose another folder"
        )
    return out


def _prepare(out: Path, target: str) -> int | None:
    """OUT made if need be and locked for this run (the lock's descriptor, closed once the
    folder is written, or when the process ends), and its summary.json removed: the folder
    is incomplete until this run ends."""
    from seo_audit.formats.partitioned import SUMMARY
    from seo_audit.run.journal import lock_folder

    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = lock_folder(out)
        (out / SUMMARY).unlink(missing_ok=True)
    except OSError as error:
        raise UsageError(f"--output-dir: {target}: {error.strerror or error}") from None
    return lock
