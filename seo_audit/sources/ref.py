"""SourceRef: where a page comes from, as every later stage knows it (not a path string with
sentinels)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STDIN = "-"  # what the command line says for "read one page from standard input"
# Kinds of ref whose pages come over HTTP (sources.http, sources.crawl).
WEB_KINDS = frozenset({"url", "sitemap", "crawl"})


def is_url(argument: str) -> bool:
    """Whether a command-line argument is an http(s) address rather than a path."""
    return argument[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class ReadOptions:
    """How the page's site wants its drafts read, from its config: house front-matter keys
    for the declared fields (`fields`: field -> key, dotted for nested keys), whether the
    layout prints the front-matter title as the H1, and the template dialects the site
    processes (None: every static-site dialect; see text/templates.py)."""

    fields: tuple[tuple[str, str], ...] = ()
    layout_title: bool = True
    dialects: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SourceRef:
    """One page to audit.

    `kind` picks the Reader ("file", "stdin"; later "url", "sitemap", "wxr"). `name` is what
    reports show: the path as given, "<stdin>", a URL. `location` is what the reader opens.
    `config_folder` is where the config search starts. `site_root` is the folder (or site) the
    page was found in, and `site_path` its path there: the cross-page rules need both.
    `reading` is how its site's drafts are read (the planner sets it from the page's config).
    `payload` is what a reader in the parent already got for the page (a fetched URL's body
    and HTTP facts, sources.fetched.Fetched), so the worker that audits it does not fetch again.
    """

    kind: str
    name: str
    location: str
    config_folder: Path
    site_root: Path | None = None
    site_path: str | None = None
    reading: ReadOptions = ReadOptions()
    payload: Any = field(default=None, compare=False, repr=False)

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


def resolved(path: str | Path) -> Path:
    """The absolute path with symlinks resolved where they can be. Path.resolve raises on a
    symlink loop (RuntimeError before Python 3.13, OSError after) and on some names the system
    refuses; such a path is made absolute without resolving, and reading it later gives that
    page's own error."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def file_ref(path: str, site_root: Path | None = None, site_path: str | None = None) -> SourceRef:
    return SourceRef("file", path, path, resolved(path).parent, site_root, site_path)


def stdin_ref() -> SourceRef:
    return SourceRef("stdin", "<stdin>", STDIN, Path.cwd())


def ref_for(argument: str) -> SourceRef:
    """The SourceRef a command-line argument names (a file, or - for stdin)."""
    return stdin_ref() if argument == STDIN else file_ref(argument)


def relative_path(path: str, folder: Path) -> str | None:
    """`path` relative to `folder` with forward slashes, or None when it lies outside it (or is
    not a file path, like "<stdin>")."""
    if path.startswith("<"):
        return None
    try:
        return resolved(path).relative_to(resolved(folder)).as_posix()
    except ValueError:
        return None
