"""Reading config files: `[tool.seo-audit]` in pyproject.toml, or a seo-audit.toml, the nearest
file above a page winning. Every problem is one line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seo_audit.config.keyphrases import load_keyphrases, read_toml
from seo_audit.config.model import CONFIG_FILES, Config, ConfigError, RuleSettings
from seo_audit.results.gate import fail_on_problem, fail_under_problem
from seo_audit.results.model import Severity
from seo_audit.sources.ref import resolved

_KNOWN_KEYS = frozenset(
    """select extend-select ignore rules exclude per-file-ignores fail-under fail-on rules-dir
    keyphrases lang word-forms page-timeout""".split()
)


def _section(path: Path) -> dict[str, Any] | None:
    data = read_toml(path)
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
    return build_config(path, section)


@lru_cache(maxsize=256)
def find_config(folder: Path) -> Config:
    """The nearest config file at or above `folder`; defaults rooted at the folder if none."""
    for directory in [folder, *folder.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            if os.path.isfile(candidate):  # Path.is_file raises on a name too long
                section = _section(candidate)
                if section is not None:
                    return build_config(candidate, section)
    return Config(root=Path.cwd())


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "must be a list of strings")
    return tuple(value)


def build_config(path: Path, section: Mapping[str, Any]) -> Config:
    """A Config from a `[tool.seo-audit]` table (`path` names it in errors and is its root)."""
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
        values["rules_dir"] = tuple(str(resolved(root / f)) for f in folders)
    for key, problem_of in (("fail-on", fail_on_problem), ("fail-under", fail_under_problem)):
        if key in section and (problem := problem_of(section[key])):
            raise ConfigError(path, key, problem)
    if "fail-on" in section:
        values["fail_on"] = section["fail-on"]
    if "fail-under" in section:
        values["fail_under"] = float(section["fail-under"])
    if "page-timeout" in section:
        seconds = section["page-timeout"]
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ConfigError(path, "page-timeout", "must be a number of seconds (0: no limit)")
        values["page_timeout"] = float(seconds)
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
