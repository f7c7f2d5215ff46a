"""Reading config files: `[tool.seo-audit]` in pyproject.toml, or a seo-audit.toml, the nearest
file above a page winning; a file may `extend` another (as ruff's `extend`), whose settings it
inherits and overrides. Every problem is one line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seo_audit.config.keyphrases import load_keyphrases, read_toml
from seo_audit.config.model import CONFIG_FILES, Config, ConfigError, RuleSettings
from seo_audit.config.presets import PRESETS, detect
from seo_audit.results.gate import fail_on_problem, fail_under_problem
from seo_audit.results.model import Severity
from seo_audit.sources.fields import FIELDS
from seo_audit.sources.ref import relative_path, resolved

_KNOWN_KEYS = frozenset(
    """select extend-select ignore rules exclude extend-exclude per-file-ignores fail-under
    fail-under-site fail-on rules-dir keyphrases lang word-forms page-timeout extend preset
    content fields layout-title templates""".split()
)
# Template dialects a config may name (text/templates.py); WordPress shortcodes are never
# processed by a static site, so they are no choice.
_TEMPLATE_DIALECTS = ("hugo", "liquid", "nunjucks", "mdx", "container", "attributes", "math")


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
    """The nearest config file at or above `folder`; defaults rooted at the folder if none.
    A config that names no preset gets the generator detected from the site's files."""
    for directory in [folder, *folder.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            if os.path.isfile(candidate):  # Path.is_file raises on a name too long
                section = _section(candidate)
                if section is not None:
                    found = detect(folder, candidate.parent)
                    return build_config(candidate, section, found[0] if found else None)
    return site_defaults(folder)


@lru_cache(maxsize=256)
def site_defaults(folder: Path) -> Config:
    """The defaults for a page in `folder` with no config file (or --isolated): rooted at the
    site whose generator is detected, else at the current folder."""
    found = detect(folder)
    if found is None:
        return Config(root=Path.cwd())
    name, site = found
    return with_preset(Config(root=site), name, detected=True)


def with_preset(config: Config, name: str, detected: bool = False) -> Config:
    """The config with a preset's defaults (its own keys are applied after)."""
    preset = PRESETS[name]
    fields = {**dict(preset.fields), **config.fields}
    return replace(
        config,
        generator=name,
        detected=detected,
        content=preset.content,
        default_exclude=tuple(f"{folder}/*" for folder in preset.exclude),
        templates=preset.dialects,
        layout_title=preset.layout_title,
        fields=MappingProxyType(fields),
    )


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "must be a list of strings")
    return tuple(value)


