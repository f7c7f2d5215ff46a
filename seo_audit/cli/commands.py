"""The typer application: the top-level options and every command registered on it. Built on
the first use of `seo_audit.cli.app` (typer and click cost ~25 ms, which `--version` skips)."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from seo_audit import __version__
from seo_audit.cli import started

_SETTINGS: dict[str, Any] = dict(
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
app = typer.Typer(**_SETTINGS)


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


def application(argv: list[str]) -> typer.Typer:
    """The app to run this command line: when it starts with a command's name, an app with the
    same options and that command alone. click parses it the same way (the group's options,
    then the command's), without typer building the other commands from their signatures
    (~4 ms of a cold check); any other line (options first, a typo, shell completion) gets
    the whole app, so `--help` lists every command and a typo is told the right names."""
    if not argv or "_SEO_AUDIT_COMPLETE" in os.environ:
        return app
    from typer.main import get_command_name

    chosen = [
        command
        for command in app.registered_commands
        if argv[0] == (command.name or get_command_name(command.callback.__name__))  # type: ignore[union-attr]
    ]
    if len(chosen) != 1:
        return app
    solo = typer.Typer(**_SETTINGS)
    solo.registered_callback = app.registered_callback
    solo.registered_commands = chosen
    return solo
