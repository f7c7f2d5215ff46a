"""Suppressions written in the page: comments and front matter.

    <!-- seo-audit: disable rule-a, rule-b -->          the whole page
    <!-- seo-audit: disable-next-line rule-a -->        findings on the next line
    front matter:  seo-audit: {disable: [rule-a]}

The same comments work in Markdown drafts. An id that names no rule is itself reported, so a
typo cannot silently switch nothing off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

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


def parse_suppressions(text: str, front_matter: Mapping[str, Any]) -> tuple[Suppression, ...]:
    found = []
    for match in _COMMENT_RE.finditer(text):
        ids = tuple(i for i in re.split(r"[\s,]+", match.group("ids").strip()) if i)
        line = text.count("\n", 0, match.start()) + 1
        kind: Literal["page", "next-line"] = (
            "next-line" if match.group("kind").lower() == "disable-next-line" else "page"
        )
        found.append(Suppression(kind, ids, line))
    settings = front_matter.get("seo-audit")
    if isinstance(settings, dict):
        disable = settings.get("disable") or []
        ids = tuple(str(i) for i in (disable if isinstance(disable, list) else [disable]))
        if ids:
            found.append(Suppression("page", ids, 1))
    return tuple(found)
