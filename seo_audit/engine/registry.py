"""Find rules: builtin modules in `rules/`, the `seo_audit.rules` entry points, a --rules-dir."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from seo_audit.engine.rule import Rule
from seo_audit.errors import UsageError

ENTRY_POINT_GROUP = "seo_audit.rules"


def rules_in(namespace: Any) -> Iterator[Rule]:
    """The Rule objects a module (or an entry point's object) declares."""
    if isinstance(namespace, Rule):
        yield namespace
        return
    if isinstance(namespace, list | tuple):
        for value in namespace:
            yield from rules_in(value)
        return
    for value in vars(namespace).values():
        if isinstance(value, Rule):
            yield value


def builtin_rules() -> Iterator[Rule]:
    import seo_audit.rules as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        yield from rules_in(module)


def plugin_rules() -> Iterator[Rule]:
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
        except Exception as error:  # a broken plugin is named, never a traceback
            raise UsageError(f"rule plugin {entry.name!r} failed to load: {error}") from None
        dist = entry.dist.name if entry.dist is not None else entry.name
        for found in rules_in(loaded):
            yield replace(found, origin=f"plugin {dist}")


def local_rules(folder: str) -> Iterator[Rule]:
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"{folder}: --rules-dir is not a folder")
    for file in sorted(path.glob("*.py")):
        if file.name.startswith("_"):
            continue
        module = _load_file(file)
        for found in rules_in(module):
            yield replace(found, origin=f"local {file}")


def _load_file(file: Path) -> ModuleType:
    name = f"seo_audit_local_rules.{file.stem}"
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise UsageError(f"{file}: cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    # Dataclasses inside the file look their module up in sys.modules while it executes.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # a house rule with a bug is named, never a traceback
        del sys.modules[name]
        raise UsageError(f"{file}: {type(error).__name__}: {error}") from None
    return module


def unique(rules: Iterable[Rule]) -> list[Rule]:
    """The rules, checked for ids declared twice (say, a house rule reusing a builtin id)."""
    seen: dict[str, Rule] = {}
    for item in rules:
        if item.id in seen:
            raise UsageError(
                f"rule id {item.id!r} is declared twice ({seen[item.id].origin}, {item.origin})"
            )
        seen[item.id] = item
    return list(seen.values())
