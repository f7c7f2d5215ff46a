"""The cross-page rules on a Dask cluster: group-bys and joins with dask.bag on the workers,
over the SiteFacts the workers made, so the facts of a batch need not fit one machine.

The rules that are engine operations run here with the very key and judgement functions the
local rules run with dicts (rules/site.py, rules/hreflang.py), so their findings are the same
message for message:

- duplicate titles, descriptions and keyphrases: a group-by on the digest of the normalised
  value (`site.GroupBy`), each group sorted by page position before it is judged;
- broken internal links: a join of the links' target digests with the pages' key digests,
  then a group-by on the link (a link is broken when none of its targets is a page);
- orphan pages: a join of the pages' keys with the keys other pages link to, then a group-by
  on the page (an orphan is reached by none of its keys);
- hreflang-return: a self-join on the URL key, the pages known by it with the annotations
  naming it (`hreflang.judge_key`).

Each finding comes back with its place (the page's position in the batch, then its place
among that page's findings), and the client sorts by it, so every page's list is in the order
the local rule gives. The other site rules (their facts are in the client's spill anyway) run
on the client as in a local run: see docs/batch.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from operator import itemgetter
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, Rule
from seo_audit.engine.runner import run_site_rule
from seo_audit.engine.site import SiteFacts
from seo_audit.results.model import ReportedFinding, RuleResult
from seo_audit.rules import hreflang, site
from seo_audit.run.audit import Outcome

# A page's facts on the cluster: its position in the batch, its facts, its site rules.
Record = tuple[int, SiteFacts, tuple[str, ...]]
# A finding on the cluster: where it comes (position first), the page it is on, the finding.
Found = tuple[tuple[int, ...], str, Finding]
SiteRun = tuple[dict[str, list[ReportedFinding]], RuleResult | None]

_first = itemgetter(0)
# Pages a partition of the group-bys holds (their records are ~1 KB a page).
_PAGES_A_SHUFFLE = 20_000


def records_of(outcomes: Sequence[Outcome], start: int) -> list[Record]:
    """On a worker: the facts of a chunk's audited pages, numbered from `start` (the chunk's
    place in the input), for the group-bys."""
    return [
        (start + n, o.audit.facts, o.audit.site_rules)
        for n, o in enumerate(outcomes)
        if o.audit is not None
    ]


def joined(*parts: list[Record]) -> list[Record]:
    """On a worker: chunks' records as one partition (the client holds one future for many
    pages, not one a chunk)."""
    return [record for part in parts for record in part]


def _on(record: Record, rule_id: str) -> bool:
    return rule_id in record[2]


def _group(bag: Any, partitions: int) -> Any:
    """The bag's items grouped by their first field: (key, [items]). Merged into a few big
    partitions first, as a shuffle costs about the square of its partitions in transfers
    (round trips between workers), and little for each record."""
    merged = bag.repartition(npartitions=partitions)
    return merged.groupby(_first, shuffle="tasks", npartitions=partitions)


def _union(*bags: Any) -> Any:
    import dask.bag

    return dask.bag.concat(list(bags))  # type: ignore[no-untyped-call]


# The duplicates: a group-by.


def _keyed(record: Record, op: site.GroupBy) -> list[tuple[int, int, site.Member]]:
    position, facts, _ = record
    key = op.key(facts)
    return [] if key is None else [(key, position, op.member(facts))]


def _judged(group: tuple[int, list[tuple[int, int, site.Member]]], op: site.GroupBy) -> list[Found]:
    _, rows = group
    if len(rows) < 2:
        return []
    rows.sort(key=itemgetter(1))  # page order: the first pages are the ones a message names
    shared = site.Group.of([member.path for _, _, member in rows])
    return [((position,), member.path, op.judge(shared, member)) for _, position, member in rows]


def _grouped(
    records: Any, options: Mapping[str, Any], count: int, shuffled: int, op: site.GroupBy
) -> Any:
    keyed = records.map(_keyed, op).flatten()
    return _group(keyed, shuffled).map(_judged, op).flatten()


# Broken links: the links' targets joined with the pages' keys.


def _known(record: Record) -> list[tuple[int, None]]:
    return [(key, None) for key in site.page_keys(record[1])]


def _wanted(record: Record, scope: site.Scope) -> list[tuple[int, tuple[int, site.LinkToJudge]]]:
    position, facts, _ = record
    return [
        (target, (position, link))
        for link in site.links_to_judge(facts, scope)
        for target in set(link.targets)
    ]


def _resolved(group: tuple[int, list[Any]]) -> list[tuple[tuple[int, int], bool, Any]]:
    """A target's links, each with whether the target is a page."""
    _, rows = group
    found = any(row is None for _, row in rows)
    return [((row[0], row[1].order), found, row[1]) for _, row in rows if row is not None]


def _broken(group: tuple[tuple[int, int], list[Any]], count: int) -> list[Found]:
    place, rows = group
    if any(found for _, found, _ in rows):
        return []
    link = rows[0][2]
    return [(place, link.path, site.broken_link(link, count))]


