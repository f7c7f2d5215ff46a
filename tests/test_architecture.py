"""The stages import one way: each package only from itself and the stages before it.

    errors (and imports) < lang < text < sources < page < results < config < engine (and
    seo_audit.rule) < rules (the builtin rules) < run < formats < testing < lsp < cli

Parsed with `ast`, every import counts (inside functions and TYPE_CHECKING blocks too): an
arrow that runs back up is a stage reaching into a later one.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO

LAYERS = (
    ("errors", "data", "imports", "__init__"),
    ("lang",),
    ("text",),
    ("sources",),
    ("page",),
    ("results",),
    ("config",),
    ("engine", "rule"),
    ("rules",),
    ("run",),
    ("formats",),
    ("testing",),
    ("lsp",),
    ("cli", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _stage(module: str) -> str:
    """seo_audit.page.build -> page; seo_audit.rules.meta -> rules."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _files() -> list[tuple[str, Path]]:
    found = []
    for path in sorted((REPO / "seo_audit").rglob("*.py")):
        relative = path.relative_to(REPO / "seo_audit").with_suffix("")
        found.append(("seo_audit." + ".".join(relative.parts), path))
    for path in sorted((REPO / "rules").glob("*.py")):
        found.append((f"seo_audit.rules.{path.stem}", path))
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            # `from seo_audit import x` imports the stage x itself.
            found.extend(
                (node.lineno, name if node.module == "seo_audit" else node.module) for name in names
            )
    return [(line, name) for line, name in found if name.split(".")[0] == "seo_audit"]


def test_every_stage_has_a_layer() -> None:
    stages = {_stage(module) for module, _ in _files()}
    assert stages - set(RANK) == set(), "a new package needs its place in LAYERS"


def test_imports_only_run_down_the_stages() -> None:
    backwards = []
    for module, path in _files():
        own = RANK[_stage(module)]
        for line, target in _imports(path):
            stage = _stage(target)
            if stage in RANK and RANK[stage] > own:
                backwards.append(f"{path.relative_to(REPO)}:{line} {module} -> {target}")
    assert backwards == []


def test_the_check_finds_a_backward_import(tmp_path: Path) -> None:
    # The test above must be able to fail: a page module importing the engine is caught.
    probe = tmp_path / "probe.py"
    probe.write_text("from seo_audit.engine.rule import Rule\n", encoding="utf-8")
    ((_, target),) = _imports(probe)
    assert RANK[_stage(target)] > RANK[_stage("seo_audit.page.probe")]
