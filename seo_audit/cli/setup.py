"""`seo-audit init`: a commented starter config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from seo_audit.cli import app
from seo_audit.cli.output import write_file
from seo_audit.errors import UsageError


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
    write_file(path, lambda stream: stream.write(template), "config")
    print(f"seo-audit: wrote {path}; edit it, then run `seo-audit rules PAGE` to see what is on.")
