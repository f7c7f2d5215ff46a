"""The command line. It only wires stages; heavy modules are imported inside commands so that
`--help` and a single-page check start fast."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from seo_audit import __version__
from seo_audit.errors import SeoAuditError, UsageError

if TYPE_CHECKING:
    from seo_audit.config import FailOn
    from seo_audit.formats import Reporter, ReportOptions
    from seo_audit.results.model import AuditReport

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="seo-audit",
    help=(
        "Audit article pages (HTML, or Markdown drafts with front matter) for SEO before they "
        "are published.\n\n"
        "Exit codes: 0 the gate passed (by default: no error-severity finding); 1 the gate "
        "failed; 2 usage or config error, or an input that could not be audited."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

KeyphraseOption = Annotated[
    str | None,
    typer.Option("--keyphrase", "--keyword", "-k", help="The focus keyphrase to check for."),
]
RulesDirOption = Annotated[
    list[str] | None,
    typer.Option("--rules-dir", help="A folder of .py files with house rules (repeatable)."),
]


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(n.strip() for n in (value or "").split(",") if n.strip())


ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="Use this config file for every page (no search)."),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")]


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Pages or folders to audit; - reads one page from stdin. "
            "Default: the current folder."
        ),
    ] = None,
    keyphrase: KeyphraseOption = None,
    synonyms: Annotated[
        str | None, typer.Option("--synonyms", help="Comma-separated synonyms of the keyphrase.")
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text, json, jsonl, sarif, junit, github, gitlab, markdown or csv.",
        ),
    ] = "text",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List passed and skipped rules too.")
    ] = False,
    select: Annotated[
        str | None,
        typer.Option("--select", help="Only these rule ids or categories (comma-separated)."),
    ] = None,
    extend_select: Annotated[
        str | None, typer.Option("--extend-select", help="Add these rule ids or categories.")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="Skip these rule ids or categories.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Fail on findings of this severity or worse: error "
            "(default), warning, info, never.",
        ),
    ] = None,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Fail when a page scores under this.")
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when the gate fails.")
    ] = False,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="Fail only on findings not in this baseline.")
    ] = None,
    write_baseline_file: Annotated[
        str | None, typer.Option("--write-baseline", help="Record today's findings in this file.")
    ] = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of pages that do not declare one.")
    ] = None,
    word_forms: Annotated[
        bool | None,
        typer.Option(
            "--word-forms/--no-word-forms",
            help="Match keyphrase words by stem, recordings ~ recording (default on).",
        ),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Force colour on or off (default: auto)."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: all cores)."),
    ] = None,
    include: Annotated[
        str | None,
        typer.Option(
            "--include",
            help="Globs of files to audit in folders (default: *.html,*.htm,*.md,*.markdown).",
        ),
    ] = None,
    exclude: Annotated[
        str | None, typer.Option("--exclude", help="Globs of files to skip in folders.")
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Audit files that .gitignore ignores too.")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="The site's address, to resolve links between pages (e.g. https://example.com/).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Run on a Dask cluster at this address (needs seo-audit[dask])."
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar (default: on a terminal, for text output).",
        ),
    ] = None,
) -> None:
    """Audit pages and print a scored report with line-numbered findings.

    Exit codes: 0 the gate passed; 1 it failed (a finding at or above --fail-on, default
    error, or a page under --fail-under); 2 usage or config error, or an input that could not
    be audited (the others are still audited and reported).
    """
    from seo_audit.config import FAIL_ON, Overrides
    from seo_audit.formats import REPORTERS, ReportOptions
    from seo_audit.results.gate import failures
    from seo_audit.run.plan import Auditor, AuditSettings

    reporter = REPORTERS.get(output_format)
    if reporter is None:
        raise UsageError(
            f"--format: unknown format {output_format!r} (choose: {', '.join(REPORTERS)})"
        )
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on: must be one of {', '.join(FAIL_ON)}")
    if fail_under is not None and not 0 <= fail_under <= 100:
        raise UsageError("--fail-under: must be a score from 0 to 100")
    overrides = Overrides(
        select=_names(select) or None,
        extend_select=_names(extend_select),
        ignore=_names(ignore),
        fail_on=cast("FailOn | None", fail_on),
        fail_under=fail_under,
        rules_dir=tuple(rules_dir or ()),
        lang=lang,
        word_forms=word_forms,
    )
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs: must be 1 or more")
    from seo_audit.run.batch import default_jobs, run_batch
    from seo_audit.sources.discover import DEFAULT_INCLUDE

    settings = AuditSettings(
        keyphrase=keyphrase,
        synonyms=_names(synonyms),
        overrides=overrides,
        config_file=config,
        isolated=isolated,
        include=_names(include) or DEFAULT_INCLUDE,
        exclude=_names(exclude),
        respect_gitignore=not no_gitignore,
        base_url=base_url,
    )
    show_progress = (
        progress
        if progress is not None
        else (output_format == "text" and output is None and sys.stderr.isatty())
    )
    auditor = Auditor(settings)
    with _progress_bar(show_progress) as (on_start, on_page):
        report = run_batch(
            paths or [], settings, jobs or default_jobs(), scheduler, on_start, on_page, auditor
        )
    if write_baseline_file:
        from seo_audit.results.baseline import write_baseline

        count = write_baseline(report, Path(write_baseline_file))
        print(f"seo-audit: wrote {count} findings to {write_baseline_file}", file=sys.stderr)
    if baseline:
        from seo_audit.results.baseline import apply_baseline

        apply_baseline(report, Path(baseline))
    failed = failures(report, auditor.config_for)
    options = ReportOptions(verbose=verbose, color=color, failed=failed)
    _write(reporter, report, options, output)
    for error in report.errors:
        print(f"seo-audit: {error.path}: {error.message}", file=sys.stderr)
    if not report.pages and not report.errors:
        print(
            "seo-audit: no pages found (.html, .htm, .md, .markdown; "
            "add others with --include, e.g. --include '*.txt')",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_USAGE)
    if report.errors:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


@contextmanager
def _progress_bar(show: bool) -> Iterator[tuple[Callable[[int], None], Callable[[], None]]]:
    """A rich progress bar on stderr: pages done, pages per second, time left."""
    if not show:
        yield (lambda total: None), (lambda: None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    class PagesPerSecond(TextColumn):
        def __init__(self) -> None:
            super().__init__("")

        def render(self, task: Any) -> Any:
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:.0f} pages/s" if speed else "… pages/s", style="cyan")

    bar = Progress(
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        PagesPerSecond(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("pages", total=None)
    with bar:
        yield (lambda total: bar.update(task, total=total)), (lambda: bar.advance(task))


def _write(
    reporter: Reporter, report: AuditReport, options: ReportOptions, output: str | None
) -> None:
    if output is None:
        reporter(report, sys.stdout, options)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as stream:
            reporter(report, stream, replace(options, color=False))
    except OSError as error:
        raise UsageError(f"{output}: cannot write the report ({error.strerror or error})") from None


@app.command()
def text(
    page: Annotated[str, typer.Argument(help="The page to show (- for stdin).")],
    keyphrase: KeyphraseOption = None,
    lines: Annotated[
        bool, typer.Option("--lines", help="Prefix each block with its source line.")
    ] = False,
) -> None:
    """Print exactly the text the rules analysed (the article body), block by block."""
    from seo_audit.formats.text import safe
    from seo_audit.run.plan import Auditor, AuditSettings

    loaded, _ = Auditor(AuditSettings(keyphrase=keyphrase)).load(page)
    for index, block in enumerate(loaded.content):
        if index:
            print()
        prefix = f"{block.line or '?':>5}: " if lines else ""
        print(prefix + safe(block.text))


@app.command("rules")
def list_rules(
    path: Annotated[
        str | None,
        typer.Argument(help="Show which rules are on for this page, and why (config, flags)."),
    ] = None,
    select: Annotated[str | None, typer.Option("--select", help="As for check.")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="As for check.")] = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
) -> None:
    """List every rule: id, category, severity, weight, origin, and whether it is on."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from seo_audit.config import Overrides
    from seo_audit.run.plan import Auditor, AuditSettings

    overrides = Overrides(
        select=_names(select) or None, ignore=_names(ignore), rules_dir=tuple(rules_dir or ())
    )
    auditor = Auditor(AuditSettings(overrides=overrides, config_file=config, isolated=isolated))
    table = Table(box=None, pad_edge=False, highlight=False)
    for column in ("rule", "category", "severity", "weight", "origin", "on", "why", "checks"):
        table.add_column(column, overflow="fold")
    for state in auditor.states(path):
        item = state.rule
        # Text, not str: a docstring's "[insert …]" must not be read as rich markup.
        cells = (
            item.id,
            item.category,
            item.severity.value,
            f"{item.weight:g}",
            item.origin,
            "on" if state.enabled else "off",
            state.reason,
            item.summary,
        )
        table.add_row(*(Text(cell) for cell in cells))
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. h1-missing.")],
    rules_dir: RulesDirOption = None,
) -> None:
    """Print a rule's documentation, defaults and options."""
    from seo_audit.config import Overrides
    from seo_audit.run.plan import Auditor, AuditSettings

    auditor = Auditor(AuditSettings(overrides=Overrides(rules_dir=tuple(rules_dir or ()))))
    rules = {s.rule.id: s.rule for s in auditor.states(None)}
    found = rules.get(rule_id)
    if found is None:
        close = [r for r in rules if rule_id in r or r in rule_id]
        hint = f" Did you mean: {', '.join(close)}?" if close else " `seo-audit rules` lists them."
        raise UsageError(f"no rule {rule_id!r}.{hint}")
    print(
        f"{found.id}  ({found.category}, {found.severity.value}, weight {found.weight:g}, "
        f"{found.origin})"
    )
    if found.requires_keyphrase:
        print("Needs a focus keyphrase; skipped without one.")
    options = {k: v for k, v in found.options.items() if k != "known_rules"}
    if options:
        print("Options: " + ", ".join(f"{k} = {v!r}" for k, v in options.items()))
        print(f"  set them under [tool.seo-audit.rules.{found.id}]; `severity` works there too.")
    print()
    print(found.doc)


