"""Suppressions written in the page: comments and front matter.

    <!-- seo-audit: disable rule-a, rule-b -->          the whole page
    <!-- seo-audit: disable-next-line rule-a -->        findings on the next line
    front matter:  seo-audit: {disable: [rule-a]}

The same comments work in Markdown drafts. An id that names no rule is itself reported, so a
typo cannot silently switch nothing off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from seo_audit.sources.document import DECLARED_LINE

_COMMENT_RE = re.compile(
    r"<!--\s*seo-audit\s*:\s*(?P<kind>disable-next-line|disable)\b(?P<ids>[^>]*?)\s*-->",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Suppression:
    kind: Literal["page", "next-line"]
    rules: tuple[str, ...]
    line: int | None

    def covers(self, rule_id: str, category: str, line: int | None) -> bool:
        if rule_id not in self.rules and category not in self.rules and "all" not in self.rules:
            return False
        return self.kind == "page" or (
            line is not None and self.line is not None and line == self.line + 1
        )


def parse_suppressions(text: str, disable: Sequence[str] = ()) -> tuple[Suppression, ...]:
    """Comments in the source text, then the rules the draft or CMS declared off for the page."""
    found = []
    for match in _COMMENT_RE.finditer(text):
        ids = tuple(i for i in re.split(r"[\s,]+", match.group("ids").strip()) if i)
        line = text.count("\n", 0, match.start()) + 1
        kind: Literal["page", "next-line"] = (
            "next-line" if match.group("kind").lower() == "disable-next-line" else "page"
        )
        found.append(Suppression(kind, ids, line))
    if disable:
        found.append(Suppression("page", tuple(disable), DECLARED_LINE))
    return tuple(found)
