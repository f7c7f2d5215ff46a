"""Suppressions that name no rule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page


@rule(
    "suppression-unknown-rule",
    category="suppressions",
    severity="warning",
    weight=0,
    options={"known_rules": ()},
)
def suppression_unknown_rule(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """A suppression comment or front matter `seo-audit: {disable: …}` names no known rule.

    A typo in a suppression switches nothing off; this says so. Rule ids, categories and `all`
    are accepted. (The engine passes the ids of the loaded rules as the `known_rules` option.)
    """
    if not page.suppressions:
        yield NotApplicable("the page has no suppressions")
        return
    known = set(options["known_rules"]) | {"all"}
    for suppression in page.suppressions:
        for name in suppression.rules:
            if name not in known:
                yield Finding(
                    f"The suppression names “{name}”, which is not a rule or category; it "
                    "switches nothing off. `seo-audit rules` lists the ids.",
                    line=suppression.line,
                )
