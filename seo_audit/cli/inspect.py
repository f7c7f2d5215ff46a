"""Commands that show what seo-audit sees and knows: `text`, `rules`, `explain`, `formats`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from seo_audit.cli.commands import app
from seo_audit.cli.options import (
    ConfigOption,
    IgnoreOption,
    IsolatedOption,
    KeyphraseOption,
    RulesDirOption,
    SelectOption,
    names,
)
from seo_audit.errors import UsageError

if TYPE_CHECKING:
    from seo_audit.engine.selection import RuleState
    from seo_audit.page.model import Page

ListFormat = Annotated[
    str,
    typer.Option("--format", "-f", help="table (default), or markdown (as in the README)."),
]


@app.command()
def text(
    pages: Annotated[
        list[str],
        typer.Argument(
            help="The pages to show (- for stdin, a URL); a folder, a WordPress export or a "
            "WARC archive shows each of its pages."
        ),
    ],
    keyphrase: KeyphraseOption = None,
    lines: Annotated[
        bool, typer.Option("--lines", help="Prefix each block with its source line.")
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="WordPress export items to show, by status, as check --status: publish "
            "(default), draft, pending, private, future, trash, comma-separated.",
        ),
    ] = None,
) -> None:
    """Print exactly the text the rules analysed (the article body), block by block; with
    several pages, each under a `==> page <==` line (as `head` does). A folder, an export or
    an archive is the pages `check` audits in it, each under its path, permalink or URL. A
    page that cannot be read is one line on stderr, the others are still shown, and the exit
    code is 2."""
    from seo_audit.cli import EXIT_USAGE
    from seo_audit.cli.check import _statuses
    from seo_audit.cli.output import say
    from seo_audit.errors import InputError
    from seo_audit.run import AuditSettings, load_page, pages_in
    from seo_audit.sources.files import PAGE_SUFFIXES

    settings = AuditSettings(keyphrase=keyphrase, statuses=_statuses(status))
    shown = 0
    failed = False
    for page in pages:
        many = pages_in(page, settings)
        if many is None:
            try:
                loaded = load_page(page, settings)
            except InputError as error:
                say(str(error))
                failed = True
                continue
            told = _format_told(page)
            if len(pages) > 1 or not told:
                read_as = "" if told else f" (read as {_FORMATS[loaded.format]})"
                _heading(shown, page + read_as)
            _show(loaded, lines)
            shown += 1
            continue
        # A folder's pages, the items of an export, the records of an archive: each under its
        # own name (an item is always HTML, a record says its format in its Content-Type, a
        # folder's pages are found by their suffixes).
        found = 0
        for item in many:
            found += 1
            if isinstance(item, InputError):
                say(str(item))
                failed = True
                continue
            _heading(shown, item.path)
            _show(item, lines)
            shown += 1
        if not found:  # an empty folder (an empty export or archive is an error of its own)
            suffixes = ", ".join(PAGE_SUFFIXES)
            say(f"{page}: no pages found in it ({suffixes})")
            failed = True
    if failed:
        raise typer.Exit(EXIT_USAGE)


def _heading(shown: int, name: str) -> None:
    from seo_audit.formats.controls import visible

    print(("\n" if shown else "") + f"==> {visible(name)} <==")


def _show(loaded: Page, lines: bool) -> None:
    from seo_audit.formats.controls import visible

    # With --lines, code and math show too, marked: a writer sees why they were not counted.
    blocks = loaded.article if lines else loaded.content
    for index, block in enumerate(blocks):
        if index:
            print()
        if block.skipped:
            print(f"{block.line or '?':>5}: [skipped: {block.skipped}, not prose]")
            for offset, text in enumerate(block.text.splitlines()):
                where = f"{block.line + offset:>5}" if block.line else "    ?"
                print(f"{where}| {visible(text)}")
            continue
        prefix = f"{block.line or '?':>5}: " if lines else ""
        print(prefix + visible(block.text))


_FORMATS = {"html": "HTML", "markdown": "Markdown"}


def _format_told(page: str) -> bool:
    """Whether the argument says how the page is read: its suffix, or being a URL (a fetched
    page is HTML, as its Content-Type says). Stdin is sniffed, and says so itself."""
    from seo_audit.sources.files import PAGE_SUFFIXES
    from seo_audit.sources.ref import is_url

    return page == "-" or is_url(page) or page.lower().endswith(PAGE_SUFFIXES)


@app.command("rules")
def list_rules(
    path: Annotated[
        str | None,
        typer.Argument(help="Show which rules are on for this page, and why (config, flags)."),
    ] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
    output_format: ListFormat = "table",
) -> None:
    """List every rule: id, category, severity, weight, origin, and whether it is on."""
    from seo_audit.config import Overrides
    from seo_audit.run import AuditSettings, Planner

    overrides = Overrides(
        select=names(select) or None, ignore=names(ignore), rules_dir=tuple(rules_dir or ())
    )
    planner = Planner(AuditSettings(overrides=overrides, config_file=config, isolated=isolated))
    states = planner.states(path)
    if output_format == "markdown":
        print(rules_markdown(states), end="")
    elif output_format == "table":
        _rules_table(states)
    else:
        raise UsageError(f"--format: must be table or markdown, not {output_format!r}")


def rules_markdown(states: list[RuleState]) -> str:
    """The README's rule table: builtin rules by category."""
    from seo_audit.results.categories import sort_key

    by_category: dict[str, list[str]] = {}
    for state in states:
        if state.rule.origin == "builtin":
            by_category.setdefault(state.rule.category, []).append(state.rule.id)
    lines = ["| category | rules |", "|---|---|"]
    for category in sorted(by_category, key=sort_key):
        label = "site (folders)" if category == "site" else category
        lines.append(f"| {label} | " + ", ".join(f"`{r}`" for r in by_category[category]) + " |")
    return "\n".join(lines) + "\n"


