"""A batch's pages are kept on disk, not in the parent: memory per page does not grow with the
page count, and what is written is what the pages said.

The parent's part of a batch (collecting the workers' results, the cross-page rules, the page
reports, the JSONL and JSON writers) is fed here with real audits of the examples, each made a
distinct page (its own path, title, description and links), so 200 and 2,000 pages cost
seconds, not the minutes auditing them would.
"""

from __future__ import annotations

import io
import json
import pickle
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from seo_audit.engine.site import SiteLink
from seo_audit.formats import ReportOptions, format_named
from seo_audit.results.spill import Spill
from seo_audit.run import AuditSettings, build_plan, finalize
from seo_audit.run.audit import Outcome, audit_page
from seo_audit.run.plan import Plan

from helpers import EXAMPLES


@pytest.fixture(scope="module")
def site() -> tuple[Plan, list[Outcome]]:
    """The examples folder's plan and one real audit of each of its pages."""
    plan = build_plan([str(EXAMPLES)], AuditSettings(isolated=True))
    return plan, [Outcome(ref, audit_page(plan, ref)) for ref in plan.sources]


def _outcomes(site: tuple[Plan, list[Outcome]], pages: int) -> Iterator[Outcome]:
    """`pages` distinct pages, made one at a time as a worker's results arrive: each page n
    links to page n + 1, and every tenth to a page that is not there; every page has the
    description of the page three before it (so the duplicate rule has groups to report),
    and all are on one site whose Article data names one publisher, but every seventh page
    another (so the publisher rule compares them all)."""
    audited = site[1]
    for n in range(pages):
        model = audited[n % len(audited)]
        assert model.audit is not None
        name = f"site/page-{n}.html"
        links = [SiteLink(f"page-{n + 1}.html", 9, (f"file:site/page-{(n + 1) % pages}",))]
        if n % 10 == 0:
            links.append(SiteLink(f"gone-{n}.html", 10, (f"file:site/gone-{n}",)))
        facts = replace(
            model.audit.facts,
            path=name,
            keys=(f"file:site/page-{n}",),
            title=f"Page {n}",
            meta_description=f"About topic {n - n % 3}",
            links=tuple(links),
            keyphrase_forms=(f"topic{n}",),
            index=replace(
                model.audit.facts.index,
                location_keys=(f"url:example.com/page-{n}",),
                publisher=("Other Press", "") if n % 7 == 0 else ("Example News", "logo.png"),
                publisher_line=4,
            ),
        )
        audit = replace(model.audit, title=f"Page {n}", facts=facts)
        # Objects of its own, as a worker's results are when they arrive through the pipe.
        yield pickle.loads(pickle.dumps(Outcome(replace(model.ref, name=name), audit)))


def _jsonl(site: tuple[Plan, list[Outcome]], pages: int) -> str:
    plan = site[0]
    report = finalize(plan, _outcomes(site, pages))
    stream = io.StringIO()
    format_named("jsonl").write(report, stream, ReportOptions())
    return stream.getvalue()


