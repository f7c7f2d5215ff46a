"""Configuration: `[tool.seo-audit]` in pyproject.toml, or a seo-audit.toml, nearest file wins.

A Config is a typed, immutable object built once from defaults ← file ← command-line flags and
passed down. Every problem in a file is one line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import csv
import fnmatch
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from seo_audit.engine.rule import Rule, Severity
from seo_audit.errors import UsageError
from seo_audit.sources.files import relative_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("seo-audit.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
FailOn = Literal["error", "warning", "info", "never"]
_KNOWN_KEYS = frozenset(
    """select extend-select ignore rules exclude per-file-ignores fail-under fail-on rules-dir
    keyphrases lang word-forms""".split()
)


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
    fail_on: FailOn = "error"
    rules_dir: tuple[str, ...] = ()
    keyphrases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    lang: str | None = None
    word_forms: bool = True

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "defaults"

    def relative(self, path: str) -> str:
        return relative_path(path, self.root) or Path(path).as_posix()

    def is_excluded(self, path: str) -> bool:
        relative = self.relative(path)
        return any(_glob_match(relative, pattern) for pattern in self.exclude)

    def keyphrase_for(self, path: str, canonical: str | None) -> str | None:
        if not self.keyphrases:
            return None
        if canonical and canonical in self.keyphrases:
            return self.keyphrases[canonical]
        return self.keyphrases.get(self.relative(path))


def _glob_match(relative: str, pattern: str) -> bool:
    # "drafts/*" matches nested files too (fnmatch's * crosses "/"), as in ruff's per-file-ignores.
    pattern = pattern.removeprefix("./")
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(relative).name, pattern)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as error:
        raise ConfigError(path, "(file)", f"cannot be read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, "(file)", f"is not valid TOML ({error})") from None


def _section(path: Path) -> dict[str, Any] | None:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("seo-audit") if isinstance(tool, dict) else None
        return section if isinstance(section, dict) else None
    nested = data.get("tool", {}).get("seo-audit") if isinstance(data.get("tool"), dict) else None
    return nested if isinstance(nested, dict) else data


def load_config(path: Path) -> Config:
    section = _section(path)
    if section is None:
        raise ConfigError(path, "[tool.seo-audit]", "no such section in this file")
    return _build(path, section)


@lru_cache(maxsize=256)
def find_config(folder: Path) -> Config:
    """The nearest config file at or above `folder`; defaults rooted at the folder if none."""
    for directory in [folder, *folder.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                section = _section(candidate)
                if section is not None:
                    return _build(candidate, section)
    return Config(root=Path.cwd())


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "must be a list of strings")
    return tuple(value)


def _build(path: Path, section: Mapping[str, Any]) -> Config:
    unknown = sorted(set(section) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            path, unknown[0], f"unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})"
        )
    root = path.parent
    values: dict[str, Any] = {"root": root, "path": path}
    if "select" in section:
        values["select"] = _strings(path, "select", section["select"])
    for key in ("extend-select", "ignore", "exclude"):
        if key in section:
            values[key.replace("-", "_")] = _strings(path, key, section[key])
    if "rules-dir" in section:
        folders = _strings(path, "rules-dir", section["rules-dir"])
        values["rules_dir"] = tuple(str((root / f).resolve()) for f in folders)
    if "fail-on" in section:
        if section["fail-on"] not in FAIL_ON:
            raise ConfigError(path, "fail-on", f"must be one of {', '.join(FAIL_ON)}")
        values["fail_on"] = section["fail-on"]
    if "fail-under" in section:
        score = section["fail-under"]
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100:
            raise ConfigError(path, "fail-under", "must be a number from 0 to 100")
        values["fail_under"] = float(score)
    if "word-forms" in section:
        if not isinstance(section["word-forms"], bool):
            raise ConfigError(path, "word-forms", "must be true or false")
        values["word_forms"] = section["word-forms"]
    if "lang" in section:
        if not isinstance(section["lang"], str):
            raise ConfigError(path, "lang", 'must be a language code such as "en"')
        values["lang"] = section["lang"]
    if "per-file-ignores" in section:
        table = section["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(path, "per-file-ignores", "must be a table of glob = [rule ids]")
        values["per_file_ignores"] = MappingProxyType(
            {glob: _strings(path, f"per-file-ignores.{glob}", ids) for glob, ids in table.items()}
        )
    if "rules" in section:
        values["rules"] = _rule_settings(path, section["rules"])
    if "keyphrases" in section:
        if not isinstance(section["keyphrases"], str):
            raise ConfigError(path, "keyphrases", "must be the path of a CSV or TOML file")
        values["keyphrases"] = load_keyphrases(path, root / section["keyphrases"])
    return Config(**values)


def _rule_settings(path: Path, table: Any) -> Mapping[str, RuleSettings]:
    if not isinstance(table, dict):
        raise ConfigError(path, "rules", "must be a table of [tool.seo-audit.rules.<rule-id>]")
    settings = {}
    for rule_id, options in table.items():
        key = f"rules.{rule_id}"
        if not isinstance(options, dict):
            raise ConfigError(path, key, "must be a table of options")
        options = dict(options)
        severity = options.pop("severity", None)
        if severity is not None and severity not in {s.value for s in Severity}:
            raise ConfigError(path, f"{key}.severity", "must be error, warning or info")
        settings[rule_id] = RuleSettings(
            MappingProxyType(options), Severity(severity) if severity else None
        )
    return MappingProxyType(settings)


def load_keyphrases(config_path: Path, file: Path) -> Mapping[str, str]:
    """A keyword map: page path (relative to the config file) or URL → focus keyphrase.

    CSV: two columns, `path` (or `url`) and `keyphrase`, with a header row. TOML: `"path" = "…"`.
    """
    if not file.is_file():
        raise ConfigError(config_path, "keyphrases", f"{file} does not exist")
    mapping: dict[str, str] = {}
    if file.suffix.lower() == ".toml":
        for key, value in _read_toml(file).items():
            if not isinstance(value, str):
                raise ConfigError(file, key, "must map to a keyphrase string")
            mapping[_key(key)] = value
        return MappingProxyType(mapping)
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ConfigError(file, "(file)", f"cannot be read as CSV ({error})") from None
    for number, row in enumerate(rows, start=2):
        page = (row.get("path") or row.get("url") or row.get("page") or "").strip()
        keyphrase = (row.get("keyphrase") or row.get("keyword") or "").strip()
        if not page or not keyphrase:
            raise ConfigError(file, f"row {number}", "needs a path (or url) and a keyphrase")
        mapping[_key(page)] = keyphrase
    return MappingProxyType(mapping)


def _key(page: str) -> str:
    return page if "://" in page else page.removeprefix("./")


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
        changes["rules_dir"] = config.rules_dir + tuple(
            str(Path(d).resolve()) for d in flags.rules_dir
        )
    if flags.lang is not None:
        changes["lang"] = flags.lang
    if flags.word_forms is not None:
        changes["word_forms"] = flags.word_forms
    return replace(config, **changes)


@dataclass(frozen=True)
class RuleState:
    rule: Rule
    enabled: bool
    reason: str


def _matches(rule: Rule, names: Iterable[str]) -> str | None:
    for name in names:
        if name in (rule.id, rule.category, "all", "ALL"):
            return name
    return None


def rule_states(rules: Iterable[Rule], config: Config, path: str | None) -> list[RuleState]:
    """Which rules are on for a page, and why, with the config's options and severities."""
    states = []
    relative = config.relative(path) if path and config.per_file_ignores else None
    for rule in rules:
        settings = config.rules.get(rule.id)
        if settings is not None:
            rule = replace(
                rule,
                options=MappingProxyType({**rule.options, **settings.options}),
                severity=settings.severity or rule.severity,
            )
        where = config.label
        if config.select is not None:
            hit = _matches(rule, config.select)
            enabled, reason = (
                (hit is not None),
                (f"select {hit!r} ({where})" if hit else f"not in select ({where})"),
            )
        else:
            enabled, reason = True, "on by default"
        extra = _matches(rule, config.extend_select)
        if not enabled and extra:
            enabled, reason = True, f"extend-select {extra!r} ({where})"
        ignored = _matches(rule, config.ignore)
        if ignored:
            enabled, reason = False, f"ignore {ignored!r} ({where})"
        if relative is not None:
            for glob, names in config.per_file_ignores.items():
                hit = _matches(rule, names)
                if hit and _glob_match(relative, glob):
                    enabled, reason = False, f"per-file-ignores {glob!r} ({where})"
        states.append(RuleState(rule, enabled, reason))
    return states


