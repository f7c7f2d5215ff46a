"""The typer application: the top-level options and every command registered on it. Built on
the first use of `seo_audit.cli.app` (typer and click cost ~25 ms, which `--version` skips)."""

from __future__ import annotations

from typing import Annotated

import typer

from seo_audit import __version__
from seo_audit.cli import started

app = typer.Typer(
    name="seo-audit",
    help=(
        "Audit article pages (HTML, or Markdown drafts with front matter) for SEO before they "
        "are published.\n\n"
        "Exit codes: 0 the gate passed (by default: no error-severity finding); 1 the gate "
        "failed; 2 usage or config error, or an input that could not be audited."
    ),
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, PowerShell)
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def version_callback(value: bool) -> None:
    if value:
        print(f"seo-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    context: typer.Context,
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
    if context.invoked_subcommand != "check":
        started()  # check says so itself, once its plan (and its rules) are loaded


# The commands register themselves on `app`, in the order `--help` lists them.
from seo_audit.cli import check, inspect, lsp, setup  # noqa: E402, F401