def _links(records: Any, options: Mapping[str, Any], count: int, shuffled: int) -> Any:
    scope = site.Scope(options["site_url"], options["whole_site"])
    targets = _union(records.map(_known).flatten(), records.map(_wanted, scope).flatten())
    links = _group(targets, shuffled).map(_resolved).flatten()
    return _group(links, shuffled).map(_broken, count).flatten()


# Orphans: the pages' keys joined with the keys other pages link to.


def _owned(record: Record) -> list[tuple[int, tuple[int, str] | None]]:
    page = (record[0], record[1].path)
    return [(key, page) for key in site.page_keys(record[1])]


def _linking(record: Record) -> list[tuple[int, None]]:
    return [(key, None) for key in site.linked_from(record[1])]


def _reached(group: tuple[int, list[Any]]) -> list[tuple[int, str, bool]]:
    _, rows = group
    linked = any(row is None for _, row in rows)
    return [(row[0], row[1], linked) for _, row in rows if row is not None]


def _unreached(record: Record) -> tuple[int, str, bool]:
    return (record[0], record[1].path, False)  # a page no key reaches (it may have none)


def _orphaned(group: tuple[int, list[tuple[int, str, bool]]]) -> list[Found]:
    position, rows = group
    if any(linked for _, _, linked in rows):
        return []
    return [((position,), rows[0][1], site.orphan())]


def _orphans(records: Any, options: Mapping[str, Any], count: int, shuffled: int) -> Any:
    keys = _union(records.map(_owned).flatten(), records.map(_linking).flatten())
    reached = _group(keys, shuffled).map(_reached).flatten()
    pages = _union(reached, records.map(_unreached))
    return _group(pages, shuffled).map(_orphaned).flatten()


# hreflang-return: a self-join on the URL key.


def _claims(record: Record) -> list[tuple[str, Any]]:
    return list(hreflang.claims_of(record[1], record[0]))


def _annotations(record: Record) -> list[tuple[str, Any]]:
    return list(hreflang.annotations_of(record[1], record[0]))


def _judged_key(group: tuple[str, list[tuple[str, Any]]]) -> list[Found]:
    key, rows = group
    named = [row for _, row in rows if isinstance(row, hreflang.Annotation)]
    if not named:
        return []
    claimed = [row for _, row in rows if isinstance(row, hreflang.Claim)]
    return list(hreflang.judge_key(key, claimed, named))


def _hreflang(records: Any, options: Mapping[str, Any], count: int, shuffled: int) -> Any:
    both = _union(records.map(_claims).flatten(), records.map(_annotations).flatten())
    return _group(both, shuffled).map(_judged_key).flatten()


Form = Callable[[Any, Mapping[str, Any], int, int], Any]


def form_of(rule: Rule) -> Form | None:
    """How a rule runs on the cluster, or None for one that stays on the client. Matched by
    its check function, so a house rule that reuses an id is not mistaken for ours."""
    forms: dict[Any, Form] = {
        site.duplicate_title.check: partial(_grouped, op=site.TITLES),
        site.duplicate_meta_description.check: partial(_grouped, op=site.DESCRIPTIONS),
        site.keyphrase_cannibalization.check: partial(_grouped, op=site.KEYPHRASES),
        site.broken_internal_link.check: _links,
        site.orphan_page.check: _orphans,
        hreflang.hreflang_return.check: _hreflang,
    }
    return forms.get(rule.check)


class ClusterSite:
    """The site rules over the facts partitions on the cluster (futures of Record lists)."""

    def __init__(self, client: Any, partitions: Sequence[Any]) -> None:
        self.client = client
        self.partitions = list(partitions)

    def _shuffled(self, pages: int) -> int:
        """How many partitions the group-bys shuffle: big ones (~_PAGES_A_SHUFFLE pages), but
        at least one a worker, so that all of them work."""
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        wanted = max(workers, -(-pages // _PAGES_A_SHUFFLE))
        return max(1, min(len(self.partitions), wanted))

    def run_site_rule(
        self, rule: Rule, facts: Sequence[SiteFacts], options: Mapping[str, Any]
    ) -> SiteRun:
        """What `engine.runner.run_site_rule` gives, computed on the cluster where the rule
        is an engine operation (a crash there is the rule's crash, as here), on the client
        over `facts` where it is not."""
        form = form_of(rule)
        if form is None or not self.partitions:
            return run_site_rule(rule, facts, options)
        on_cluster = partial(self._check, rule.id, form, len(facts))
        return run_site_rule(replace(rule, check=on_cluster), (), options)

    def _check(
        self,
        rule_id: str,
        form: Form,
        count: int,
        facts: Sequence[SiteFacts],
        options: Mapping[str, Any],
    ) -> Iterator[tuple[str, Finding] | NotApplicable]:
        import dask.bag

        if form is _orphans:
            if (why := site.orphans_judged(options)) is not None:
                yield why
                return
            if count < 2:
                return
        every = dask.bag.from_delayed(self.partitions)  # type: ignore[no-untyped-call]
        records = every.filter(partial(_on, rule_id=rule_id))
        found: list[Found] = self.client.compute(
            form(records, options, count, self._shuffled(count))
        ).result()
        found.sort(key=_first)
        for _, path, finding in found:
            yield path, finding