def build_config(
    path: Path,
    section: Mapping[str, Any],
    detected: str | None = None,
    _seen: tuple[Path, ...] = (),
) -> Config:
    """A Config from a `[tool.seo-audit]` table (`path` names it in errors and is its root).
    `detected`: the generator found at the site, for a config that names no preset (nor
    extends one that does)."""
    unknown = sorted(set(section) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            path, unknown[0], f"unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})"
        )
    root = path.parent
    base = Config(root=root, path=path)
    if "extend" in section:
        base = _extended(path, section["extend"], _seen)
    values: dict[str, Any] = {"root": root, "path": path}
    if "preset" in section:
        name = section["preset"]
        if name != "none" and name not in PRESETS:
            known = ", ".join(sorted(PRESETS))
            raise ConfigError(path, "preset", f"must be one of {known}, or none")
        base = replace(base, generator=None, detect=False) if name == "none" else base
        if name != "none":
            base = with_preset(base, name)
    elif base.generator is None and base.detect and detected is not None:
        base = with_preset(base, detected, detected=True)
    if "select" in section:
        values["select"] = _strings(path, "select", section["select"])
    # Lists that add to what an extended config gave; the others replace it.
    for key in ("extend-select", "ignore"):
        if key in section:
            added = _strings(path, key, section[key])
            values[key.replace("-", "_")] = getattr(base, key.replace("-", "_")) + added
    if "exclude" in section:
        values["exclude"] = _strings(path, "exclude", section["exclude"])
    if "extend-exclude" in section:
        exclude = values.get("exclude", base.exclude)
        values["exclude"] = exclude + _strings(path, "extend-exclude", section["extend-exclude"])
    if "rules-dir" in section:
        folders = _strings(path, "rules-dir", section["rules-dir"])
        values["rules_dir"] = base.rules_dir + tuple(str(resolved(root / f)) for f in folders)
    for key, problem_of in (
        ("fail-on", fail_on_problem),
        ("fail-under", fail_under_problem),
        ("fail-under-site", fail_under_problem),
    ):
        if key in section and (problem := problem_of(section[key])):
            raise ConfigError(path, key, problem)
    if "fail-on" in section:
        values["fail_on"] = section["fail-on"]
    if "fail-under" in section:
        values["fail_under"] = float(section["fail-under"])
    if "fail-under-site" in section:
        values["fail_under_site"] = float(section["fail-under-site"])
    if "page-timeout" in section:
        seconds = section["page-timeout"]
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ConfigError(path, "page-timeout", "must be a number of seconds (0: no limit)")
        values["page_timeout"] = float(seconds)
    for key in ("word-forms", "layout-title"):
        if key in section:
            if not isinstance(section[key], bool):
                raise ConfigError(path, key, "must be true or false")
            values[key.replace("-", "_")] = section[key]
    if "lang" in section:
        if not isinstance(section["lang"], str):
            raise ConfigError(path, "lang", 'must be a language code such as "en"')
        values["lang"] = section["lang"]
    if "content" in section:
        values["content"] = tuple(
            c.strip("/") for c in _strings(path, "content", section["content"])
        )
    if "templates" in section:
        values["templates"] = _templates(path, section["templates"])
    if "fields" in section:
        values["fields"] = MappingProxyType({**base.fields, **_fields(path, section["fields"])})
    if "per-file-ignores" in section:
        table = section["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(path, "per-file-ignores", "must be a table of glob = [rule ids]")
        own = {glob: _strings(path, f"per-file-ignores.{glob}", ids) for glob, ids in table.items()}
        values["per_file_ignores"] = MappingProxyType({**base.per_file_ignores, **own})
    if "rules" in section:
        values["rules"] = _merged_rules(base.rules, _rule_settings(path, section["rules"]))
    if "keyphrases" in section:
        if not isinstance(section["keyphrases"], str):
            raise ConfigError(path, "keyphrases", "must be the path of a CSV or TOML file")
        values["keyphrases"] = load_keyphrases(path, root / section["keyphrases"])
    return replace(base, **values)


def _extended(path: Path, target: Any, seen: tuple[Path, ...]) -> Config:
    """The config `extend` names (relative to this file), re-rooted here: its keyword map
    and path globs are relative to its own folder, and are made relative to this one."""
    if not isinstance(target, str):
        raise ConfigError(path, "extend", "must be the path of another config file")
    other = resolved(path.parent / target)
    if other in seen or other == resolved(path):
        raise ConfigError(path, "extend", f"{target} extends this file again (a loop)")
    if not os.path.isfile(other):
        raise ConfigError(path, "extend", f"{other} does not exist")
    section = _section(other)
    if section is None:
        raise ConfigError(path, "extend", f"{other} has no [tool.seo-audit] section")
    base = build_config(other, section, None, (*seen, resolved(path)))
    prefix = relative_path(str(path.parent), base.root) or ""
    prefix = "" if prefix == "." else prefix
    return replace(
        base,
        exclude=tuple(_rerooted(p, prefix) for p in base.exclude),
        per_file_ignores=MappingProxyType(
            {_rerooted(glob, prefix): ids for glob, ids in base.per_file_ignores.items()}
        ),
        keyphrases=MappingProxyType(
            {_rerooted(key, prefix): value for key, value in base.keyphrases.items()}
        ),
        content=tuple(_rerooted(c, prefix) for c in base.content),
        extends=(other, *base.extends),
    )


def _rerooted(pattern: str, prefix: str) -> str:
    """A path or glob relative to an extended config's folder, relative to a folder `prefix`
    below it. Names, URLs and patterns that start with a wildcard are the same from both."""
    if prefix and pattern.removeprefix("./").startswith(prefix + "/"):
        return pattern.removeprefix("./")[len(prefix) + 1 :]
    return pattern


def _merged_rules(
    base: Mapping[str, RuleSettings], own: Mapping[str, RuleSettings]
) -> Mapping[str, RuleSettings]:
    merged = dict(base)
    for rule_id, settings in own.items():
        before = merged.get(rule_id)
        if before is None:
            merged[rule_id] = settings
        else:
            options = MappingProxyType({**before.options, **settings.options})
            merged[rule_id] = RuleSettings(options, settings.severity or before.severity)
    return MappingProxyType(merged)


def _templates(path: Path, value: Any) -> tuple[str, ...]:
    names = _strings(path, "templates", value)
    for name in names:
        if name not in _TEMPLATE_DIALECTS:
            raise ConfigError(
                path,
                "templates",
                f"{name!r} is no dialect (known: {', '.join(_TEMPLATE_DIALECTS)})",
            )
    return names


def _fields(path: Path, table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(path, "fields", 'must be a table such as { description = "summary" }')
    for name, key in table.items():
        if name not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            raise ConfigError(path, f"fields.{name}", f"no such field (known: {known})")
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(path, f"fields.{name}", "must be a front-matter key")
    return {name: key.strip() for name, key in table.items()}


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
