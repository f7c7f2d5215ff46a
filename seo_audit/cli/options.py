"""Command-line options that several commands share, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

KeyphraseOption = Annotated[
    str | None,
    typer.Option("--keyphrase", "--keyword", "-k", help="The focus keyphrase to check for."),
]
RulesDirOption = Annotated[
    list[str] | None,
    typer.Option("--rules-dir", help="A folder of .py files with house rules (repeatable)."),
]
ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="Use this config file for every page (no search)."),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")]
SelectOption = Annotated[
    str | None,
    typer.Option("--select", help="Only these rule ids or categories (comma-separated)."),
]
IgnoreOption = Annotated[
    str | None, typer.Option("--ignore", help="Skip these rule ids or categories.")
]


def names(value: str | None) -> tuple[str, ...]:
    """A comma-separated option as a tuple of names."""
    return tuple(n.strip() for n in (value or "").split(",") if n.strip())
