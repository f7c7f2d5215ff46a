"""Which rules are on for a page, and why: selectors (ids, former ids, categories) from config
and flags, resolved and validated in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from seo_audit.config.model import Config, ConfigError, glob_match
from seo_audit.engine.registry import RuleSet
from seo_audit.engine.rule import Rule
from seo_audit.errors import UsageError

_EVERYTHING = frozenset({"all", "ALL"})


@dataclass(frozen=True)
class RuleState:
    rule: Rule  # with the config's options and severity applied
    enabled: bool
    reason: str


def unknown_names(names: Iterable[str], rules: RuleSet) -> list[str]:
    return [n for n in names if n not in rules.names and n not in _EVERYTHING]


def check_flags(
    select: Iterable[str], extend: Iterable[str], ignore: Iterable[str], rules: RuleSet
) -> None:
    """--select, --extend-select and --ignore name known rules or categories."""
    for label, names in (("--select", select), ("--extend-select", extend), ("--ignore", ignore)):
        unknown = unknown_names(names, rules)
        if unknown:
            import difflib

            close = [
                match
                for name in unknown
                for match in difflib.get_close_matches(name, sorted(rules.names), n=3, cutoff=0.8)
            ]
            hint = (
                f"; did you mean {', '.join(dict.fromkeys(close))}?"
                if close
                else " (`seo-audit rules` lists them)"
            )
            raise UsageError(f"{label}: unknown rule or category {', '.join(unknown)}{hint}")


def _matches(rule: Rule, names: Iterable[str], rules: RuleSet) -> str | None:
    for name in names:
        if rules.canonical(name) == rule.id or name in (rule.category, *_EVERYTHING):
            return name
    return None


def rule_states(rules: RuleSet, config: Config, path: str | None) -> list[RuleState]:
    """Which rules are on for a page (`path` relative to the config's folder matters for
    per-file-ignores), and why, with the config's options and severities."""
    states = []
    relative = config.relative(path) if path and config.per_file_ignores else None
    settings_by_id = {rules.canonical(k): v for k, v in config.rules.items()}
    where = config.label
    for rule in rules.rules:
        settings = settings_by_id.get(rule.id)
        if settings is not None:
            rule = replace(
                rule,
                options=MappingProxyType({**rule.options, **settings.options}),
                severity=settings.severity or rule.severity,
            )
        if config.select is not None:
            hit = _matches(rule, config.select, rules)
            enabled = hit is not None
            reason = f"select {hit!r} ({where})" if hit else f"not in select ({where})"
        else:
            enabled, reason = True, "on by default"
        extra = _matches(rule, config.extend_select, rules)
        if not enabled and extra:
            enabled, reason = True, f"extend-select {extra!r} ({where})"
        ignored = _matches(rule, config.ignore, rules)
        if ignored:
            enabled, reason = False, f"ignore {ignored!r} ({where})"
        if relative is not None:
            for glob, names in config.per_file_ignores.items():
                hit = _matches(rule, names, rules)
                if hit and glob_match(relative, glob):
                    enabled, reason = False, f"per-file-ignores {glob!r} ({where})"
        states.append(RuleState(rule, enabled, reason))
    return states


def validate(config: Config, rules: RuleSet) -> None:
    """Unknown rule ids, categories or options in the config are errors, not silent no-ops."""
    for key, names in (
        ("select", config.select or ()),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
    ):
        for name in unknown_names(names, rules):
            raise ConfigError(config.label, key, f"unknown rule or category {name!r}")
    for glob, names in config.per_file_ignores.items():
        for name in names:
            if name not in rules.names:
                raise ConfigError(
                    config.label, f"per-file-ignores.{glob}", f"unknown rule {name!r}"
                )
    for rule_id, settings in config.rules.items():
        found = rules.by_id.get(rules.canonical(rule_id))
        if found is None:
            raise ConfigError(config.label, f"rules.{rule_id}", "unknown rule id")
        _check_options(config, f"rules.{rule_id}", found, settings.options)


def _check_options(config: Config, key: str, rule: Rule, options: Mapping[str, Any]) -> None:
    defaults = rule.options
    for option, value in options.items():
        where = f"{key}.{option}"
        if option not in defaults:
            allowed = ", ".join(sorted(defaults)) or "none"
            raise ConfigError(config.label, where, f"unknown option (options: {allowed})")
        if not _same_kind(defaults[option], value):
            kind = type(defaults[option]).__name__
            raise ConfigError(config.label, where, f"must be a {kind} like {defaults[option]!r}")
        choices = rule.choices.get(option)
        if choices is not None and value not in choices:
            listed = ", ".join(repr(choice) for choice in choices)
            raise ConfigError(config.label, where, f"must be one of {listed}")


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))
