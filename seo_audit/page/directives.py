"""Suppressions written in the page: comments and front matter.

    <!-- seo-audit: disable rule-a, rule-b -->          the whole page
    <!-- seo-audit: disable-next-line rule-a -->        findings on the next line
    front matter:  seo-audit: {disable: [rule-a]}

The same comments work in Markdown drafts. An id that names no rule is itself reported, so a
typo cannot silently switch nothing off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from seo_audit.sources.document import DECLARED_LINE

# The opening of a suppression comment; its ids run to the first ">", which must close the
# comment ("-->"). The end is looked up once per ">" (see _comments), not by a regex that
# would scan to the next ">" again for each of thousands of unclosed openings.
_OPENING_RE = re.compile(
    r"<!--\s*seo-audit\s*:\s*(?P<kind>disable-next-line|disable)\b", re.IGNORECASE
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


def _comments(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, ids) of each suppression comment, in one pass over the text."""
    resume = 0  # openings inside the previous comment's ids are part of it
    closing = -1  # the first ">" at or after the last place looked from
    for match in _OPENING_RE.finditer(text):
        if match.start() < resume:
            continue
        if closing < match.end():
            closing = text.find(">", match.end())
            if closing < 0:
                return
        if text.startswith("--", closing - 2) and closing - 2 >= match.end():
            resume = closing + 1
            yield match.start(), match.group("kind"), text[match.end() : closing - 2]


def parse_suppressions(
    text: str, disable: Sequence[str] = (), disable_line: int = DECLARED_LINE
) -> tuple[Suppression, ...]:
    """Comments in the source text, then the rules the draft or CMS declared off for the page
    (`disable_line`: where the draft says so)."""
    found = []
    # Lines counted on from the previous comment, not from the start: linear in the text.
    line, counted = 1, 0
    for start, kind_text, ids_text in _comments(text):
        ids = tuple(i for i in re.split(r"[\s,]+", ids_text.strip()) if i)
        line += text.count("\n", counted, start)
        counted = start
        kind: Literal["page", "next-line"] = (
            "next-line" if kind_text.lower() == "disable-next-line" else "page"
        )
        found.append(Suppression(kind, ids, line))
    if disable:
        found.append(Suppression("page", tuple(disable), disable_line))
    return tuple(found)