def _peak(site: tuple[Plan, list[Outcome]], pages: int) -> int:
    """The most memory Python held at once while the parent collected, finalized and wrote a
    batch of `pages` (the written text itself left out: it goes to a file or a pipe)."""
    plan = site[0]
    tracemalloc.start()
    try:
        report = finalize(plan, _outcomes(site, pages))
        sink = _Sink()
        format_named("jsonl").write(report, sink, ReportOptions())  # type: ignore[arg-type]
        format_named("json").write(report, sink, ReportOptions())  # type: ignore[arg-type]
        del report
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Sink:
    """A stream that counts what it is given and keeps none of it."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def test_the_parents_memory_per_page_does_not_grow_with_the_pages(
    site: tuple[Plan, list[Outcome]],
) -> None:
    small, large = _peak(site, 200), _peak(site, 2_000)
    # Held for every page until the end: its name, a config and site-rule references, an
    # offset in the spill file, its share of the cross-page rules' digests and results:
    # well under 2 KB. Keeping each page's report, as the parent used to, is ~40 KB a page
    # for these pages (and ~50 KB for the corpus's): 1,800 more pages would be ~70 MB more.
    per_page = (large - small) / 1_800
    assert per_page < 2_048, f"{per_page:.0f} bytes a page ({small} at 200, {large} at 2,000)"


def test_a_streamed_batch_says_what_its_pages_said(site: tuple[Plan, list[Outcome]]) -> None:
    lines = _jsonl(site, 300).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == [f"site/page-{n}.html" for n in range(300)]
    by_path = {r["path"]: r for r in records}
    broken = [
        f for f in by_path["site/page-10.html"]["findings"] if f["rule"] == "broken-internal-link"
    ]
    assert [f["line"] for f in broken] == [10] and "gone-10.html" in broken[0]["message"]
    assert not [
        f for f in by_path["site/page-11.html"]["findings"] if f["rule"] == "broken-internal-link"
    ]
    shared = [
        f["message"]
        for f in by_path["site/page-4.html"]["findings"]
        if f["rule"] == "duplicate-meta-description"
    ]
    assert shared and "same as on 2 other pages (page-3.html, page-5.html)" in shared[0]
    # Titles are all distinct: the rule ran and passed each page.
    assert {r["rules"]["duplicate-title"]["verdict"] for r in records} == {"good"}


def test_the_json_document_is_one_page_a_line_and_reads_back_whole(
    site: tuple[Plan, list[Outcome]],
) -> None:
    plan = site[0]
    report = finalize(plan, _outcomes(site, 30))
    stream = io.StringIO()
    format_named("json").write(report, stream, ReportOptions())
    text = stream.getvalue()
    document = json.loads(text)
    assert [p["path"] for p in document["pages"]] == [f"site/page-{n}.html" for n in range(30)]
    assert document["summary"]["pages"] == 30
    assert document["gate"]["failed_pages"] == [
        p["path"] for p in document["pages"] if not p["gate"]["passed"]
    ]
    lines = text.splitlines()
    assert lines[:2] == ["{", '  "pages": [']
    assert sum(1 for line in lines if line.startswith('    {"path": "site/page-')) == 30


def test_a_long_list_of_failing_pages_is_streamed_whole_and_in_order(
    site: tuple[Plan, list[Outcome]],
) -> None:
    # Two of the three example pages fail: 1,600 of 2,400 pages, past the 1,000 the summary
    # keeps in memory, so the rest are read back from its temporary file as they are written.
    plan = site[0]
    report = finalize(plan, _outcomes(site, 2_400))
    stream = io.StringIO()
    format_named("json").write(report, stream, ReportOptions())
    text = stream.getvalue()
    document = json.loads(text)
    failed = [p["path"] for p in document["pages"] if not p["gate"]["passed"]]
    assert len(failed) == 1_600
    assert document["gate"]["failed_pages"] == failed
    assert [p["path"] for p in document["summary"]["failed_pages"]] == failed
    assert document["summary"]["failed"] == 1_600
    # One failing page a line, at the list's own indentation (the document stays greppable).
    lines = text.splitlines()
    assert sum(1 for line in lines if line.startswith('      "site/page-')) == 1_600
    assert sum(1 for line in lines if line.startswith('      {"path": "site/page-')) == 1_600


def test_a_spill_reads_back_what_was_appended() -> None:
    # Records larger than the read block, and small ones around them.
    records = [{"n": n, "text": ("x" * (3 << 20) if n == 5 else f"record {n}")} for n in range(12)]
    spill: Spill[dict[str, object]] = Spill()
    for record in records:
        spill.append(record)
    assert len(spill) == 12
    assert list(spill) == records
    assert spill[0] == records[0] and spill[-1] == records[-1] and spill[5] == records[5]
    assert list(spill[3:6]) == records[3:6]
    # Two passes at once (a format reading pages while another pass is under way).
    assert [(a["n"], b["n"]) for a, b in zip(spill, spill, strict=True)] == [
        (n, n) for n in range(12)
    ]
    assert spill == records
    with pytest.raises(IndexError):
        spill[12]
    spill.close()


def test_a_report_of_a_real_folder_is_the_same_read_back(tmp_path: Path) -> None:
    # The CLI's JSONL of the examples folder names every page once, in input order.
    from helpers import run_cli

    result = run_cli("check", "--isolated", "--format", "jsonl", "-j", "2", str(EXAMPLES))
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    expected = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".html", ".md"))
    assert sorted(paths) == expected and len(paths) == len(set(paths))
