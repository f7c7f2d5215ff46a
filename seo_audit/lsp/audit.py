"""An editor's buffer audited as `check` audits its file, and what the editor shows of it.

No pygls here: positions are (0-based line, 0-based character in code points) and the server
converts them to the client's units. A finding covers the text it names (page/columns.py); a
finding about the whole page covers the first line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from seo_audit.engine.fixes import Fix, TextEdit, line_starts
from seo_audit.results.model import PageReport, ReportedFinding, Severity

if TYPE_CHECKING:
    from seo_audit.run import AuditSettings
    from seo_audit.sources import Document, SourceRef

Position = tuple[int, int]  # 0-based line, 0-based character (code points)
Syntax = Literal["html", "markdown", "mdx"]
# Where `explain` lives on the web for a rule: the README's rule table anchors each id.
DOCS_URL = "https://github.com/seo-audit/seo-audit/blob/main/README.md#{rule}"


@dataclass(frozen=True)
class Edit:
    """A text edit in editor positions."""

    start: Position
    end: Position
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


@dataclass(frozen=True)
class Problem:
    """One diagnostic: a finding, where it is, and what can be done about it."""

    finding: ReportedFinding
    start: Position
    end: Position
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class BufferAudit:
    report: PageReport
    problems: tuple[Problem, ...] = ()
    source: str = ""
    syntax: Syntax = "html"
    fixes: tuple[Action, ...] = ()  # every fix, for a "fix all" action
    docs: Mapping[str, str] = field(default_factory=dict)  # rule id -> what `explain` prints


def syntax_of(path: str) -> Syntax:
    suffix = Path(path).suffix.lower()
    if suffix == ".mdx":
        return "mdx"
    return "markdown" if suffix in (".md", ".markdown", ".txt") else "html"


def audit_buffer(path: str, text: str, settings: AuditSettings) -> BufferAudit:
    """Audit `text` (the unsaved buffer) as the file at `path`: its folder's config, its
    site's reading options, the same rules, suppressions and fixes as `check`."""
    from seo_audit.engine.fixes import fixes_for
    from seo_audit.engine.selection import rule_states
    from seo_audit.run import Planner
    from seo_audit.run.audit import audit_loaded, page_of
    from seo_audit.run.finalize import page_report
    from seo_audit.run.plan import Plan

    planner = Planner(settings)
    ref = planner.source(path)
    plan = Plan(settings, {ref.config_folder: planner.config(ref.config_folder)})
    config = plan.config_for(ref)
    rules = plan.rules_for(config)
    page = page_of(_document(ref, text), config, settings)
    audit = audit_loaded(page, ref, config, rules, settings.base_url)
    report = page_report(ref, audit, config)
    enabled = {s.rule.id: s.rule for s in rule_states(rules, config, ref.location)}
    found = fixes_for(page, enabled, audit.results)
    source = page.source
    syntax = syntax_of(path)
    starts = line_starts(source)
    fixes = {_key(item.finding): item.fix for item in found}
    problems = []
    for finding in report.findings:
        start, end = _span(source, starts, finding)
        actions: list[Action] = []
        fix = fixes.get(_key(finding))
        if fix is not None:
            actions.append(_action(source, starts, fix, preferred=True))
        actions.extend(suppressions(source, starts, syntax, finding))
        problems.append(Problem(finding, start, end, tuple(actions)))
    every_fix = tuple(_action(source, starts, item.fix) for item in found)
    docs = {rule_id: rule.doc for rule_id, rule in enabled.items()}
    return BufferAudit(report, tuple(problems), source, syntax, every_fix, docs)


def _key(finding: ReportedFinding) -> tuple[str, int | None, str]:
    return finding.rule, finding.line, finding.message


def _document(ref: SourceRef, text: str) -> Document:
    """The Document the file's reader would make, from the buffer's text."""
    from seo_audit.sources import Document
    from seo_audit.text.characters import without_lone_surrogates

    text = without_lone_surrogates(text)
    if syntax_of(ref.name) != "html":
        from seo_audit.sources.markdown import draft_document

        return draft_document(ref, text)
    return Document(ref=ref, text=text, html=text, format="html")


def _span(source: str, starts: list[int], finding: ReportedFinding) -> tuple[Position, Position]:
    lines = len(starts)
    line = min(max((finding.line or 1), 1), lines)
    text = _line_text(source, starts, line)
    if finding.column is None:  # the whole page, or a cross-page finding: the line's text
        indent = len(text) - len(text.lstrip())
        return (line - 1, indent), (line - 1, max(len(text.rstrip()), indent))
    column = min(finding.column - 1, len(text))
    end_line = min(finding.end_line or line, lines)
    end_text = _line_text(source, starts, end_line)
    end_column = (finding.end_column or len(text.rstrip()) + 1) - 1
    return (line - 1, column), (end_line - 1, min(max(end_column, 0), len(end_text)))


def _line_text(source: str, starts: list[int], line: int) -> str:
    start = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else len(source)
    return source[start:end].rstrip("\r")


def position_of(starts: list[int], offset: int) -> Position:
    import bisect

    line = bisect.bisect_right(starts, offset) - 1
    return line, offset - starts[line]


def _action(source: str, starts: list[int], fix: Fix, preferred: bool = False) -> Action:
    edits = tuple(_edit(starts, edit) for edit in fix.edits)
    return Action(fix.title, edits, preferred)


def _edit(starts: list[int], edit: TextEdit) -> Edit:
    return Edit(position_of(starts, edit.start), position_of(starts, edit.end), edit.text)


def comment(syntax: Syntax, directive: str) -> str:
    """A suppression comment in the document's syntax. MDX has no HTML comments, so the
    directive sits in a JSX comment, where page/directives.py finds it all the same."""
    html = f"<!-- seo-audit: {directive} -->"
    return f"{{/* {html} */}}" if syntax == "mdx" else html


def suppressions(
    source: str, starts: list[int], syntax: Syntax, finding: ReportedFinding
) -> list[Action]:
    """'Disable this rule for this line' (findings with a line) and '… for this page'."""
    newline = "\r\n" if "\r\n" in source else "\n"
    actions = []
    if finding.line is not None and finding.column is not None and finding.line <= len(starts):
        text = _line_text(source, starts, finding.line)
        indent = text[: len(text) - len(text.lstrip())]
        directive = comment(syntax, f"disable-next-line {finding.rule}")
        at = (finding.line - 1, 0)
        actions.append(
            Action(
                f"Disable {finding.rule} for this line",
                (Edit(at, at, f"{indent}{directive}{newline}"),),
            )
        )
    at = page_comment_position(source, starts, syntax)
    directive = comment(syntax, f"disable {finding.rule}")
    actions.append(
        Action(f"Disable {finding.rule} for this page", (Edit(at, at, directive + newline),))
    )
    return actions


def page_comment_position(source: str, starts: list[int], syntax: Syntax) -> Position:
    """Where a page-wide comment goes: after a draft's front matter (a comment before it
    would make it body text), after an HTML page's doctype (a comment before it would put
    browsers in quirks mode), else the first line."""
    first = _line_text(source, starts, 1).lstrip("\ufeff").strip()
    if syntax == "html":
        return (1, 0) if first.lower().startswith("<!doctype") and len(starts) > 1 else (0, 0)
    if first in ("---", "+++"):
        for line in range(2, len(starts) + 1):
            if _line_text(source, starts, line).strip() == first:
                return (line, 0)  # the line after the closing fence (0-based: `line`)
    return (0, 0)


SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
