"""Audit one page as a worker does: read the source, build the Page, run its rules.

What comes back is small (the rules' results, the page's figures and its SiteFacts), never a
tree, so memory stays flat however many pages a run has.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from seo_audit.config import Config
from seo_audit.engine.registry import RuleSet
from seo_audit.engine.runner import run_page_rules
from seo_audit.engine.selection import rule_states
from seo_audit.engine.site import SiteFacts, site_facts
from seo_audit.errors import InputError, PageTimeout
from seo_audit.page.build import PageOptions, build_page
from seo_audit.page.keyphrase import KeyphraseOptions
from seo_audit.page.model import Page
from seo_audit.results.model import InputFailure, RuleResult
from seo_audit.run.deadline import Deadline
from seo_audit.run.plan import AuditSettings, Plan
from seo_audit.sources import Document, SourceRef, read


@dataclass(frozen=True)
class PageAudit:
    """One page's rule results and figures, before the finalize pass scores and gates them."""

    title: str | None
    keyphrase: str | None
    keyphrase_source: str | None
    keyphrase_line: int | None
    metrics: Mapping[str, Any]
    results: tuple[RuleResult, ...]
    suppressed: int
    facts: SiteFacts
    site_rules: tuple[str, ...]  # the cross-page rules on for this page
    format: str = "html"  # what the page was read as: html, or markdown (a .txt too)


@dataclass(frozen=True)
class Packed:
    """A PageAudit pickled where it was made (a worker process), its SiteFacts apart, and the
    cross-page rules on for the page: the parent spills the bytes as they came instead of
    unpickling a page's audit and pickling it again (~0.4 ms a page of the parent's CPU, which
    with --jobs 2 on 2 cores competes with the workers)."""

    audit: bytes  # pickle of the PageAudit (its facts included)
    facts: bytes  # pickle of its SiteFacts alone
    site_rules: tuple[str, ...]


def pack(audit: PageAudit) -> Packed:
    dumped = pickle.dumps(audit, protocol=pickle.HIGHEST_PROTOCOL)
    facts = pickle.dumps(audit.facts, protocol=pickle.HIGHEST_PROTOCOL)
    return Packed(dumped, facts, audit.site_rules)


class Outcome:
    """A page's audit or the reason it has none. A worker sends its audit `packed`; `audit`
    unpickles it when first asked (the journal of --output-dir asks; finalize does not)."""

    __slots__ = ("_audit", "error", "packed", "ref")

    def __init__(
        self,
        ref: SourceRef,
        audit: PageAudit | None = None,
        error: InputFailure | None = None,
        packed: Packed | None = None,
    ) -> None:
        self.ref, self._audit, self.error, self.packed = ref, audit, error, packed

    @property
    def audit(self) -> PageAudit | None:
        if self._audit is None and self.packed is not None:
            self._audit = pickle.loads(self.packed.audit)
        return self._audit

    @property
    def audited(self) -> bool:
        """Whether the page has an audit (asked without unpickling it)."""
        return self._audit is not None or self.packed is not None

    def packed_up(self) -> Outcome:
        """This outcome as a worker sends it: its audit pickled (see `Packed`)."""
        if self._audit is None:
            return self
        return Outcome(self.ref, error=self.error, packed=pack(self._audit))

    def with_ref(self, ref: SourceRef) -> Outcome:
        return Outcome(ref, self._audit, self.error, self.packed)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outcome):
            return NotImplemented
        return (self.ref, self.audit, self.error) == (other.ref, other.audit, other.error)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Outcome(ref={self.ref!r}, audit={self.audit!r}, error={self.error!r})"


def load_page(plan: Plan, ref: SourceRef) -> Page:
    return page_of(read(ref), plan.config_for(ref), plan.settings)


def page_of(document: Document, config: Config, settings: AuditSettings) -> Page:
    """The Page a Document gives under a config and the command line's settings."""
    ref = document.ref
    keyphrase = KeyphraseOptions(
        flag=settings.keyphrase,
        synonyms=settings.synonyms,
        keyword_map=config.keyphrases,
        map_key=config.relative(ref.location) if ref.is_file else None,
    )
    options = PageOptions(
        keyphrase,
        lang=config.lang,
        lang_override=settings.overrides.lang,
        word_forms=config.word_forms,
        site_url=settings.base_url,
    )
    try:
        return build_page(document, options)
    except InputError:
        raise
    except Exception as error:  # a page that breaks our parser is one error entry, not a crash
        raise InputError(
            ref.name, f"could not be analysed ({type(error).__name__}: {error}); please report"
        ) from None


def audit_page(plan: Plan, ref: SourceRef) -> PageAudit:
    config = plan.config_for(ref)
    page = load_page(plan, ref)
    return audit_loaded(page, ref, config, plan.rules_for(config), plan.settings.base_url)


def audit_loaded(
    page: Page, ref: SourceRef, config: Config, rules: RuleSet, base_url: str | None = None
) -> PageAudit:
    """Run the rules the config turns on for the page."""
    enabled = [s.rule for s in rule_states(rules, config, ref.location) if s.enabled]
    if page.http is not None and page.http.answered_error:
        # An error page (404, a redirect loop) is a finding, not a page to score: only the
        # rules about the answer run, so no content rule judges the error's empty body.
        enabled = [r for r in enabled if r.error_pages]
    results, suppressed = run_page_rules(page, enabled, sorted(rules.names))
    keyphrase = page.keyphrase
    return PageAudit(
        title=page.title,
        keyphrase=keyphrase.text if keyphrase else None,
        keyphrase_source=keyphrase.source if keyphrase else None,
        keyphrase_line=keyphrase.line if keyphrase else None,
        metrics=dict(page.metrics),  # a plain dict: it crosses processes
        results=results,
        suppressed=suppressed,
        facts=site_facts(page, ref, base_url),
        site_rules=tuple(r.id for r in enabled if r.scope == "site"),
        format=page.format,
    )


def audit_chunk(plan: Plan, refs: Sequence[SourceRef]) -> list[Outcome]:
    """The unit of work a worker (process or Dask) runs: pages in, small results out. Each page
    has its config's time limit."""
    outcomes = []
    for ref in refs:
        limit = plan.config_for(ref).page_timeout
        try:
            with Deadline(limit):
                outcomes.append(Outcome(ref, audit_page(plan, ref)))
        except InputError as error:
            outcomes.append(Outcome(ref, error=InputFailure(error.path, error.problem, ref.kind)))
        except PageTimeout as timeout:
            where = f" ({timeout.args[0]})" if timeout.args else ""
            problem = f"took longer than {limit:g} s{where}; skipped (page-timeout)"
            outcomes.append(Outcome(ref, error=InputFailure(ref.name, problem, ref.kind)))
    return outcomes
