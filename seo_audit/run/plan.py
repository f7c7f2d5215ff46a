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
from seo_audit.engine.registry import builtin_rules, local_rules, plugin_rules, unique
from seo_audit.engine.rule import Rule
from seo_audit.engine.runner import audit_page
from seo_audit.engine.site import SiteFacts, site_facts
from seo_audit.errors import InputError, UsageError
from seo_audit.page.build import build_page
from seo_audit.page.model import FocusKeyphrase, Page
from seo_audit.results.model import PageReport
from seo_audit.sources.discover import DEFAULT_INCLUDE, WalkError, discover
from seo_audit.sources.files import STDIN, read_source, relative_path


@dataclass(frozen=True)
class AuditSettings:
    """Everything a worker needs to audit a page the same way the parent would (picklable)."""

    keyphrase: str | None = None
    synonyms: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)
    config_file: str | None = None  # --config: one file for every page
    isolated: bool = False  # --isolated: no config files at all
    plugins: bool = True
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    base_url: str | None = None


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
            local = [r for folder in key for r in local_rules(folder)]
            self._rules_by_dirs[key] = unique([*self.base_rules, *local])
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
                word_forms=config.word_forms,
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

    def audit(
        self, path: str, root: Path | None = None
    ) -> tuple[PageReport, SiteFacts, tuple[str, ...]]:
        """One page: its report, its facts for the cross-page rules, and which of those are on."""
        page, config = self.load(path)
        rules = self.rules_for(config)
        states = rule_states(rules, config, path)
        known = {r.id for r in rules} | {r.category for r in rules}
        enabled = [s.rule for s in states if s.enabled]
        report = audit_page(page, enabled, known)
        facts = site_facts(page, root, self.settings.base_url)
        site_rules = tuple(r.id for r in enabled if r.scope == "site")
        return report, facts, site_rules

    def discover(self, paths: Iterable[str]) -> Iterator[tuple[str, Path | None] | WalkError]:
        """Pages to audit with the folder they were found in; config `exclude` applies to
        files found in folders, not to files named on the command line."""
        paths = list(paths) or ["."]
        folders = [Path(p) for p in paths if p != STDIN and Path(p).is_dir()]
        settings = self.settings
        for entry in discover(
            paths, settings.include, settings.exclude, settings.respect_gitignore
        ):
            if isinstance(entry, WalkError):
                yield entry
                continue
            root = next((f for f in folders if relative_path(entry, f) is not None), None)
            if root is None or not self.config_for(entry).is_excluded(entry):
                yield entry, root

    def all_rules(self) -> dict[str, Rule]:
        return {rule.id: rule for rules in self._rules_by_dirs.values() for rule in rules}

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
