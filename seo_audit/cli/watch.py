"""`seo-audit check --watch PATHS`: audit, then re-audit the pages that change on every save.

Each redraw shows the changed pages' findings (errors first, `line:col` as the concise format
writes them) and one status line for every other page. A change to a config file or keyword
map in a watched folder re-audits every page, with the config read again: the plan is rebuilt
for each batch of changes, so nothing from the old config survives. watchfiles (imported here only)
debounces a burst of writes (an editor's save-as-rename, a formatter) into one batch.

The first audit runs the whole batch, cross-page rules included; a re-audit of the changed pages
alone leaves the cross-page rules out, as a partial batch would misjudge duplicate titles and
orphans (their status line says so). Ctrl-C stops watching and exits 0.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from seo_audit.config.model import CONFIG_FILES
from seo_audit.errors import Interrupted, SeoAuditError
from seo_audit.formats import shown as shown_path
from seo_audit.formats.controls import visible
from seo_audit.results.counts import plural
from seo_audit.results.model import AuditReport, PageReport, Severity

if TYPE_CHECKING:
    from seo_audit.results.baseline import Baseline
    from seo_audit.run import AuditSettings

# Milliseconds of quiet before a burst of file events is audited as one batch.
DEBOUNCE_MS = 300
# How long the watch waits for a first change before the first audit (it starts watching
# first); later waits are as long, which costs nothing but a wake-up.
FIRST_BATCH_MS = 200
_CLEAR = "\x1b[H\x1b[2J"  # home, clear screen: only ever written to a terminal


def watch(
    paths: Sequence[str],
    settings: AuditSettings,
    baseline: Baseline | None = None,
    stream: TextIO | None = None,
) -> int:
    """Audit `paths`, then keep re-auditing what changes until Ctrl-C; the exit code."""
    from watchfiles import watch as file_events

    out = stream or sys.stdout
    targets = [Path(p) for p in (paths or ["."])]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise SeoAuditError(f"--watch: {', '.join(missing)}: no such file or folder")
    watcher = _Watcher(targets, settings, baseline, out)
    # Folders are watched, not files: editors save by writing a new file and renaming it
    # over the old one, which a watch on the file itself would lose.
    folders = sorted({str(_folder(p)) for p in targets})
    events = file_events(
        *folders,
        debounce=DEBOUNCE_MS,
        raise_interrupt=False,
        # The first (empty) batch comes once the watch is on: the first audit runs then, so
        # a save made while it runs is seen.
        yield_on_timeout=True,
        rust_timeout=FIRST_BATCH_MS,
    )
    started = False
    try:
        for changes in events:
            if not started:
                started = True
                watcher.audit(None)
            if changes:
                watcher.audit({Path(path).resolve() for _, path in changes})
    except (Interrupted, KeyboardInterrupt):
        pass
    out.write("stopped watching\n")
    out.flush()
    return 0


def _folder(path: Path) -> Path:
    return path.resolve() if path.is_dir() else path.resolve().parent


class _Watcher:
    def __init__(
        self,
        targets: list[Path],
        settings: AuditSettings,
        baseline: Baseline | None,
        out: TextIO,
    ) -> None:
        self.targets = targets
        self.settings = settings
        self.baseline = baseline
        self.out = out
        self.pages: dict[str, PageReport] = {}  # by path as reported, the latest audit
        self.partial: set[str] = set()  # pages last audited without the cross-page rules

    def audit(self, changed: set[Path] | None) -> None:
        """Audit everything (`changed` None, or a config changed) or the changed pages."""
        from seo_audit.config.reload import forget_config_files
        from seo_audit.run import build_plan, executor_for, finalize

        everything = changed is None or any(_is_config(p) for p in changed)
        if everything:
            forget_config_files()
        try:
            plan = build_plan([str(p) for p in self.targets], self.settings)
        except SeoAuditError as error:  # a config broken mid-edit: say so, keep watching
            self._draw_error(str(error))
            return
        if not everything:
            assert changed is not None
            sources = tuple(
                ref for ref in plan.sources if ref.is_file and _resolved(ref.location) in changed
            )
            if not sources:
                return  # a file the audit does not read (an image, an excluded folder)
            plan = replace(plan, sources=sources, errors=(), site=False, whole_site=False)
        report = finalize(plan, executor_for(plan, 1).run(plan), self.baseline)
        if everything:
            self.pages = {}
            self.partial = set()
        for page in report.pages:
            self.pages[page.path] = page
            if not everything:
                self.partial.add(page.path)
        shown = [p.path for p in report.pages] if not everything else list(self.pages)
        self._draw(report, shown, everything)

    def _draw(self, report: AuditReport, shown: Iterable[str], everything: bool) -> None:
        out = self.out
        if out.isatty():
            out.write(_CLEAR)
        stamp = time.strftime("%H:%M:%S")
        what = "audited" if everything else "changed"
        shown = list(shown)
        out.write(f"── {stamp} {what}: {plural(len(shown), 'page')} ──\n")
        for error in report.errors:
            out.write(f"{visible(shown_path(error))}: error: {visible(error.message)}\n")
        for path in shown if not everything else []:
            self._page(self.pages[path], findings=True)
        if everything:
            for path in self.pages:
                self._page(self.pages[path], findings=len(self.pages) == 1)
        else:
            others = [p for p in self.pages if p not in shown]
            if others:
                out.write("others:\n")
                for path in others:
                    self._page(self.pages[path], findings=False)
        failed = sum(1 for page in self.pages.values() if not page.gate.passed)
        out.write(f"watching {plural(len(self.pages), 'page')}, {failed} failing; Ctrl-C stops\n")
        out.flush()

    def _page(self, page: PageReport, findings: bool) -> None:
        counts = [
            plural(
                page.count(severity),
                severity.value,
                severity.value + "s" * (severity.value != "info"),
            )
            for severity in Severity
            if page.count(severity)
        ]
        verdict = "passed" if page.gate.passed else "FAILED"
        score = "–" if page.score is None else str(page.score)
        note = " (cross-page rules not re-run)" if page.path in self.partial else ""
        self.out.write(
            f"{visible(shown_path(page))}: score {score}, {verdict}"
            f"{': ' + ', '.join(counts) if counts else ''}{note}\n"
        )
        if not findings:
            return
        ordered = sorted(page.findings, key=lambda f: (-f.severity.rank, f.line or 0))
        for finding in ordered:
            self.out.write(
                f"  {finding.line or 1}:{finding.column or 1}: {finding.severity.value} "
                f"{finding.rule} {visible(finding.message)}\n"
            )

    def _draw_error(self, message: str) -> None:
        self.out.write(f"── {time.strftime('%H:%M:%S')} ──\n{visible(message)}\n")
        self.out.write("watching; fix the problem above and save again\n")
        self.out.flush()


def _is_config(path: Path) -> bool:
    """A config file, or a keyword map or other data a config names (TOML, CSV)."""
    return path.name in CONFIG_FILES or path.suffix.lower() in (".toml", ".csv")


def _resolved(location: object) -> Path:
    return Path(str(location)).resolve()
