"""The wheel must carry every package folder, and the builtin rules must load from it."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import REPO, run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_package_folder_is_listed() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    mapped = {folder: name for name, folder in setuptools["package-dir"].items()}
    found = set()
    for init in REPO.glob("**/__init__.py"):
        folder = init.parent.relative_to(REPO).as_posix()
        first = folder.split("/")[0]
        # build/ is pip's scratch copy; .venv and other dot-folders are not ours either.
        if first in {"tests", "benchmarks", "examples", "build", "dist"} or first.startswith("."):
            continue
        top, _, rest = folder.partition("/")
        base = mapped.get(top, top)
        found.add(f"{base}.{rest.replace('/', '.')}" if rest else base)
    assert found - listed == set(), "package folders missing from [tool.setuptools] packages"


def test_builtin_rules_load_from_the_installed_package(tmp_path: Path) -> None:
    modules = {p.stem for p in (REPO / "rules").glob("*.py") if p.stem != "__init__"}
    result = run_cli("rules", cwd=tmp_path)
    assert result.returncode == 0
    import seo_audit.rules

    installed = {p.stem for p in Path(seo_audit.rules.__file__).parent.glob("*.py")}
    assert modules <= installed
    for rule_id in (
        "h1-missing",
        "keyphrase-density",
        "faq-schema-invalid",
        "embed-placeholder",
        "editorial-seo-note",
        "canonical-missing",
    ):
        assert rule_id in result.stdout
