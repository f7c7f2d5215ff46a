"""Wire the stages for a list of paths: config → load → parse → engine → report. No printing.

`Auditor.audit(path)` is the per-page function: a path and the settings in, a PageReport out.
Configs and rule sets are cached per folder, so a batch reads each config file once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from seo_audit.config import (
    Config,
    Overrides,
    RuleState,
    find_config,
    load_config,
    rule_states,
    validate,
    with_overrides,
)
from seo_audit.engine import audit_page
from seo_audit.errors import InputError, UsageError
from seo_audit.load import STDIN, discover, read_source
from seo_audit.page import FocusKeyphrase, Page
from seo_audit.parse import build_page
from seo_audit.registry import builtin_rules, local_rules, plugin_rules
from seo_audit.report import AuditReport, InputFailure, PageReport
from seo_audit.rule import Rule


@dataclass(frozen=True)
class AuditSettings:
    keyphrase: str | None = None
    synonyms: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)
    config_file: str | None = None  # --config: one file for every page
    isolated: bool = False  # --isolated: no config files at all
    plugins: bool = True


class Auditor:
    def __init__(self, settings: AuditSettings) -> None:
        self.settings = settings
        self._rules_by_dirs: dict[tuple[str, ...], list[Rule]] = {}
        self._configs: dict[Path, Config] = {}
        self._check_flags()

    @cached_property
    def base_rules(self) -> list[Rule]:
        found = list(builtin_rules())
        if self.settings.plugins:
            found += plugin_rules()
        return found

    @cached_property
    def _fixed_config(self) -> Config | None:
        if self.settings.config_file:
            return load_config(Path(self.settings.config_file))
        if self.settings.isolated:
            return Config(root=Path.cwd())
        return None

    def config_for(self, path: str) -> Config:
        folder = Path.cwd() if path == STDIN else Path(path).resolve().parent
        if folder not in self._configs:
            base = self._fixed_config or find_config(folder)
            config = with_overrides(base, self.settings.overrides)
            validate(config, self.rules_for(config))
            self._configs[folder] = config
        return self._configs[folder]

    def rules_for(self, config: Config) -> list[Rule]:
        key = config.rules_dir
        if key not in self._rules_by_dirs:
            rules = self.base_rules + [r for d in key for r in local_rules(d)]
            seen: dict[str, Rule] = {}
            for rule in rules:
                if rule.id in seen:
                    raise UsageError(
                        f"rule id {rule.id!r} is declared twice ({seen[rule.id].origin}, "
                        f"{rule.origin})"
                    )
                seen[rule.id] = rule
            self._rules_by_dirs[key] = rules
        return self._rules_by_dirs[key]

    def states(self, path: str | None) -> list[RuleState]:
        config = self.config_for(path or ".") if path else self._default_config()
        return rule_states(self.rules_for(config), config, path)

    def _default_config(self) -> Config:
        return self.config_for(str(Path.cwd() / "page.html"))

    def load(self, path: str) -> tuple[Page, Config]:
        config = self.config_for(path)
        source = read_source(path)
        try:
            page = build_page(
                source,
                self.settings.keyphrase,
                self.settings.synonyms,
                mapped_keyphrase=None if path == STDIN else config.keyphrase_for(path, None),
                lang=config.lang,
            )
            by_url = config.keyphrase_for("", page.canonical) if page.canonical else None
            weaker = page.keyphrase is None or page.keyphrase.source == "editor's note"
            if by_url and weaker and path != STDIN:
                # The keyword map may name the page by its canonical URL, known only now.
                page = replace(page, keyphrase=FocusKeyphrase(by_url, "config"))
        except InputError:
            raise
        except Exception as error:  # a page that breaks our parser is one error entry, not a crash
            raise InputError(
                source.path,
                f"could not be analysed ({type(error).__name__}: {error}); please report",
            ) from None
        return page, config

    def audit(self, path: str) -> PageReport:
        page, config = self.load(path)
        rules = self.rules_for(config)
        states = rule_states(rules, config, path)
        known = {r.id for r in rules} | {r.category for r in rules}
        return audit_page(page, [s.rule for s in states if s.enabled], known)

    def discover(self, paths: Iterable[str]) -> Iterator[str]:
        """Files to audit; files found in folders are skipped when their config excludes them."""
        named = set(paths)
        for path in discover(list(paths)):
            if path in named or path == STDIN or not self.config_for(path).is_excluded(path):
                yield path

    def _check_flags(self) -> None:
        flags = self.settings.overrides
        known = {r.id for r in self.base_rules} | {r.category for r in self.base_rules}
        for folder in flags.rules_dir:
            for rule in local_rules(folder):
                known |= {rule.id, rule.category}
        for label, names in (
            ("--select", flags.select or ()),
            ("--extend-select", flags.extend_select),
            ("--ignore", flags.ignore),
        ):
            unknown = [n for n in names if n not in known and n not in {"all", "ALL"}]
            if unknown:
                raise UsageError(f"{label}: unknown rule or category {', '.join(unknown)}")


def load_page(path: str, settings: AuditSettings) -> Page:
    return Auditor(settings).load(path)[0]


def audit_paths(paths: Iterable[str], settings: AuditSettings) -> AuditReport:
    auditor = Auditor(settings)
    report = AuditReport()
    for path in auditor.discover(paths):
        try:
            report.pages.append(auditor.audit(path))
        except InputError as error:
            report.errors.append(InputFailure(error.path, error.problem))
    return report
