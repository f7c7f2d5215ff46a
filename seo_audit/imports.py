"""Importing one module of a package without the package's `__init__`, for libraries whose
`__init__` loads far more than the audit uses (trafilatura's downloader, every snowball
stemmer). A writer's cold `check` of one page pays each import on every run.

`submodule(package, name)` imports `package.name` under a stand-in package (the real
`__path__`, so the submodule and its siblings load from the real files, but `__init__` does not
run). `deferring(...)` answers imports of libraries the submodule imports but the audit never
calls with stand-in modules whose names are forwarders: a forwarder imports the real module the
first time it is called (or used in isinstance). Afterwards the stand-ins leave `sys.modules`,
so anyone importing those libraries later gets the real ones. Callers fall back to the
ordinary import when this raises: slower, never wrong.

`entry_points_of(group)` is `importlib.metadata.entry_points(group=...)` that imports
importlib.metadata only when some installed distribution may declare the group (plugins are
looked for on every run; most installs have none). `providing(name, ...)` stands in for a
module a library imports for one or two names (trafilatura's `xml` imports importlib.metadata
for its version string), and `version_of(distribution)` reads an installed version as
importlib.metadata would, without it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Union


class _Forwarder:
    """Stands for `module.name` until called, then calls the real one."""

    def __init__(self, module: str, name: str) -> None:
        self._module = module
        self._name = name

    def _real(self) -> Any:
        return getattr(importlib.import_module(self._module), self._name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)

    # A class of a deferred module may stand in an isinstance check or a type alias
    # (`HtmlElement | HTTPResponse`): the check loads it; the alias needs nothing real.
    def __instancecheck__(self, instance: Any) -> bool:
        return isinstance(instance, self._real())

    def __or__(self, other: Any) -> Any:
        return Union[Any, other]  # noqa: UP007  # `Any | other` would call us again

    def __ror__(self, other: Any) -> Any:
        return Union[other, Any]  # noqa: UP007


class _StandIn(types.ModuleType):
    """A module whose every attribute is a forwarder to the real module's."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__path__: list[str] = []  # a package: `from x.y import z` finds x.y below it

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Forwarder(self.__name__, name)


