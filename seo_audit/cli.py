"""The command line. It only wires stages; heavy modules are imported inside commands so that
`--help` and a single-page check start fast."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from seo_audit import __version__
from seo_audit.errors import SeoAuditError, UsageError

if TYPE_CHECKING:
    from seo_audit.rule import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="seo-audit",
    help=(
        "Audit article pages (HTML, or Markdown drafts with front matter) for SEO before they "
        "are published.\n\n"
        "Exit codes: 0 no error-severity finding; 1 at least one error-severity finding; "
        "2 usage error, or an input that could not be audited."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

KeyphraseOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option("--keyphrase", "--keyword", "-k", help="The focus keyphrase to check for."),
]
RulesDirOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--rules-dir", help="A folder of .py files with house rules (repeatable)."),
]


def _rules(rules_dirs: list[str] | None, select: str | None, ignore: str | None) -> list[Rule]:
    from seo_audit.registry import load_rules

    rules = load_rules(rules_dirs or ())
    known = {r.id for r in rules} | {r.category for r in rules}
    chosen = rules
    for label, value in (("--select", select), ("--ignore", ignore)):
        names = [n.strip() for n in (value or "").split(",") if n.strip()]
        unknown = [n for n in names if n not in known]
        if unknown:
            raise UsageError(f"{label}: unknown rule or category {', '.join(unknown)}")
        if names and label == "--select":
            chosen = [r for r in chosen if r.id in names or r.category in names]
        elif names:
            chosen = [r for r in chosen if r.id not in names and r.category not in names]
    return chosen


@app.command()
def check(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Pages or folders to audit; - reads one page from stdin. "
            "Default: the current folder."
        ),
    ] = None,
    keyphrase: KeyphraseOption = None,
    synonyms: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--synonyms", help="Comma-separated synonyms of the keyphrase."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Report format: text or json.")
    ] = "text",
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List passed and skipped rules too.")
    ] = False,
    select: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--select", help="Only these rule ids or categories (comma-separated)."),
    ] = None,
    ignore: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--ignore", help="Skip these rule ids or categories (comma-separated)."),
    ] = None,
    rules_dir: RulesDirOption = None,
    color: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--color/--no-color", help="Force colour on or off (default: auto)."),
    ] = None,
) -> None:
    """Audit pages and print a scored report with line-numbered findings."""
    from seo_audit.audit import AuditSettings, audit_paths
    from seo_audit.reporters import REPORTERS, ReportOptions
    from seo_audit.rule import Severity

    reporter = REPORTERS.get(output_format)
    if reporter is None:
        raise UsageError(
            f"--format: unknown format {output_format!r} (choose: {', '.join(REPORTERS)})"
        )
    rules = _rules(rules_dir, select, ignore)
    settings = AuditSettings(
        keyphrase=keyphrase,
        synonyms=tuple(s.strip() for s in (synonyms or "").split(",") if s.strip()),
    )
    report = audit_paths(paths or [], rules, settings)
    reporter(report, sys.stdout, ReportOptions(verbose=verbose, color=color))
    sys.stdout.flush()
    for error in report.errors:
        print(f"seo-audit: {error.path}: {error.message}", file=sys.stderr)
    if report.errors or (not report.pages and not report.errors):
        if not report.pages and not report.errors:
            print("seo-audit: no pages found (.html, .htm, .md, .markdown)", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    if any(f.severity is Severity.ERROR for page in report.pages for f in page.findings):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


@app.command()
def text(
    page: Annotated[str, typer.Argument(help="The page to show (- for stdin).")],
    keyphrase: KeyphraseOption = None,
    lines: Annotated[
        bool, typer.Option("--lines", help="Prefix each block with its source line.")
    ] = False,
) -> None:
    """Print exactly the text the rules analysed (the article body), block by block."""
    from seo_audit.audit import AuditSettings, load_page
    from seo_audit.reporters.text import safe

    loaded = load_page(page, AuditSettings(keyphrase=keyphrase))
    for index, block in enumerate(loaded.content):
        if index:
            print()
        prefix = f"{block.line or '?':>5}: " if lines else ""
        print(prefix + safe(block.text))


@app.command("rules")
def list_rules(rules_dir: RulesDirOption = None) -> None:
    """List every rule with its id, category, severity, weight and origin."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, highlight=False)
    for column in ("rule", "category", "severity", "weight", "origin", "checks"):
        table.add_column(column, overflow="fold")
    for item in _rules(rules_dir, None, None):
        # Text, not str: a docstring's "[insert …]" must not be read as rich markup.
        cells = (
            item.id,
            item.category,
            item.severity.value,
            f"{item.weight:g}",
            item.origin,
            item.summary,
        )
        table.add_row(*(Text(cell) for cell in cells))
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. h1-missing.")],
    rules_dir: RulesDirOption = None,
) -> None:
    """Print a rule's documentation, defaults and options."""
    rules = {r.id: r for r in _rules(rules_dir, None, None)}
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
    if found.options:
        print("Options: " + ", ".join(f"{k} = {v!r}" for k, v in found.options.items()))
    print()
    print(found.doc)


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
    except Exception as error:  # click's own usage errors and aborts
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(EXIT_USAGE)
        if isinstance(error, click.exceptions.Abort):
            sys.exit(130)
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
