"""The run plan: built and validated once, in the parent, before any page is read.

A Plan holds the settings from the command line, the config of every folder a page comes from
(found, overridden by flags and validated against the rules it loads), and the pages to audit
as SourceRefs. Workers receive it once (the process pool's initializer; Dask with each chunk)
and never search for or validate configs themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from seo_audit.config import (
    Config,
    Overrides,
    find_config,
    load_config,
    site_defaults,
    with_overrides,
)
from seo_audit.engine.registry import RuleSet, load_rules
from seo_audit.engine.selection import RuleState, check_flags, rule_states, validate
from seo_audit.errors import InputError
from seo_audit.results.model import InputFailure
from seo_audit.sources import (
    STDIN,
    SourceRef,
    expand,
    file_ref,
    ref_for,
    relative_path,
    stdin_ref,
)
from seo_audit.sources.discover import (
    DEFAULT_EXCLUDES,
    DEFAULT_INCLUDE,
    WalkError,
    discover,
    is_folder,
)
from seo_audit.sources.ref import WEB_KINDS, is_url

if TYPE_CHECKING:
    from seo_audit.sources.crawl import CrawlLimits
    from seo_audit.sources.http import WebOptions


@dataclass(frozen=True)
class AuditSettings:
    """What the command line says, for every page of the run (picklable)."""

    keyphrase: str | None = None
    synonyms: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)
    config_file: str | None = None  # --config: one file for every page
    isolated: bool = False  # --isolated: no config files at all
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    base_url: str | None = None
    plugins: bool = True  # --no-plugins: leave installed rule plugins out
    # --no-default-excludes: walk node_modules, build output, layouts… too (sources.discover
    # DEFAULT_EXCLUDES), and the preset's excluded and non-content folders.
    default_excludes: bool = True
    whole_site: bool = False  # --whole-site: the audit covers every page of the site
    # URLs, sitemaps and crawls (sources.http, sources.crawl): how politely to fetch, the
    # sitemaps (URLs or files) and crawl start pages to audit, and the crawl's limits.
    # None: the defaults (imported only when a page is fetched).
    web: WebOptions | None = None
    sitemaps: tuple[str, ...] = ()
    crawls: tuple[str, ...] = ()
    crawl_limits: CrawlLimits | None = None
    # --status: which WordPress export items are audited, by their status.
    statuses: tuple[str, ...] = ("publish",)
    inventory: str | None = None  # --inventory: a list of the pages to audit (sources.inventory)

    @cached_property
    def flag_rules_dirs(self) -> tuple[str, ...]:
        return tuple(str(Path(d).resolve()) for d in self.overrides.rules_dir)


@dataclass(frozen=True)
class Plan:
    settings: AuditSettings
    configs: Mapping[Path, Config]  # by config folder (SourceRef.config_folder)
    sources: tuple[SourceRef, ...] = ()
    errors: tuple[InputFailure, ...] = ()  # inputs that discovery could not read
    site: bool = False  # a folder was audited: the cross-page rules run
    whole_site: bool = False  # every page of the site is audited (orphans can be judged)

    def config_for(self, ref: SourceRef) -> Config:
        return self.configs[ref.config_folder]

    def rules_for(self, config: Config) -> RuleSet:
        return load_rules(config.rules_dir, self.settings.plugins)

    @property
    def runs_foreign_code(self) -> bool:
        """Whether rules other than the builtin ones run (plugins, house rules): code that may
        kill the process it runs in."""
        return any(
            rule.origin != "builtin"
            for config in self.configs.values()
            for rule in self.rules_for(config).rules
        )

    @property
    def fail_under_site(self) -> float | None:
        """The site score's gate from the configs of the audited pages: the strictest
        `fail-under-site` among them (one run is one site verdict; --fail-under-site wins)."""
        used = {ref.config_folder for ref in self.sources}
        values = [
            config.fail_under_site
            for folder, config in self.configs.items()
            if folder in used and config.fail_under_site is not None
        ]
        return max(values) if values else None

    @property
    def fetches(self) -> bool:
        """Whether pages come over HTTP (URLs, sitemaps, crawls)."""
        return any(ref.kind in WEB_KINDS for ref in self.sources)

    @property
    def expands(self) -> bool:
        """Whether a ref stands for pages found as the run goes (a sitemap, a crawl)."""
        return any(ref.kind in ("sitemap", "crawl") for ref in self.sources)

    def without_sources(self) -> Plan:
        """What a worker needs: everything but the page list (sent in chunks)."""
        return Plan(self.settings, self.configs, (), (), self.site, self.whole_site)


class Planner:
    """Resolves configs per folder (each found, overridden and validated once) and the pages."""

    def __init__(self, settings: AuditSettings) -> None:
        self.settings = settings
        self._configs: dict[Path, Config] = {}
        flags = settings.overrides
        check_flags(
            flags.select or (),
            flags.extend_select,
            flags.ignore,
            load_rules(settings.flag_rules_dirs, settings.plugins),
        )
        self._fixed = load_config(Path(settings.config_file)) if settings.config_file else None

    def config(self, folder: Path) -> Config:
        if folder not in self._configs:
            # --isolated reads no config file, but the site's generator is still detected.
            if self._fixed is not None:
                base = self._fixed
            elif self.settings.isolated:
                base = site_defaults(folder)
            else:
                base = find_config(folder)
            config = with_overrides(base, self.settings.overrides)
            validate(config, load_rules(config.rules_dir, self.settings.plugins))
            self._configs[folder] = config
        return self._configs[folder]

    def states(self, path: str | None) -> list[RuleState]:
        """Which rules are on for a page (or, without one, for a page in this folder)."""
        ref = file_ref(path) if path else file_ref(str(Path.cwd() / "page.html"))
        config = self.config(ref.config_folder)
        return rule_states(load_rules(config.rules_dir, self.settings.plugins), config, path)

    def plan(self, arguments: Iterable[str]) -> Plan:
        sources: list[SourceRef] = []
        errors: list[InputFailure] = []
        arguments = list(arguments)
        found: Iterable[SourceRef | WalkError] = ()
        if self.settings.inventory is not None:
            from seo_audit.sources.inventory import inventory_refs

            found = self._listed(inventory_refs(self.settings.inventory))
        # --inventory, --sitemap and --crawl name the pages: no folder walk unless asked.
        settings = self.settings
        named = settings.inventory is not None or settings.sitemaps or settings.crawls
        if arguments or not named:
            found = chain(found, self._discover(arguments or ["."]))
        for entry in found:
            if isinstance(entry, WalkError):
                errors.append(InputFailure(entry.path, entry.message))
            else:
                self.config(entry.config_folder)  # a broken config fails the run now, in one line
                sources.append(entry)
        sources.extend(self._web_inputs())
        configs = MappingProxyType(dict(self._configs))
        site = any(ref.site_root is not None for ref in sources)
        roots = {ref.site_root for ref in sources if ref.site_root is not None}
        whole = self.settings.whole_site or any(is_build_output(root) for root in roots)
        return Plan(self.settings, configs, tuple(sources), tuple(errors), site, whole)

    def source(self, argument: str) -> SourceRef:
        """The SourceRef a command-line argument names, read as its config says (a site's
        house front-matter keys, its template syntax): what `text` and single-page audits
        should read."""
        if is_url(argument):
            from seo_audit.sources.fetched import url_ref

            ref = url_ref(argument)  # fetched when read (sources.fetched.read_url)
        else:
            ref = ref_for(argument)
        return replace(ref, reading=self.config(ref.config_folder).reading)

    def _discover(self, arguments: list[str]) -> Iterator[SourceRef | WalkError]:
        """Pages to audit; config `exclude`, the preset's excludes and its content folders
        apply to files found in folders, not to files named on the command line."""
        folders = [Path(a) for a in arguments if a != STDIN and is_folder(a)]
        settings = self.settings
        skip = DEFAULT_EXCLUDES if settings.default_excludes else ()
        for entry in discover(
            arguments, settings.include, settings.exclude, settings.respect_gitignore, skip
        ):
            if isinstance(entry, WalkError):
                yield entry
            elif entry == STDIN:
                yield stdin_ref()
            elif is_url(entry):
                from seo_audit.sources.fetched import url_ref

                ref = url_ref(entry)
                yield replace(ref, reading=self.config(ref.config_folder).reading)
            elif (pages := expand(entry, settings.statuses)) is not None:
                # A file of many pages (a WordPress export, a WARC archive).
                yield from self._listed(pages)
            else:
                root = next((f for f in folders if relative_path(entry, f) is not None), None)
                ref = file_ref(entry, root, relative_path(entry, root) if root else None)
                config = self.config(ref.config_folder)
                if root is None or not self._skipped(entry, root, config):
                    yield replace(ref, reading=config.reading)

    def _listed(
        self, refs: Iterable[SourceRef | InputError | WalkError]
    ) -> Iterator[SourceRef | WalkError]:
        """Pages a container or an inventory lists, read as their folder's config says; an
        entry that cannot be audited becomes an error entry (the others go on)."""
        for ref in refs:
            if isinstance(ref, InputError):
                yield WalkError(ref.path, ref.problem)
            elif isinstance(ref, WalkError):
                yield ref
            else:
                yield replace(ref, reading=self.config(ref.config_folder).reading)

    def _web_inputs(self) -> Iterator[SourceRef]:
        """--sitemap and --crawl: one ref each, expanded into pages as the run fetches."""
        if self.settings.sitemaps or self.settings.crawls:
            self.config(Path.cwd())  # the pages found are read as the current folder says
        settings = self.settings
        for kind, locations in (("sitemap", settings.sitemaps), ("crawl", settings.crawls)):
            for location in locations:
                from seo_audit.sources.fetched import url_ref

                ref = url_ref(location) if is_url(location) else file_ref(location)
                self.config(ref.config_folder)
                site = ref.site_root or Path(location)
                yield replace(ref, kind=kind, site_root=site, site_path=None)

    def _skipped(self, entry: str, walked: Path, config: Config) -> bool:
        defaults = self.settings.default_excludes
        if config.is_excluded(entry, defaults):
            return True
        # A walk of the site (at or above its root) audits its content folders only.
        at_site = relative_path(str(config.root), walked) is not None
        return defaults and at_site and config.outside_content(entry)


def build_plan(arguments: Iterable[str], settings: AuditSettings) -> Plan:
    return Planner(settings).plan(arguments)


# Where generators write the built site: audited there, the pages are the whole site.
BUILD_OUTPUT_FOLDERS = frozenset({"public", "_site", "dist", "out", "build", "site"})


def is_build_output(folder: Path) -> bool:
    """A site's build output: a folder so named, with the home page at its top."""
    return folder.name in BUILD_OUTPUT_FOLDERS and (folder / "index.html").is_file()
