"""A house rule: this publication does not run clickbait headlines.

Run it with `seo-audit check --rules-dir examples/house_rules PAGE`. A house rule is an ordinary
rule module: declare checks with `@rule` and yield a `Finding` for each problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.page import Page
from seo_audit.rule import Finding, NotApplicable, rule

CLICKBAIT = re.compile(
    r"you won'?t believe|what happens next|will shock you|this one trick|!{2,}", re.IGNORECASE
)


@rule("house-title-clickbait", category="editorial", severity="warning", weight=1)
def house_title_clickbait(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The title uses a clickbait formula that the style guide bans.

    Flags "you won't believe", "what happens next", "will shock you", "this one trick" and
    runs of exclamation marks in the SEO title.
    """
    if not page.title:
        yield NotApplicable("the page has no title")
        return
    match = CLICKBAIT.search(page.title)
    if match:
        yield Finding(
            f"The title uses “{match.group(0)}”, which our style guide bans. Say what the "
            "article delivers instead.",
            line=page.title_line,
        )