class _StandInFinder:
    def __init__(self, roots: frozenset[str]) -> None:
        self.roots = roots

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name.split(".")[0] in self.roots:
            return importlib.util.spec_from_loader(name, self, is_package=True)  # type: ignore[arg-type]
        return None

    def create_module(self, spec: Any) -> types.ModuleType:
        return _StandIn(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        return None


@contextmanager
def deferring(deferred: tuple[str, ...], absent: tuple[str, ...] = ()) -> Iterator[None]:
    """While inside, importing a `deferred` library (or its submodules) gives a stand-in, and
    importing an `absent` one raises ImportError (optional extras a library tries)."""
    roots = frozenset(name for name in deferred if name not in sys.modules)
    before = set(sys.modules)
    finder = _StandInFinder(roots)
    hidden = [name for name in absent if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in hidden:
            sys.modules.pop(name, None)
        for name in set(sys.modules) - before:
            if name.split(".")[0] in roots:
                del sys.modules[name]


def submodule(package: str, name: str) -> types.ModuleType:
    """`package.name`, imported without running `package/__init__.py` (when the package is
    not imported already). Raises ImportError (or what the submodule raises) when it cannot."""
    full = f"{package}.{name}"
    if full in sys.modules:
        return sys.modules[full]
    if package in sys.modules:
        return importlib.import_module(full)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not an installed package")
    stand_in = types.ModuleType(package)
    stand_in.__path__ = list(spec.submodule_search_locations)
    stand_in.__spec__ = spec
    stand_in.__file__ = spec.origin
    sys.modules[package] = stand_in
    try:
        return importlib.import_module(full)
    except BaseException:
        for loaded in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[loaded]
        raise
    finally:
        # A later `import package` gets the real one: its __init__ then runs over the
        # submodules already loaded.
        if sys.modules.get(package) is stand_in:
            del sys.modules[package]


class _Providing(types.ModuleType):
    """Stands for a module with a few attributes of the caller's; asked for any other, it
    imports the real module and answers with the real attribute."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(real_module(self.__name__), name)


def real_module(name: str) -> types.ModuleType:
    """The real module `name`, imported now if need be, even while `providing` stands in."""
    if isinstance(sys.modules.get(name), _Providing):
        del sys.modules[name]
    return importlib.import_module(name)


@contextmanager
def providing(name: str, **attributes: Any) -> Iterator[None]:
    """While inside, importing the module `name` (`from name import x`, `import name`) gives a
    stand-in holding `attributes`, whose other attributes are the real module's (imported the
    first time one is asked for). Nothing changes when the real module is loaded already.
    Afterwards the stand-in leaves `sys.modules`: later imports get the real module."""
    if name in sys.modules:
        yield
        return
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules.get(parent_name) if parent_name else None
    stand_in = _Providing(name)
    stand_in.__dict__.update(attributes)
    sys.modules[name] = stand_in
    if parent is not None:
        setattr(parent, child, stand_in)  # `import a.b` then `a.b.x` finds it as the import does
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        if parent is not None and getattr(parent, child, None) is stand_in:
            delattr(parent, child)


def entry_points_of(group: str) -> tuple[Any, ...]:
    """`importlib.metadata.entry_points(group=group)`, without importing importlib.metadata
    (~10 ms: it loads email, zipfile, csv) when no installed distribution declares the group:
    the usual case, a cold `check` with no plugin installed. Exactly as correct as the full
    scan, since it falls back to it whenever the quick look cannot be sure."""
    if not _may_declare(group):
        return ()
    from importlib.metadata import entry_points

    return tuple(entry_points(group=group))


def _may_declare(group: str) -> bool:
    """False only when every place importlib.metadata would look for distributions was read
    and no `entry_points.txt` there has a `[group]` section; True when unsure."""
    if not _distributions_are_on_the_path():
        return True
    header = f"[{group}]"
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return True  # an egg's metadata is in its EGG-INFO
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip file or an egg on the path: its metadata is inside
        except OSError:
            continue  # a missing folder holds no distribution
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points (an egg-info may be a file of its own)
            except (OSError, UnicodeDecodeError):
                return True
            if header in text.replace(" ", "").replace("\t", ""):
                return True
    return False


def version_of(distribution: str) -> str | None:
    """`importlib.metadata.version(distribution)` without importing importlib.metadata, when
    it is certain: the first folder on sys.path holding metadata of that name decides, as
    importlib.metadata's search does, and its one `.dist-info` folder's METADATA gives the
    version. None when not certain (an egg, a zip, two candidates in that folder, no Version
    header, another finder listing distributions) or not installed: ask importlib.metadata."""
    if not _distributions_are_on_the_path():
        return None
    wanted = _normalized(distribution)
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return None
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return None  # a zip on the path: its metadata is inside
        except OSError:
            continue
        found = [
            name
            for name in names
            if name.lower().endswith((".dist-info", ".egg-info", ".egg"))
            and _normalized(name.rpartition(".")[0].partition("-")[0]) == wanted
        ]
        if not found:
            continue
        if len(found) > 1 or not found[0].lower().endswith(".dist-info"):
            return None
        return _metadata_version(os.path.join(folder, found[0], "METADATA"))
    return None


def _normalized(name: str) -> str:
    # importlib.metadata's Prepared.normalize (PEP 503), with `_` for `-` as it compares them.
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(path: str) -> str | None:
    """The Version header of a METADATA file (RFC 822 headers up to the first blank line)."""
    try:
        with open(path, encoding="utf-8") as file:
            for line in file:
                if not line.strip():
                    break
                key, colon, value = line.partition(":")
                if colon and key.strip().lower() == "version":
                    return value.strip() or None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _distributions_are_on_the_path() -> bool:
    """Whether sys.path's folders are the only place distributions are listed: another finder
    that lists distributions (a custom importer) knows what a look at the folders cannot see."""
    from importlib.machinery import PathFinder

    return not any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    )
