"""What a rule is: metadata next to a pure check function over the Page.

A rule module in `rules/` looks like this (the smallest one is the model to copy):

    from seo_audit.rule import Finding, rule

    @rule("h1-missing", category="headings", severity="error", weight=3)
    def h1_missing(page, options):
        \"\"\"The page has no H1 … (this docstring is what `seo-audit explain` prints).\"\"\"
        if not any(h.level == 1 for h in page.headings):
            yield Finding("The page has no H1 heading. Add one …")

The check yields Findings. No findings means the verdict is good; a finding's `verdict` is "bad"
unless it says "ok" (close, but not there). A check may instead yield `NotApplicable("why")`.
Cross-page rules are declared with `site_rule`: their check takes the batch's SiteFacts and
yields (page name, Finding) pairs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from seo_audit.results.categories import BUILTIN as CATEGORIES
from seo_audit.results.model import ReportedFinding, RuleInfo, Severity, Verdict

if TYPE_CHECKING:
    from seo_audit.engine.fixes import Fix
    from seo_audit.engine.site import SiteFacts

__all__ = ["CATEGORIES", "Finding", "NotApplicable", "Rule", "Severity", "Verdict", "rule"]


@dataclass(frozen=True)
class Finding:
    """One problem on the page, in a writer's words: what is wrong and what to do."""

    message: str
    line: int | None = None
    verdict: Literal["bad", "ok"] = "bad"
    # The 1-based column on `line`, for a rule that knows it better than the engine, which
    # otherwise finds the text the message quotes on the line (page/columns.py).
    column: int | None = None


@dataclass(frozen=True)
class NotApplicable:
    reason: str


Outcome = Finding | NotApplicable
# A page rule's check takes the Page and yields Outcomes; a site rule's takes the batch's
# SiteFacts and yields (path, Finding) pairs. The engine checks what comes back at run time.
Check = Callable[[Any, Mapping[str, Any]], Iterable[Any]]
SiteCheck = Callable[
    ["Sequence[SiteFacts]", Mapping[str, Any]], Iterable["tuple[str, Finding] | NotApplicable"]
]
# A rule's fix: the Page and one reported finding in, an engine.fixes.Fix (or None) out.
FixFunction = Callable[[Any, ReportedFinding], "Fix | None"]


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: Severity
    weight: float
    check: Check
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    requires_keyphrase: bool = False
    origin: str = "builtin"
    # "site" rules look across every page of a batch (duplicate titles, orphan pages); their
    # check takes the list of SiteFacts instead of one Page and yields (path, Finding) pairs.
    scope: Literal["page", "site"] = "page"
    # Options that take one of a fixed set of values, so a config typo is a config error.
    choices: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # Former ids of a renamed rule: configs, flags and suppressions that use them still work.
    aliases: tuple[str, ...] = ()
    # A safe fix for a finding: (page, reported finding) -> engine.fixes.Fix or None. The
    # engine applies it (engine/fixes.py); the rule never writes.
    fix: FixFunction | None = None
    # Runs on a page that answered no page (an HTTP error status, a redirect loop: see
    # sources.HttpFacts.answered_error); every other rule is left out there, as an error
    # page has no content to judge.
    error_pages: bool = False

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "No documentation.")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(
            self.id, self.category, self.severity, self.weight, self.summary, self.doc, self.origin
        )


def rule(
    id: str,
    *,
    category: str,
    severity: Literal["error", "warning", "info"],
    weight: float = 1.0,
    options: Mapping[str, Any] | None = None,
    requires_keyphrase: bool = False,
    scope: Literal["page", "site"] = "page",
    choices: Mapping[str, tuple[Any, ...]] | None = None,
    aliases: Sequence[str] = (),
    fix: FixFunction | None = None,
    error_pages: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a rule. The decorated generator becomes a `Rule` the registry finds by type.
    `fix` offers a safe fix for its findings (see engine/fixes.py); `error_pages` runs it on
    pages that answered an HTTP error too (the only rules run there)."""

    def decorate(check: Check) -> Rule:
        return Rule(
            id=id,
            category=category,
            severity=Severity(severity),
            weight=weight,
            check=check,
            options=MappingProxyType(dict(options or {})),
            requires_keyphrase=requires_keyphrase,
            scope=scope,
            choices=MappingProxyType(dict(choices or {})),
            aliases=tuple(aliases),
            fix=fix,
            error_pages=error_pages,
        )

    return decorate


def site_rule(
    id: str,
    *,
    category: str = "site",
    severity: Literal["error", "warning", "info"],
    weight: float = 1.0,
    options: Mapping[str, Any] | None = None,
    aliases: Sequence[str] = (),
) -> Callable[[SiteCheck], Rule]:
    """Declare a cross-page rule: its check takes every page's SiteFacts and yields
    (page name, Finding) pairs; it runs once the whole batch is in."""
    declare = rule(
        id,
        category=category,
        severity=severity,
        weight=weight,
        options=options,
        scope="site",
        aliases=aliases,
    )
    return lambda check: declare(check)
