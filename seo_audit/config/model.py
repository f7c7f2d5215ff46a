"""The typed configuration of a folder: defaults <- file <- command-line flags, immutable."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seo_audit.errors import UsageError
from seo_audit.results.gate import FailOn
from seo_audit.results.model import Severity
from seo_audit.sources.files import relative_path
from seo_audit.sources.ref import ReadOptions, resolved

CONFIG_FILES = ("seo-audit.toml", "pyproject.toml")


class ConfigError(UsageError):
    def __init__(self, file: Path | str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")


@dataclass(frozen=True)
class RuleSettings:
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    severity: Severity | None = None


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, RuleSettings] = field(default_factory=lambda: MappingProxyType({}))
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    fail_under: float | None = None
    fail_under_site: float | None = None  # the site score's gate (folder runs)
    fail_on: FailOn = "error"
    rules_dir: tuple[str, ...] = ()
    keyphrases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    lang: str | None = None
    word_forms: bool = True
    # Seconds one page may take (reading, rules, all); 0 for no limit.
    page_timeout: float = 30.0
    # The site's generator: `preset` in the file, else detected from the site's files
    # (`detected` then says so); None when neither.
    generator: str | None = None
    detected: bool = False
    # Folders (relative to root) that hold the pages; walks at or above the root audit only
    # these. () for everywhere.
    content: tuple[str, ...] = ()
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    layout_title: bool = True  # the layout prints a draft's front-matter title as the H1
    templates: tuple[str, ...] | None = None  # template dialects drafts hold; None: all
    # The preset's folders that are never pages (layouts, build output); left out with the
    # walk's default excludes by --no-default-excludes.
    default_exclude: tuple[str, ...] = ()
    detect: bool = True  # `preset = "none"` turns detection off
    extends: tuple[Path, ...] = ()  # the files `extend` read, nearest first

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "defaults"

    @property
    def reading(self) -> ReadOptions:
        """How the drafts this config governs are read."""
        return ReadOptions(tuple(self.fields.items()), self.layout_title, self.templates)

    def relative(self, path: str) -> str:
        return relative_path(path, self.root) or Path(path).as_posix()

    def is_excluded(self, path: str, defaults: bool = True) -> bool:
        """Whether a file found in a folder walk is excluded: a pattern matches its path
        (relative to the root), its name, or one of its folders ("layouts",
        "themes/*/layouts"). `defaults`: the preset's excludes count too."""
        relative = self.relative(path)
        patterns = self.exclude + (self.default_exclude if defaults else ())
        return any(
            glob_match(relative, pattern) or folder_match(relative, pattern) for pattern in patterns
        )

    def outside_content(self, path: str) -> bool:
        """Whether a file lies outside the site's content folders (those that exist)."""
        folders = [f for f in self.content if os.path.isdir(self.root / f)]
        if not folders:
            return False
        relative = relative_path(path, self.root)
        if relative is None:
            return False
        return not any(relative == f or relative.startswith(f.rstrip("/") + "/") for f in folders)

    def keyphrase_for(self, path: str, canonical: str | None) -> str | None:
        if not self.keyphrases:
            return None
        if canonical and canonical in self.keyphrases:
            return self.keyphrases[canonical]
        return self.keyphrases.get(self.relative(path))


def folder_match(relative: str, pattern: str) -> bool:
    """Whether one of the folders of `relative` ends in `pattern` ("layouts" matches
    site/layouts/_default/single.html, "themes/*/layouts" any theme's layouts)."""
    parts = relative.split("/")[:-1]
    width = pattern.strip("/").count("/") + 1
    pattern = pattern.strip("/")
    return any(
        fnmatch.fnmatchcase("/".join(parts[max(0, end - width) : end]), pattern)
        for end in range(width, len(parts) + 1)
    )


def glob_match(relative: str, pattern: str) -> bool:
    # "drafts/*" matches nested files too (fnmatch's * crosses "/"), as in ruff's per-file-ignores.
    pattern = pattern.removeprefix("./")
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(relative).name, pattern)


@dataclass(frozen=True)
class Overrides:
    """Command-line flags; each one that is set wins over the file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: FailOn | None = None
    fail_under: float | None = None
    rules_dir: tuple[str, ...] = ()
    lang: str | None = None
    word_forms: bool | None = None
    page_timeout: float | None = None


def with_overrides(config: Config, flags: Overrides) -> Config:
    changes: dict[str, Any] = {}
    if flags.select is not None:
        changes["select"] = flags.select
    if flags.extend_select:
        changes["extend_select"] = config.extend_select + flags.extend_select
    if flags.ignore:
        changes["ignore"] = config.ignore + flags.ignore
    if flags.fail_on is not None:
        changes["fail_on"] = flags.fail_on
    if flags.fail_under is not None:
        changes["fail_under"] = flags.fail_under
    if flags.rules_dir:
        changes["rules_dir"] = config.rules_dir + tuple(str(resolved(d)) for d in flags.rules_dir)
    if flags.lang is not None:
        changes["lang"] = flags.lang
    if flags.word_forms is not None:
        changes["word_forms"] = flags.word_forms
    if flags.page_timeout is not None:
        changes["page_timeout"] = flags.page_timeout
    return replace(config, **changes)
