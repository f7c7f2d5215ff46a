"""Finding the pages under a folder: include/exclude globs, .gitignore, hidden folders,
symlink loops and unreadable folders.

.gitignore is applied by git itself (`git check-ignore --stdin`), not by a library: git is the
authority on its own rules (nested .gitignore files, .git/info/exclude, the global excludes
file, negations). Outside a git work tree, or without git installed, nothing is ignored.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from seo_audit.sources.files import PAGE_SUFFIXES
from seo_audit.sources.ref import STDIN, resolved

DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in PAGE_SUFFIXES)
# Folders that hold no pages to audit, as ruff skips build and vendor folders: dependencies,
# build output of the common generators, and their layouts, includes and archetypes (Hugo's
# archetypes/default.md is a template, not a post). A pattern matches a folder of that name
# anywhere below the folder walked (`themes/*/layouts`: the last folders of its path).
# Hidden folders (.git, .next, .astro, .docusaurus) are skipped anyway.
DEFAULT_EXCLUDES = (
    "node_modules",
    "vendor",
    "public",
    "_site",
    "dist",
    "build",
    "out",
    "resources/_gen",
    "themes/*/layouts",
    "layouts",
    "_layouts",
    "_includes",
    "archetypes",
)


@dataclass(frozen=True)
class WalkError:
    path: str
    message: str


def matches(relative: str, patterns: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def skipped_folder(parts: Sequence[str], patterns: Sequence[str]) -> bool:
    """Whether a folder (its path below the walked folder, as parts) is one of `patterns`."""
    for pattern in patterns:
        width = pattern.count("/") + 1
        if len(parts) >= width and fnmatch.fnmatchcase("/".join(parts[-width:]), pattern):
            return True
    return False


def walk_folder(
    folder: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    skip_folders: Sequence[str] = DEFAULT_EXCLUDES,
) -> Iterator[str | WalkError]:
    """Files under `folder`, sorted, hidden folders and files skipped, and the folders of
    `skip_folders`, each real folder once."""
    errors: list[WalkError] = []

    def on_error(error: OSError) -> None:
        where = str(error.filename or folder)
        errors.append(WalkError(where, f"cannot be read ({error.strerror})"))

    seen: set[tuple[int, int]] = set()
    found: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=True):
        try:
            stat = os.stat(root)
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in seen:
            # A symlink loop (or a second link to the same folder): walk it once.
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        base = Path(root)
        below = base.relative_to(folder).parts
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not skipped_folder((*below, d), skip_folders)
        )
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = base / name
            relative = path.relative_to(folder).as_posix()
            if (
                matches(relative, include)
                and not matches(relative, exclude)
                and not _special_file(path)
            ):
                found.append(str(path))
    yield from sorted(found, key=_natural_order(folder))
    yield from errors


def _special_file(path: Path) -> bool:
    """A FIFO, socket or device: reading one would hang or never end, and it is no page. A
    path that cannot be stat'ed (a dangling link, a link loop) is kept, so that reading it
    reports why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def is_folder(path: str) -> bool:
    """Whether `path` is a folder; False for a name the system refuses (too long, a link
    loop), which reading it as a file then reports."""
    return os.path.isdir(path)  # unlike Path.is_dir, it answers False to every OSError


def _natural_order(folder: Path):  # type: ignore[no-untyped-def]
    def key(path: str) -> tuple[str, ...]:
        return Path(path).relative_to(folder).parts

    return key


def git_ignored(folder: Path, files: list[str]) -> set[str]:
    """The files git ignores, when `folder` is inside a git work tree."""
    git = shutil.which("git")
    if git is None or not files:
        return set()
    try:
        inside = subprocess.run(
            [git, "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return set()
        absolute = [str(resolved(f)) for f in files]
        result = subprocess.run(
            [git, "-C", str(folder), "check-ignore", "--stdin", "-z"],
            input="\0".join(absolute) + "\0",
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    ignored = {p for p in result.stdout.split("\0") if p}
    return {f for f, a in zip(files, absolute, strict=True) if a in ignored}


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    respect_gitignore: bool = True,
    skip_folders: Sequence[str] = DEFAULT_EXCLUDES,
) -> Iterator[str | WalkError]:
    """Expand folders into page files in a stable order; named files are kept as named (a
    folder named is walked, whatever its name)."""
    for raw in paths or ["."]:
        folder = Path(raw)
        if raw == STDIN or not is_folder(raw):
            # A named file is audited whatever its name; a missing one becomes an error entry.
            yield raw
            continue
        entries = list(walk_folder(folder, include, exclude, skip_folders))
        files = [e for e in entries if isinstance(e, str)]
        ignored = git_ignored(folder, files) if respect_gitignore else set()
        for entry in entries:
            if not (isinstance(entry, str) and entry in ignored):
                yield entry
