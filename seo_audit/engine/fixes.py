"""Safe fixes: a rule may offer one for its findings; the engine computes and applies them.

A rule declares `@rule(…, fix=function)`. The function takes the Page and one of the rule's
findings (as reported, suppressions already applied, so a suppressed finding never gets a fix)
and returns a `Fix` (a title and text edits on the page's source, the file the writer has open)
or None when it cannot fix that one safely. It never writes: `apply_edits` does, here, and the
command line or the language server decides where the text goes. Fixes only ever add markup or
move a note; what the article says is never rewritten.

The helpers below are what the builtin fixes share: offsets of lines, a tag's attribute added,
a front-matter key added in the draft's own front-matter syntax and line endings.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seo_audit.results.model import ReportedFinding, RuleResult

if TYPE_CHECKING:
    from seo_audit.engine.rule import Rule
    from seo_audit.page.model import Page


@dataclass(frozen=True)
class TextEdit:
    """Replace source[start:end] with `text` (offsets in `Page.source`)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    title: str  # what the fix does, in a writer's words ("Add loading=\"lazy\"")
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class FoundFix:
    """A fix for one finding of a page."""

    rule: str
    finding: ReportedFinding
    fix: Fix


def fixes_for(
    page: Page, rules: Mapping[str, Rule], results: Iterable[RuleResult]
) -> list[FoundFix]:
    """The fixes the rules offer for the page's findings (after suppressions). A fix function
    that raises is a bug in the rule: its finding simply gets no fix."""
    found = []
    for result in results:
        rule = rules.get(result.rule_id)
        if rule is None or rule.fix is None:
            continue
        for finding in result.findings:
            try:
                fix = rule.fix(page, finding)
            except Exception:  # a broken fix must not stop the audit
                continue
            if fix is not None and fix.edits:
                found.append(FoundFix(result.rule_id, finding, fix))
    return found


def apply_edits(source: str, edits: Iterable[TextEdit]) -> tuple[str, int]:
    """The source with the edits applied, and how many were; an edit that overlaps one
    before it is left out (two fixes of one tag), so the result is always well defined."""
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end))
    kept: list[TextEdit] = []
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(source):
            continue
        if kept and edit.start < kept[-1].end:
            continue
        if kept and edit.start == kept[-1].end == kept[-1].start == edit.end:
            continue  # two insertions at one place: the first wins
        kept.append(edit)
    pieces = []
    position = 0
    for edit in kept:
        pieces.append(source[position : edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(source[position:])
    return "".join(pieces), len(kept)


def line_starts(source: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", source))]


def line_range(source: str, line: int) -> tuple[int, int]:
    """Offsets of a 1-based line's text (without its line ending)."""
    starts = line_starts(source)
    start = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(source)
    if end > start and source[end - 1] == "\r":
        end -= 1
    return start, end


def offset_line(source: str, offset: int) -> int:
    return bisect.bisect_right(line_starts(source), offset)


def newline_of(source: str) -> str:
    return "\r\n" if "\r\n" in source else "\n"


def start_tag(source: str, line: int | None, tag: str) -> re.Match[str] | None:
    """The first `<tag …>` that starts on `line` (or anywhere, when line is None)."""
    pattern = re.compile(rf"<{tag}(?=[\s>/])[^>]*>", re.IGNORECASE)
    if line is None:
        return pattern.search(source)
    start, end = line_range(source, line)
    return pattern.search(source, start, max(end, start))


def add_attribute(
    source: str, line: int | None, tag: str, name: str, value: str
) -> TextEdit | None:
    """Insert ` name="value"` after `<tag` of the tag on `line`, unless it has the attribute."""
    found = start_tag(source, line, tag)
    if found is None or re.search(rf"\s{name}\s*=", found.group(0), re.IGNORECASE):
        return None
    quoted = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    at = found.start() + 1 + len(tag)
    return TextEdit(at, at, f' {name}="{quoted}"')


def attribute_value(source: str, found: re.Match[str], name: str) -> tuple[int, int] | None:
    """Offsets of an attribute's value (quotes excluded) in a start tag `start_tag` found."""
    tag = found.group(0)
    match = re.search(rf"\s{name}(?P<rest>\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))", tag, re.I)
    if match is None:
        return None
    rest = match.group("rest")
    value_start = match.start("rest") + rest.index("=") + 1
    value = tag[value_start : match.end("rest")]
    lead = len(value) - len(value.lstrip())
    value_start += lead
    value = value.strip()
    if value[:1] in ("'", '"'):
        return found.start() + value_start + 1, found.start() + value_start + len(value) - 1
    return found.start() + value_start, found.start() + value_start + len(value)


def front_matter_key(source: str, key: str, value: str) -> TextEdit | None:
    """An edit that adds `key` with `value` to a draft's front matter, in its syntax (YAML
    `---`, TOML `+++`; none yet: a YAML block is started), with the file's line endings. None
    for JSON front matter (its layout varies too much to insert into safely)."""
    newline = newline_of(source)
    bom = "\ufeff" if source.startswith("\ufeff") else ""
    body = source[len(bom) :]
    first = body.split("\n", 1)[0].rstrip("\r")
    if first.strip() in ("---", "+++"):
        fence = first.strip()
        closing = re.compile(rf"^{re.escape(fence)}[ \t]*\r?$", re.MULTILINE)
        end = closing.search(body, len(first) + 1)
        if end is None:
            return None
        at = len(bom) + end.start()
        if fence == "---":
            entry = f"{key}: {json.dumps(value, ensure_ascii=False)}{newline}"
        else:
            entry = f"{key} = {json.dumps(value, ensure_ascii=False)}{newline}"
            # Before the first [table]: a key after it would belong to that table.
            table = _TOML_TABLE_RE.search(body, len(first) + 1, end.start())
            if table is not None:
                at = len(bom) + table.start()
        return TextEdit(at, at, entry)
    if first.strip().startswith("{"):
        return None
    block = f"---{newline}{key}: {json.dumps(value, ensure_ascii=False)}{newline}---{newline}"
    return TextEdit(len(bom), len(bom), block)


_TOML_TABLE_RE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def remove_lines(source: str, first: int, last: int) -> TextEdit:
    """Remove whole lines, their line endings included."""
    starts = line_starts(source)
    start = starts[first - 1]
    end = starts[last] if last < len(starts) else len(source)
    return TextEdit(start, end, "")


def is_only(source: str, first: int, last: int, start: int, end: int) -> bool:
    """Whether lines first..last hold nothing but source[start:end], tags and white space."""
    begin, _ = line_range(source, first)
    _, finish = line_range(source, last)
    rest = source[begin:start] + source[end:finish]
    return not re.sub(r"<[^<>]*>|\s", "", rest)


def fix_summary(found: Sequence[FoundFix]) -> dict[str, int]:
    """Fixes per rule, for the one line the command line prints."""
    counts: dict[str, int] = {}
    for item in found:
        counts[item.rule] = counts.get(item.rule, 0) + 1
    return counts