# Below this many columns the table's eight columns would cut words: one rule per block instead.
_TABLE_WIDTH = 120


def _rules_table(states: list[RuleState]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from seo_audit.formats.controls import visible
    from seo_audit.formats.wrap import wrapped

    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    console = Console(
        highlight=False, soft_wrap=True, width=width or (None if sys.stdout.isatty() else 200)
    )
    if console.width < _TABLE_WIDTH:
        from seo_audit.formats.styled import Text as Line

        for state in states:
            item = state.rule
            head = Line(item.id, style="bold")
            head.append(
                f"  {item.category}, {item.severity.value}, weight {item.weight:g}, "
                f"{visible(item.origin)}"
            )
            why = Line(f"    {'on' if state.enabled else 'off'}: {visible(state.reason)}", "dim")
            for line in (head, why, Line(f"    {visible(item.summary)}")):
                console.print(wrapped(console, line, indent=4).to_rich())
        return
    table = Table(box=None, pad_edge=False, highlight=False)
    for column in ("rule", "category", "severity", "weight", "origin", "on", "why", "checks"):
        table.add_column(column, overflow="fold")
    for state in states:
        item = state.rule
        # Text, not str: a docstring's "[insert …]" must not be read as rich markup; a reason
        # names config files, whose folder names are anyone's.
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
        table.add_row(*(Text(visible(cell)) for cell in cells))
    console.print(table)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. h1-missing.")],
    rules_dir: RulesDirOption = None,
) -> None:
    """Print a rule's documentation, defaults and options."""
    from seo_audit.config import Overrides
    from seo_audit.run import AuditSettings, Planner

    planner = Planner(AuditSettings(overrides=Overrides(rules_dir=tuple(rules_dir or ()))))
    states = planner.states(None)
    rules = {s.rule.id: s.rule for s in states}
    aliases = {alias: s.rule for s in states for alias in s.rule.aliases}
    found = rules.get(rule_id) or aliases.get(rule_id)
    if found is None:
        close = [r for r in rules if rule_id in r or r in rule_id]
        hint = f" Did you mean: {', '.join(close)}?" if close else " `seo-audit rules` lists them."
        raise UsageError(f"no rule {rule_id!r}.{hint}")
    print(
        f"{found.id}  ({found.category}, {found.severity.value}, weight {found.weight:g}, "
        f"{found.origin})"
    )
    if found.aliases:
        print("Formerly: " + ", ".join(found.aliases))
    if found.requires_keyphrase:
        print("Needs a focus keyphrase; skipped without one.")
    options = {k: v for k, v in found.options.items() if k != "known_rules"}
    if options:
        print("Options: " + ", ".join(f"{k} = {v!r}" for k, v in options.items()))
        print(f"  set them under [tool.seo-audit.rules.{found.id}]; `severity` works there too.")
    print()
    print(found.doc)


@app.command("formats")
def list_formats(output_format: ListFormat = "table") -> None:
    """List the report formats `check --format` accepts, plugins' included."""
    from seo_audit.formats import formats

    found = formats().values()
    if output_format == "markdown":
        print("| format | what it writes |\n|---|---|")
        for item in found:
            print(f"| `{item.name}` | {item.help} |")
    elif output_format == "table":
        width = max(len(item.name) for item in found)
        for item in found:
            print(f"{item.name:<{width}}  {item.help}")
    else:
        raise UsageError(f"--format: must be table or markdown, not {output_format!r}")