@app.command()
def init(
    path: Annotated[str, typer.Argument(help="Where to write the config.")] = "seo-audit.toml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter config (seo-audit.toml)."""
    from importlib.resources import files

    target = Path(path)
    if target.exists() and not force:
        raise UsageError(f"{path}: already exists (use --force to overwrite)")
    template = files("seo_audit").joinpath("starter.toml").read_text(encoding="utf-8")
    target.write_text(template, encoding="utf-8")
    print(f"seo-audit: wrote {path}; edit it, then run `seo-audit rules PAGE` to see what is on.")


def version_callback(value: bool) -> None:
    if value:
        print(f"seo-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Audit article pages for SEO."""


def main() -> None:
    try:
        # Without standalone mode click returns the exit code instead of raising it.
        code = app(standalone_mode=False)
    except SeoAuditError as error:
        print(f"seo-audit: {error}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the command-line parser's own usage errors and aborts
        # typer 0.28 vendors click and older versions use click itself: recognise both by shape.
        if type(error).__name__ == "Abort":
            sys.exit(130)
        if callable(getattr(error, "show", None)) and isinstance(
            getattr(error, "exit_code", None), int
        ):
            error.show()  # type: ignore[attr-defined]
            sys.exit(EXIT_USAGE)
        if os.environ.get("SEO_AUDIT_DEBUG"):
            raise
        # A bug of ours: one line, exit 2, and how to see the details.
        print(
            f"seo-audit: internal error: {type(error).__name__}: {error} "
            "(set SEO_AUDIT_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
