"""The terminal report (rich). Page text is untrusted: it is never read as markup.

Everything that comes from a page goes into `rich.text.Text` objects (never markup strings),
after control characters (escape sequences and line breaks included), bidi overrides and isolates
and invisible format characters are made visible (`\\x1b`, `\\u202e`). The report's own
colours are rich styles, so they still work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from seo_audit.formats import ReportOptions
from seo_audit.formats.controls import visible
from seo_audit.results.categories import sort_key
from seo_audit.results.model import AuditReport, PageReport, RuleResult, Severity, Verdict

if TYPE_CHECKING:
    from seo_audit.results.summary import SiteSummary

_SHOWN_PER_RULE = 3
_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _score_style(score: int | None) -> str:
    if score is None:
        return "dim"
    return "bold green" if score >= 80 else "bold yellow" if score >= 50 else "bold red"


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    console = Console(
        file=stream,
        force_terminal=options.color,
        no_color=options.color is False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        width=None if stream.isatty() else 100,
    )
    for index, page in enumerate(report.pages):
        if index:
            console.print()
        _page(console, page, options)
    if len(report.pages) > 1:
        console.print()
        from seo_audit.results.summary import summarize  # a folder run's only

        _site_summary(console, summarize(report))
    elif report.errors:
        console.print()
    if report.errors:
        # Each one is a line on stderr, where a shell user and a CI log both see it.
        console.print(Text(f"{len(report.errors)} input(s) could not be read", style="bold red"))


def _site_summary(console: Console, summary: SiteSummary) -> None:
    head = Text("SITE SUMMARY", style="bold")
    head.append(f"  {summary.pages} pages")
    if summary.mean_score is not None:
        head.append(f", mean score {summary.mean_score:g}, median {summary.median_score:g}")
    if summary.failed:
        head.append(f", {summary.failed} failed the gate", style="bold red")
    console.print(head, soft_wrap=True)
    largest = max((count for _, count in summary.histogram), default=0) or 1
    console.print(Text("  scores", style="bold"))
    for label, count in reversed(summary.histogram):
        bar = "█" * max(1 if count else 0, round(30 * count / largest))
        line = Text(f"  {label:>7} ")
        line.append(bar, style=_score_style(int(label.split("–")[0])))
        line.append(f" {count}" if count else "")
        console.print(line, soft_wrap=True)
    if summary.worst:
        console.print(Text("  worst pages", style="bold"))
        for path, score in summary.worst:
            console.print(Text(f"  {score:>5}  ") + Text(visible(path)), soft_wrap=True)
    if summary.top_findings:
        console.print(Text("  most frequent findings", style="bold"))
        for rule, count, pages in summary.top_findings:
            console.print(Text(f"  {count:>5}  {rule}  ({pages} pages)"), soft_wrap=True)
    if summary.category_means:
        means = "  ".join(f"{name} {value:g}" for name, value in summary.category_means.items())
        console.print(Text("  category means: " + means), soft_wrap=True)


def _page(console: Console, page: PageReport, options: ReportOptions) -> None:
    header = Text()
    header.append(visible(page.path), style="bold")
    header.append("  score ")
    header.append(
        "n/a" if page.score is None else f"{page.score}/100", style=_score_style(page.score)
    )
    console.print(header, soft_wrap=True)
    if page.title:
        console.print(Text("  title: ") + Text(visible(page.title)), soft_wrap=True)
    keyphrase = Text("  keyphrase: ")
    if page.keyphrase:
        keyphrase.append(f"“{visible(page.keyphrase)}”", style="bold")
        where = f" (from {visible(page.keyphrase_source or '')}"
        where += f", line {page.keyphrase_line})" if page.keyphrase_line else ")"
        keyphrase.append(where, style="dim")
        metrics = page.metrics
        keyphrase.append(
            f"  used {metrics.get('keyphrase_count')}× in {metrics.get('word_count')} words "
            f"({metrics.get('keyphrase_density')}%)",
            style="dim",
        )
    else:
        keyphrase.append("none set", style="dim")
    console.print(keyphrase, soft_wrap=True)
    categories = Text("  ")
    for name in _category_order(page.categories):
        value = page.categories[name]
        categories.append(f"{name} ")
        categories.append(str(value), style=_score_style(value))
        categories.append("  ")
    categories.rstrip()
    console.print(categories, soft_wrap=True)
    _findings(console, page.results, options.verbose)
    reason = page.gate.reason
    if reason:
        console.print(Text(f"  gate: FAILED ({visible(reason)})", style="bold red"))
    quiet = []
    if page.suppressed:
        quiet.append(f"{page.suppressed} suppressed in the page")
    if page.baselined:
        quiet.append(f"{page.baselined} already in the baseline")
    if quiet:
        console.print(Text("  " + "; ".join(quiet), style="dim"))
    passed = [r for r in page.results if r.verdict is Verdict.GOOD]
    skipped = [r for r in page.results if r.verdict is Verdict.NOT_APPLICABLE]
    if options.verbose:
        for result in passed:
            console.print(Text(f"  pass     {result.rule_id}", style="green"))
        for result in skipped:
            skip = f"  skip     {result.rule_id}: {visible(result.reason)}"
            console.print(Text(skip, style="dim"))
    else:
        console.print(
            Text(
                f"  {len(passed)} rules passed, {len(skipped)} not applicable "
                "(--verbose lists them)",
                style="dim",
            )
        )


def _indented(console: Console, text: Text, indent: int) -> None:
    """Wrap under an indent, without the trailing padding rich adds to fill the width."""
    for line in text.wrap(console, max(console.width - indent, 30)):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)


def _category_order(categories: Iterable[str]) -> list[str]:
    return sorted(categories, key=sort_key)


def _findings(console: Console, results: tuple[RuleResult, ...], verbose: bool) -> None:
    by_category: dict[str, list[RuleResult]] = {}
    for result in results:
        # Findings recorded in the baseline are counted below the findings, not listed.
        new = tuple(f for f in result.findings if not f.baselined)
        if new:
            by_category.setdefault(result.category, []).append(replace(result, findings=new))
    for category in _category_order(by_category):
        console.print(Text(f"  {category.upper()}", style="bold"))
        for result in by_category[category]:
            shown = result.findings if verbose else result.findings[:_SHOWN_PER_RULE]
            rest = result.findings[len(shown) :]
            for finding in shown:
                line = Text("    ")
                line.append(f"{finding.severity.value:<8}", style=_STYLES[finding.severity])
                line.append(finding.rule, style="bold")
                if finding.line:
                    line.append(f"  line {finding.line}", style="dim")
                console.print(line)
                _indented(console, Text(visible(finding.message)), 6)
            if rest:
                # A rule that lists every long sentence would drown the rest of the report.
                lines = ", ".join(str(f.line) for f in rest if f.line)
                more = Text(f"… and {len(rest)} more", style="dim")
                if lines:
                    more.append(f" (lines {lines})", style="dim")
                more.append("; --verbose shows them all", style="dim")
                _indented(console, more, 6)
