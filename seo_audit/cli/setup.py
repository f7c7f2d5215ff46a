"""`seo-audit init`: a commented starter config.

Into a file of its own (`seo-audit.toml`, the default), which an existing one is never silently
replaced by (`--force` does); or, into an existing `pyproject.toml`, as a `[tool.seo-audit]`
table appended to it: the other tables are the project's, never touched. A pyproject that
already has the table is refused, and `--force` replaces only that table (its subtables too).
The result is read back with a TOML parser before it is written, and every other table must be
what it was.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from seo_audit.cli.commands import app
from seo_audit.cli.output import write_file
from seo_audit.errors import UsageError

TABLE = "tool.seo-audit"
# A table header line: [name] or [[name]], with the name's parts bare or quoted.
_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")


@app.command()
def init(
    path: Annotated[
        str,
        typer.Argument(help="Where to write the config: seo-audit.toml, or a pyproject.toml."),
    ] = "seo-audit.toml",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Overwrite an existing seo-audit.toml, or replace the [tool.seo-audit] table "
            "of a pyproject.toml (its other tables are kept).",
        ),
    ] = False,
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset",
            help="A static-site generator's layout: hugo, jekyll, astro, docusaurus, eleventy, "
            "nextjs, gatsby (content folder, excludes, front-matter keys).",
        ),
    ] = None,
) -> None:
    """Write a commented starter config (seo-audit.toml, or [tool.seo-audit] in pyproject)."""
    from importlib.resources import files

    from seo_audit.config import PRESETS, starter_text

    target = Path(path)
    template = files("seo_audit").joinpath("starter.toml").read_text(encoding="utf-8")
    if preset is not None:
        try:
            template = starter_text(template, preset)
        except ValueError:
            raise UsageError(
                f"--preset: unknown preset {preset!r} (choose: {', '.join(sorted(PRESETS))})"
            ) from None
    if target.name == "pyproject.toml" and target.exists():
        text, replaced = _with_table(target, target.read_text(encoding="utf-8"), template, force)
        what = f"{'replaced' if replaced else 'added'} [{TABLE}] in {path}"
    elif target.exists() and not force:
        raise UsageError(f"{path}: already exists (use --force to overwrite)")
    else:
        text = _as_table(template) if target.name == "pyproject.toml" else template
        what = f"wrote {path}"
    write_file(path, lambda stream: stream.write(text), "config")
    print(f"seo-audit: {what}; edit it, then run `seo-audit rules PAGE` to see what is on.")


def _as_table(template: str) -> str:
    """The starter's keys under [tool.seo-audit], its tables under [tool.seo-audit.…]."""
    lines = [f"[{TABLE}]"]
    for line in template.splitlines():
        header = _HEADER.match(line)
        lines.append(f"[{TABLE}.{header['name']}]" if header else line)
    return "\n".join(lines) + "\n"


def _with_table(target: Path, text: str, template: str, force: bool) -> tuple[str, bool]:
    """The pyproject with the starter table, and whether one was replaced."""
    before = _parsed(target, text)
    has_table = "seo-audit" in before.get("tool", {})
    if has_table and not force:
        raise UsageError(
            f"{target}: already has a [{TABLE}] table (edit it, or use --force to replace "
            "that table only)"
        )
    kept = _without_table(text) if has_table else text
    if kept and not kept.endswith("\n"):
        kept += "\n"
    result = kept + ("\n" if kept.strip() else "") + _as_table(template)
    try:
        after = _parsed(target, result)
    except UsageError:
        after = {}
    if _others(after) != _others(before) or "seo-audit" not in after.get("tool", {}):
        # The table is spelled in a way this cannot take apart (dotted keys, inline tables).
        raise UsageError(
            f"{target}: cannot add [{TABLE}] without changing other tables; paste the starter "
            "(`seo-audit init seo-audit.toml`) into it by hand"
        )
    return result, has_table


def _without_table(text: str) -> str:
    """`text` without the [tool.seo-audit] table and its subtables (header to next header)."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            name = header["name"].replace('"', "").replace("'", "").replace(" ", "")
            inside = name == TABLE or name.startswith(TABLE + ".")
        if not inside:
            kept.append(line)
    return "".join(kept).rstrip("\n") + "\n"


def _others(document: dict[str, Any]) -> dict[str, Any]:
    tool = {k: v for k, v in document.get("tool", {}).items() if k != "seo-audit"}
    return {**{k: v for k, v in document.items() if k != "tool"}, "tool": tool}


def _parsed(target: Path, text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        found: dict[str, Any] = tomllib.loads(text)
        return found
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{target}: not valid TOML ({error}); nothing written") from None
