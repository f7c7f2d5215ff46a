"""Each command loads what it uses and no more, in a fresh interpreter run outside the
checkout (helpers.run_python): `--version` answers before typer loads, `rules`, `explain` and
`text` on a draft never load the article extractor, the process pool or the plugin scanner's
importlib.metadata, and a one-page `check` to a pipe loads neither the process pool nor rich's
console."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import EXAMPLES, run_python

DRAFT = EXAMPLES / "draft-cold-brew.md"
PAGE = EXAMPLES / "film-news-with-problems.html"
# Loaded by a batch's process pool only (with the logging concurrent.futures pulls in).
POOL = ("multiprocessing", "concurrent")


def loaded_by(*argv: str) -> tuple[str, set[str]]:
    """What `seo-audit ARGV` prints, and the top-level packages and modules it loaded."""
    code = f"""
import io, sys, contextlib
sys.argv = ["seo-audit", *{list(argv)!r}]
out = io.StringIO()
from seo_audit.cli import main
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit:
    pass
print(out.getvalue() + "LOADED", *sorted(sys.modules))
"""
    printed, modules = run_python(code).split("LOADED", 1)
    names = set(modules.split())
    return printed, names | {name.split(".")[0] for name in names}


def test_version_is_answered_before_typer_or_any_stage_loads() -> None:
    printed, modules = loaded_by("--version")
    assert printed.strip() == "seo-audit 0.1.0"
    assert "typer" not in modules and "rich" not in modules
    stages = {m for m in modules if m.startswith("seo_audit.")}
    assert stages <= {"seo_audit.cli", "seo_audit.cli.output", "seo_audit.errors"}, stages


def test_rules_and_explain_load_the_rules_not_the_audit_machinery() -> None:
    table, modules = loaded_by("rules", "--isolated", "--format", "markdown")
    assert "| headings |" in table and "`h1-missing`" in table
    for name in (*POOL, "trafilatura", "rich", "importlib.metadata"):
        assert name not in modules, name
    doc, modules = loaded_by("explain", "h1-missing")
    assert doc.startswith("h1-missing  (headings, error")
    for name in (*POOL, "trafilatura", "rich", "importlib.metadata"):
        assert name not in modules, name


def test_text_of_a_draft_loads_no_extractor_and_no_pool() -> None:
    shown, modules = loaded_by("text", str(DRAFT))
    assert "cold brew" in shown.lower()
    assert "markdown_it" in modules  # it did render the draft
    # seo_audit.run's names load with their modules: text reads a page, it runs no audit.
    audit_only = ("seo_audit.run.executors", "seo_audit.run.finalize", "seo_audit.results.spill")
    for name in (*POOL, "trafilatura", "rich", "importlib.metadata", *audit_only):
        assert name not in modules, name


def test_the_run_package_imports_a_name_when_it_is_asked_for() -> None:
    """`import seo_audit.run` loads no stage; each name loads its module when first asked
    for, and stays the function even once its submodule is imported under the same name
    (`seo_audit.run.finalize`, the module, would otherwise hide `finalize`, the function)."""
    code = """
import sys
import seo_audit.run
alone = sorted(name for name in sys.modules if name.startswith("seo_audit."))
import seo_audit.run.finalize
from seo_audit.run.finalize import page_report
from seo_audit.run import AuditSettings, build_plan, finalize
import seo_audit.run as package
print(*alone, "|", type(finalize).__name__, finalize.__module__, package.finalize is finalize,
      AuditSettings.__name__, build_plan.__module__, callable(page_report))
"""
    alone, asked = run_python(code).split("|")
    assert alone.split() == ["seo_audit.errors", "seo_audit.run"]
    assert asked.split() == [
        "function",
        "seo_audit.run.finalize",
        "True",
        "AuditSettings",
        "seo_audit.run.plan",
        "True",
    ]


def test_a_one_page_check_loads_no_process_pool() -> None:
    report, modules = loaded_by("check", "--isolated", str(PAGE))
    assert "score 58/100" in report
    assert "trafilatura" in modules
    # The report goes to a pipe: plain text, as rich would write it there, without rich's
    # console (formats/styled.py; tests/test_text_plain.py checks they agree).
    for name in (*POOL, "rich.console", "rich.text"):
        assert name not in modules, name


def test_entry_points_are_found_as_importlib_metadata_finds_them(tmp_path: Path) -> None:
    """The quick look for plugins (imports.entry_points_of) misses none: a distribution on
    the path that declares the group is found, with the same entry points as
    importlib.metadata gives; without one, importlib.metadata is never imported."""
    info = tmp_path / "acme_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    # A section header as a hand-written file might space it: importlib.metadata reads it.
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nacme = x:y\n\n[seo_audit.rules] \nacme = acme_rules\n"
    )
    code = """