def validate(config: Config, rules: Iterable[Rule]) -> None:
    """Unknown rule ids, categories or options in the config are errors, not silent no-ops."""
    by_id = {rule.id: rule for rule in rules}
    known = set(by_id) | {rule.category for rule in by_id.values()}
    for key, names in (
        ("select", config.select or ()),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
    ):
        for name in names:
            if name not in known and name not in {"all", "ALL"}:
                raise ConfigError(config.label, key, f"unknown rule or category {name!r}")
    for glob, names in config.per_file_ignores.items():
        for name in names:
            if name not in known:
                raise ConfigError(
                    config.label, f"per-file-ignores.{glob}", f"unknown rule {name!r}"
                )
    for rule_id, settings in config.rules.items():
        if rule_id not in by_id:
            raise ConfigError(config.label, f"rules.{rule_id}", "unknown rule id")
        defaults = by_id[rule_id].options
        for option, value in settings.options.items():
            key = f"rules.{rule_id}.{option}"
            if option not in defaults:
                allowed = ", ".join(sorted(defaults)) or "none"
                raise ConfigError(config.label, key, f"unknown option (options: {allowed})")
            if not _same_kind(defaults[option], value):
                kind = type(defaults[option]).__name__
                raise ConfigError(config.label, key, f"must be a {kind} like {defaults[option]!r}")
            choices = by_id[rule_id].choices.get(option)
            if choices is not None and value not in choices:
                listed = ", ".join(repr(choice) for choice in choices)
                raise ConfigError(config.label, key, f"must be one of {listed}")


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))
