"""A worker sends each audit pickled (`run.audit.Packed`) and the parent spills those bytes as
they come: the report, its output and the journal's view of an outcome are the same as for
audits made in the parent."""

from __future__ import annotations

import io
import pickle

from seo_audit.formats import ReportOptions, format_named
from seo_audit.results.model import InputFailure
from seo_audit.run import AuditSettings, build_plan, finalize
from seo_audit.run.audit import Outcome, audit_page

from helpers import CORPUS


def _written(report: object, name: str) -> str:
    out = io.StringIO()
    format_named(name).write(report, out, ReportOptions())  # type: ignore[arg-type]
    return out.getvalue()


def test_packed_audits_give_the_same_report_as_audits_made_here() -> None:
    plan = build_plan([str(CORPUS)], AuditSettings(isolated=True))
    made = [Outcome(ref, audit_page(plan, ref)) for ref in plan.sources[:12]]
    # What crosses the pipe: the packed outcome, pickled and unpickled.
    sent = [pickle.loads(pickle.dumps(o.packed_up())) for o in made]
    assert all(o.packed is not None and o.audited for o in sent)
    here = finalize(plan, iter(made))
    there = finalize(plan, iter(sent))
    assert len(there.pages) == 12
    assert list(there.pages) == list(here.pages)
    assert there.site_score == here.site_score and there.failed == here.failed
    for name in ("jsonl", "json"):
        assert _written(there, name) == _written(here, name)
    # Findings made it through (the corpus's pages have plenty).
    assert sum(len(page.findings) for page in there.pages) > 50


def test_a_packed_outcome_unpacks_when_asked() -> None:
    plan = build_plan([str(CORPUS)], AuditSettings(isolated=True))
    ref = plan.sources[0]
    made = Outcome(ref, audit_page(plan, ref))
    sent = pickle.loads(pickle.dumps(made.packed_up()))
    # The journal of --output-dir reads `audit`: the page's audit, equal to the one made.
    assert sent.audit == made.audit and sent.audit is not None
    assert sent.audit.facts == made.audit.facts  # type: ignore[union-attr]
    assert sent == made
    # An error outcome travels as it is.
    failed = Outcome(ref, error=InputFailure(ref.name, "could not be read"))
    assert failed.packed_up() is failed and not failed.audited
