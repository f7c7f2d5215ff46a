"""The cross-page rules stay linear in the pages, counted in work, not timed.

A run of 100,000 pages is out of CI's reach; 500 and 5,000 generated SiteFacts are not. The
measure is the number of Python lines the site rules execute (a `sys.settrace` counter over
everything they call): deterministic on a loaded machine, and it sees a loop over every other
page of a group however the rule is written. Ten times the pages may cost at most twelve times
the lines (the issue's bound); the quadratic grouping that named "the other pages" anew for
every page of a group cost g² lines, 100× here, and the counter stops it as soon as it is past
the bound, so a regression fails in seconds instead of running for minutes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any

import pytest

from seo_audit.engine.registry import builtin_rules
from seo_audit.engine.runner import run_site_rule
from seo_audit.engine.site import SiteFacts, SiteLink
from seo_audit.results.model import ReportedFinding, Verdict

SITE_RULES = {rule.id: rule for rule in builtin_rules() if rule.scope == "site"}
OPTIONS = {"whole_site": True, "site_url": "https://example.com/"}


def _facts(pages: int, shared: str) -> list[SiteFacts]:
    """A generated site. `shared` picks what every page has in common (the worst case for the
    rule comparing it): its description (a template default), its title, its keyphrase; the
    rest comes in pairs, so every duplicate rule has many small groups too. Each page links to
    the next, one in ten also to a page that does not exist."""
    facts = []
    for n in range(pages):
        key = f"url:example.com/posts/{n}"
        links = [
            SiteLink(f"/posts/{(n + 1) % pages}", 12, (f"url:example.com/posts/{(n + 1) % pages}",))
        ]
        if n % 10 == 0:
            links.append(SiteLink(f"/posts/gone-{n}", 14, (f"url:example.com/posts/gone-{n}",)))
        phrase = "cold brew" if shared == "keyphrase" else f"brew {n // 2}"
        facts.append(
            SiteFacts(
                path=f"site/posts/{n}.html",
                keys=(key, f"file:posts/{n}"),
                title="Cold Brew at Home" if shared == "title" else f"Cold brew, part {n // 2}",
                title_line=4,
                meta_description=(
                    "A site about coffee." if shared == "description" else f"Coffee notes {n // 2}"
                ),
                meta_description_line=5,
                keyphrase=phrase,
                keyphrase_line=7,
                links=tuple(links),
                keyphrase_forms=tuple(sorted(phrase.split())),
            )
        )
    return facts


class _Budget(Exception):
    pass


def _lines(work: Callable[[], Any], budget: int | None = None) -> int:
    """How many Python lines `work` runs (in every function it calls); past `budget`, stop."""
    count = 0
    stopped = False

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count, stopped
        if event == "line":
            count += 1
            if budget is not None and count > budget:
                # Every line from here raises, so each rule still to run stops at once too
                # (run_site_rule takes it for that rule's crash, and _run_all complains).
                stopped = True
                raise _Budget
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        work()
    except BaseException:
        if not stopped:
            raise
    finally:
        sys.settrace(previous)
    return count


def _run_all(facts: Sequence[SiteFacts]) -> dict[str, dict[str, list[ReportedFinding]]]:
    found = {}
    for rule_id, rule in SITE_RULES.items():
        by_page, crashed = run_site_rule(rule, facts, OPTIONS)
        # A rule this batch does not concern (no sitemap) says so; none may crash.
        assert crashed is None or crashed.verdict is Verdict.NOT_APPLICABLE, crashed
        found[rule_id] = by_page
    return found


@pytest.mark.parametrize("shared", ["description", "title", "keyphrase"])
def test_ten_times_the_pages_cost_at_most_twelve_times_the_work(shared: str) -> None:
    small, large = _facts(500, shared), _facts(5_000, shared)
    # A ceiling for the small batch too, so quadratic code stops early there as well: today
    # the site rules run ~80 lines per page each, ~400 in all; 400 per page per rule is room
    # for rules to grow (500 pages sharing one value cost the quadratic code ~26,000).
    ceiling = 400 * len(SITE_RULES) * len(small)
    small_lines = _lines(lambda: _run_all(small), budget=ceiling)
    assert small_lines <= ceiling, f"{small_lines} lines for 500 pages"
    bound = 12 * small_lines
    large_lines = _lines(lambda: _run_all(large), budget=bound)
    assert large_lines <= bound, f"{large_lines} lines for 5,000 pages, {small_lines} for 500"


def _messages(found: dict[str, list[ReportedFinding]], path: str) -> list[str]:
    return [finding.message for finding in found.get(path, [])]


def test_what_the_pages_are_told_at_scale() -> None:
    # The linear grouping says what the quadratic one did: the group's size, three others
    # named in page order (never the page itself), the rest counted.
    found = _run_all(_facts(5_000, "description"))
    description = found["duplicate-meta-description"]
    assert len(description) == 5_000
    assert _messages(description, "site/posts/0.html") == [
        "The meta description is the same as on 4999 other pages (1.html, 2.html, 3.html and "
        "4996 more). Write one for each page."
    ]
    assert (
        "(0.html, 1.html, 3.html and 4996 more)" in _messages(description, "site/posts/2.html")[0]
    )
    assert (
        "(0.html, 1.html, 2.html and 4996 more)"
        in _messages(description, "site/posts/4999.html")[0]
    )
    titles = found["duplicate-title"]
    assert len(titles) == 5_000  # in pairs
    assert _messages(titles, "site/posts/7.html") == [
        "The title is the same as on 1 other page (6.html). Give each page a title of its own."
    ]
    broken = found["broken-internal-link"]
    assert sorted(broken, key=lambda p: int(p.split("/")[-1][:-5]))[:2] == [
        "site/posts/0.html",
        "site/posts/10.html",
    ]
    assert len(broken) == 500
    assert "gone-10" in _messages(broken, "site/posts/10.html")[0]
    assert found["orphan-page"] == {}  # each page is linked from the one before


def test_one_keyphrase_everywhere_is_one_group() -> None:
    found = _run_all(_facts(5_000, "keyphrase"))["keyphrase-cannibalization"]
    assert len(found) == 5_000
    assert _messages(found, "site/posts/3.html") == [
        "The keyphrase “cold brew” is also the focus of 0.html, 1.html, 2.html and 4996 more. "
        "Pick a different keyphrase, or merge the pages."
    ]