import json, sys
from seo_audit.imports import entry_points_of
absent = entry_points_of("seo_audit.no_such_group")
before = "importlib.metadata" in sys.modules
found = [(e.name, e.value) for e in entry_points_of("seo_audit.rules")]
from importlib.metadata import entry_points
expected = [(e.name, e.value) for e in entry_points(group="seo_audit.rules")]
print(json.dumps([list(absent), before, found, expected]))
"""
    output = run_python(code, path=tmp_path)
    absent, imported_before, found, expected = json.loads(output)
    assert absent == [] and imported_before is False
    assert found == expected == [["acme", "acme_rules"]]


def test_installed_versions_are_read_as_importlib_metadata_reads_them(tmp_path: Path) -> None:
    """imports.version_of: the first folder on the path holding a distribution's metadata
    decides, as importlib.metadata's search does (a dist-info on PYTHONPATH shadows the
    installed one); where it cannot be sure (an egg-info, two candidates) it says None and
    the caller asks importlib.metadata."""
    shadow = tmp_path / "Trafilatura-9.9.dist-info"
    shadow.mkdir()
    (shadow / "METADATA").write_text("Metadata-Version: 2.1\nName: trafilatura\nVersion: 9.9\n")
    (tmp_path / "typer-0.0.1.egg-info").mkdir()
    (tmp_path / "typer-0.0.1.egg-info" / "PKG-INFO").write_text("Name: typer\nVersion: 0.0.1\n")
    for version in ("1.0", "2.0"):
        (tmp_path / f"lxml-{version}.dist-info").mkdir()
        (tmp_path / f"lxml-{version}.dist-info" / "METADATA").write_text(f"Version: {version}\n")
    code = """
import json, sys
from seo_audit.imports import version_of
names = ["trafilatura", "markdown-it-py", "Markdown_It.Py", "pytest", "typer", "lxml", "no-such"]
quick = [version_of(name) for name in names]
before = "importlib.metadata" in sys.modules
from importlib.metadata import PackageNotFoundError, version
def real(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None
print(json.dumps([quick, [real(name) for name in names], before]))
"""
    output = run_python(code, path=tmp_path)
    quick, real, imported_before = json.loads(output)
    assert imported_before is False
    assert quick[:4] == real[:4] and quick[0] == "9.9" and quick[1] == quick[2]
    assert quick[4:] == [None, None, None]  # not sure: importlib.metadata answers
    assert real[4] == "0.0.1" and real[5] in ("1.0", "2.0") and real[6] is None


COMMAND_LINES = [
    *([name, "--help"] for name in ("check", "text", "rules", "explain", "formats", "lsp", "init")),
    ["check", "--no-such-flag"],
    ["check", "--format"],
    ["check", "--jobs", "many"],
    ["check", "--isolated", "--format", "yaml", str(PAGE)],
    ["rules", "--format", "yaml"],
    ["explain"],
    ["explain", "no-such-rule"],
    ["text"],
    ["check", "--isolated", "-f", "concise", str(PAGE)],
]


def test_a_command_alone_parses_as_the_whole_app_does() -> None:
    """cli.commands.application: `seo-audit check …` runs an app holding check alone (typer
    builds one command, not seven); its help, usage errors, output and exit codes are the
    whole app's, and a line that names no command gets the whole app."""
    from typer.testing import CliRunner

    from seo_audit.cli.commands import app, application

    runner = CliRunner()
    for line in COMMAND_LINES:
        solo = application(line)
        assert solo is not app and len(solo.registered_commands) == 1, line
        whole, alone = runner.invoke(app, line), runner.invoke(solo, line)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), line
    for line in (["--help"], ["chek"], [], ["--version", "check"]):
        assert application(line) is app


def test_the_collector_is_on_again_once_a_command_has_started() -> None:
    """main() pauses the cyclic collector for start-up only: a check (after its plan), any
    other command, and a run that ends in a usage error all leave it on."""
    code = f"""
import contextlib, gc, io, sys
from seo_audit.cli import main
states = []
page = {str(PAGE)!r}
for argv in (["check", "--isolated", page], ["rules"], ["check", "--select", "nope", page]):
    sys.argv = ["seo-audit", *argv]
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main()
    except SystemExit:
        pass
    states.append(gc.isenabled())
print(states, gc.get_freeze_count() > 0)
"""
    assert run_python(code).split() == ["[True,", "True,", "True]", "True"]
