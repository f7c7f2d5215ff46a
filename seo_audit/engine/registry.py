"""Find rules: builtin modules in `rules/`, the `seo_audit.rules` entry points, --rules-dir
folders; and the RuleSet a run uses.

Each source of rules is loaded once per process (`functools.cache`): a house-rule file is
executed once however many pages, configs or commands ask for it, and a forked worker
inherits what the parent loaded.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from seo_audit.engine.rule import Rule
from seo_audit.errors import Interrupted, UsageError
from seo_audit.imports import entry_points_of

ENTRY_POINT_GROUP = "seo_audit.rules"
# The builtin rules are found by name, as plugins are: they build on the engine, and the engine
# loads them without depending on them.
BUILTIN_PACKAGE = "seo_audit.rules"


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


@cache
def builtin_rules() -> tuple[Rule, ...]:
    package = importlib.import_module(BUILTIN_PACKAGE)
    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{BUILTIN_PACKAGE}.{info.name}")
        found.extend(rules_in(module))
    return tuple(found)


@cache
def plugin_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for entry in entry_points_of(ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
        except Interrupted:
            raise
        except BaseException as error:  # a broken plugin is named, never a traceback
            # (SystemExit at import included: it must not end the run with exit 0)
            raise UsageError(
                f"rule plugin {entry.name!r} failed to load: {type(error).__name__}: {error} "
                "(--no-plugins skips plugins)"
            ) from None
        dist = entry.dist.name if entry.dist is not None else entry.name
        found.extend(replace(r, origin=f"plugin {dist}") for r in rules_in(loaded))
    return tuple(found)


def local_rules(folder: str) -> tuple[Rule, ...]:
    return _local_rules(str(Path(folder).resolve()), folder)


@cache
def _local_rules(resolved: str, given: str) -> tuple[Rule, ...]:
    path = Path(resolved)
    if not path.is_dir():
        raise UsageError(f"{given}: --rules-dir is not a folder")
    found: list[Rule] = []
    for file in sorted(path.glob("*.py")):
        if file.name.startswith("_"):
            continue
        module = _load_file(file)
        found.extend(replace(r, origin=f"local {file}") for r in rules_in(module))
    return tuple(found)


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
    except Interrupted:
        raise
    except BaseException as error:  # a house rule with a bug is named, never a traceback
        del sys.modules[name]
        raise UsageError(f"{file}: {type(error).__name__}: {error}") from None
    return module


def unique(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules, checked for ids declared twice (say, a house rule reusing a builtin id)."""
    seen: dict[str, Rule] = {}
    for item in rules:
        for name in (item.id, *item.aliases):
            if name in seen:
                raise UsageError(
                    f"rule id {name!r} is declared twice ({seen[name].origin}, {item.origin})"
                )
            seen[name] = item
    return tuple({r.id: r for r in seen.values()}.values())


@dataclass(frozen=True)
class RuleSet:
    """The rules of one run: builtin, plugins and the house rules of some folders."""

    rules: tuple[Rule, ...]

    @cached_property
    def by_id(self) -> Mapping[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def aliases(self) -> Mapping[str, str]:
        """Former id -> current id."""
        return {alias: r.id for r in self.rules for alias in r.aliases}

    @cached_property
    def categories(self) -> frozenset[str]:
        return frozenset(r.category for r in self.rules)

    @cached_property
    def names(self) -> frozenset[str]:
        """Every id, former id and category a selector or suppression may name."""
        return frozenset(self.by_id) | frozenset(self.aliases) | self.categories

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)


@cache
def load_rules(rules_dirs: tuple[str, ...] = (), plugins: bool = True) -> RuleSet:
    """The RuleSet for these --rules-dir folders, built once per process."""
    found = [*builtin_rules(), *(plugin_rules() if plugins else ())]
    for folder in rules_dirs:
        found.extend(local_rules(folder))
    return RuleSet(unique(found))
