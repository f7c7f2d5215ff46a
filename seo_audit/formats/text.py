"""The terminal report. Page text is untrusted: it is never read as markup.

Everything that comes from a page goes into `Text` objects (formats/styled.py: a plain string
and styled spans, printed through rich when the output is styled; never markup strings),
after control characters (escape sequences and line breaks included), bidi overrides and isolates
and invisible format characters are made visible (`\\x1b`, `\\u202e`). The report's own
colours are rich styles, so they still work.

A page reads top-down in the order a writer acts on it: the score (coloured by the gate, so a
failing page is never green), the figures, then its findings, errors first, then warnings, then
info, whatever their category. Only info findings fold ("… and 3 more"); an error or a warning
is always listed. A folder run lists failing pages first and ends with the site summary (failing
pages named first) and one gate line. Every line wraps at word boundaries at any width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from seo_audit.formats import ReportOptions, hidden_count, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.formats.styled import Terminal, Text
from seo_audit.formats.wrap import packed, wrapped
from seo_audit.results.categories import sort_key
from seo_audit.results.counts import plural
from seo_audit.results.gate import run_verdict
from seo_audit.results.model import AuditReport, PageReport, ReportedFinding, Severity, Verdict
from seo_audit.results.scoring import unscored_categories

_SHOWN_PER_RULE = 3  # info findings of one rule listed before the rest fold
_FIXED_SHOWN = 10
_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_FAILED, _PASSED = "bold red", "bold green"


def _value_style(value: int | None) -> str:
    """A category's colour: by its value (categories are not gated), n/a dim."""
    if value is None:
        return "dim"
    return "green" if value >= 80 else "yellow" if value >= 50 else "red"


def _score_style(page: PageReport) -> str:
    """The page score's colour agrees with the gate: red when the page failed, and a passing
    page is green, or yellow when it scores under 80; never red."""
    if not page.gate.passed:
        return _FAILED
    if page.score is None:
        return "dim"
    return _PASSED if page.score >= 80 else "bold yellow"


def _score_text(score: int | None) -> str:
    return "n/a" if score is None else str(score)


def console_for(stream: TextIO, options: ReportOptions) -> Terminal:
    # Lines are broken here (formats/wrap.py), at word boundaries: rich would cut words.
    return Terminal(stream, options.color, options.width or None)


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    console = console_for(stream, options)
    many = len(report.pages) > 1 or bool(report.errors)
    failing = report.failing_pages
    # A folder run puts what blocks the merge on the first screen.
    pages = failing if options.quiet else (*failing, *(p for p in report.pages if p.gate.passed))
    for index, page in enumerate(pages):
        if index:
            console.print()
        _page(console, page, options, with_gate=not many or not page.gate.passed)
    if len(report.pages) > 1 and not options.quiet:
        console.print()
        site_summary(console, report)
    if report.fixed is not None and not options.quiet:
        if pages:
            console.print()
        fixed_findings(console, report, options.verbose)
    if many or options.quiet:
        if pages:
            console.print()
        gate_line(console, report)


def gate_line(console: Terminal, report: AuditReport) -> None:
    """The run's result in one line, the last of the report."""
    verdict = f"gate: {visible(run_verdict(report))}"
    style = _PASSED if report.passed and not report.errors else _FAILED
    console.print(wrapped(console, Text(verdict, style=style), indent=6))


def site_summary(console: Terminal, report: AuditReport) -> None:
    from seo_audit.results.summary import summarize  # a folder run's only

    summary = summarize(report)
    head = Text("SITE SUMMARY", style="bold")
    head.append(f"  {plural(summary.pages, 'page')}: ")
    if summary.failed:
        head.append(f"{summary.failed} failed the gate", style=_FAILED)
        head.append(f", {summary.pages - summary.failed} passed")
    else:
        head.append("all passed the gate", style=_PASSED)
    console.print(wrapped(console, head))
    by_path = {page.path: page for page in report.pages}
    if summary.failing:
        console.print(Text("  failed the gate", style="bold"))
        for path, score, reason in summary.failing:
            page = Text(f"  {_score_text(score):>5}  ", style=_FAILED) + Text(visible(path))
            why = Text(f"({visible(reason)})", style="dim")
            console.print(packed(console, [page, why], indent=9, lead=0))
    if report.site_score is not None:
        site = Text("  site score ")
        site.append(
            f"{report.site_score}/100", style=_PASSED if report.site_gate.passed else _FAILED
        )
        site.append(" (the cross-page rules' verdicts on every page; not in page scores)")
        console.print(wrapped(console, site, indent=4))
    if summary.mean_score is not None:
        console.print(
            Text(
                f"  page scores  mean {summary.mean_score:g}, median {summary.median_score:g}",
                style="bold",
            )
        )
    largest = max((count for _, count in summary.histogram), default=0) or 1
    for label, count in reversed(summary.histogram):
        bar = "█" * max(1 if count else 0, round(30 * count / largest))
        line = Text(f"  {label:>7} ")
        line.append(bar, style="blue")
        line.append(f" {count}" if count else "")
        console.print(line)
    if summary.worst:
        console.print(Text("  worst pages", style="bold"))
        for path, score in summary.worst:
            line = Text(f"  {score:>5}  ", style=_score_style(by_path[path]))
            console.print(line + Text(visible(path)))  # a path is not broken
    if summary.top_findings:
        console.print(Text("  most frequent findings", style="bold"))
        for rule, count, pages in summary.top_findings:
            line = Text(f"  {count:>5}  {rule}  ({plural(pages, 'page')})")
            console.print(wrapped(console, line, indent=9))
    if summary.category_means:
        means = [
            Text(f"{name} {value:g}")
            for name, value in sorted(summary.category_means.items(), key=lambda i: sort_key(i[0]))
        ]
        console.print(packed(console, [Text("category means:"), *means], indent=4, lead=2))


def fixed_findings(console: Terminal, report: AuditReport, verbose: bool) -> None:
    fixed = report.fixed or ()
    if not fixed:
        console.print(Text("baseline: nothing recorded in it has been fixed yet", style="dim"))
        return
    head = Text(f"baseline: {plural(len(fixed), 'finding')} fixed since it was written", "green")
    head.append(" (--write-baseline FILE refreshes it)", style="dim")
    console.print(wrapped(console, head, indent=2))
    shown = fixed if verbose else fixed[:_FIXED_SHOWN]
    for item in shown:
        console.print(Text(f"  {visible(item.path)}: {item.rule}"))  # one line: a path
    if len(shown) < len(fixed):
        console.print(Text(f"  … and {len(fixed) - len(shown)} more; --verbose lists them", "dim"))


def _page(console: Terminal, page: PageReport, options: ReportOptions, with_gate: bool) -> None:
    header = [Text(visible(page.path), style="bold")]
    score = "n/a" if page.score is None else f"{page.score}/100"
    header.append(Text("score ") + Text(score, style=_score_style(page)))
    if not page.gate.passed:
        header.append(Text("FAILED", style=_FAILED))
    if page.source_format and not _format_told(page):
        name = _FORMAT_NAMES.get(page.source_format, page.source_format)
        header.append(Text(f"(read as {name})", style="dim"))
    console.print(packed(console, header, indent=4, lead=0))
    if page.title:
        console.print(wrapped(console, Text("  title: ") + Text(visible(page.title)), indent=4))
    console.print(wrapped(console, _keyphrase_line(page), indent=4))
    words = page.metrics.get("text_length_words")
    if isinstance(words, int):
        # One count of words per report: the one text-length judges ("The article has N
        # words"); the JSON metrics carry the others under their own names.
        console.print(Text(f"  text length: {plural(words, 'word')}", style="dim"))
    elif isinstance(characters := page.metrics.get("text_length_characters"), int):
        console.print(Text(f"  text length: {plural(characters, 'character')}", style="dim"))
    categories = _category_items(page)
    if categories:
        console.print(packed(console, categories, indent=4, lead=2))
    _findings(console, shown_findings(page, options), options.verbose)
    notes = []
    if page.suppressed:
        notes.append(f"{page.suppressed} suppressed in the page")
    if page.baselined:
        notes.append(f"{page.baselined} already in the baseline")
    if hidden := hidden_count(page, options):
        least = (options.min_severity or Severity.INFO).value
        notes.append(f"{plural(hidden, 'finding')} below --min-severity {least} not shown")
    if notes:
        console.print(wrapped(console, Text("  " + "; ".join(notes), style="dim"), indent=2))
    passed = [r for r in page.results if r.verdict is Verdict.GOOD]
    skipped = [r for r in page.results if r.verdict is Verdict.NOT_APPLICABLE]
    if options.verbose:
        for result in passed:
            console.print(Text(f"  pass     {result.rule_id}", style="green"))
        for result in skipped:
            skip = Text(f"  skip     {result.rule_id}: {visible(result.reason)}", style="dim")
            console.print(wrapped(console, skip, indent=11))
    else:
        counted = Text(
            f"  {plural(len(passed), 'rule')} passed, {len(skipped)} not applicable "
            "(--verbose lists them)",
            style="dim",
        )
        console.print(wrapped(console, counted, indent=2))
    if with_gate:
        if page.gate.reason:
            failed = Text(f"  gate: FAILED ({visible(page.gate.reason)})", style=_FAILED)
            console.print(wrapped(console, failed, indent=4))
        else:
            console.print(Text("  gate: passed", style=_PASSED))


_FORMAT_NAMES = {"html": "HTML", "markdown": "Markdown"}


# Kinds of page whose name is a file's (or stdin's), so its suffix is all that could say how it
# was read. An export item is always HTML, and a fetched or archived page says its format in
# its Content-Type: their names are URLs, whose endings say nothing.
_NAMED_BY_FILE = frozenset({"file", "stdin", "fsspec"})


def _format_told(page: PageReport) -> bool:
    """Whether the page's name or kind says how it was read (a .txt, or stdin, was sniffed)."""
    from seo_audit.sources.files import PAGE_SUFFIXES  # only for pages that say their format

    return page.kind not in _NAMED_BY_FILE or page.path.lower().endswith(PAGE_SUFFIXES)


def _keyphrase_line(page: PageReport) -> Text:
    line = Text("  keyphrase: ")
    if not page.keyphrase:
        return line.append("none set", style="dim")
    line.append(f"“{visible(page.keyphrase)}”", style="bold")
    where = f" (from {visible(page.keyphrase_source or '')}"
    where += f", line {page.keyphrase_line})" if page.keyphrase_line else ")"
    line.append(where, style="dim")
    count, density = page.metrics.get("keyphrase_count"), page.metrics.get("keyphrase_density")
    if isinstance(count, int):
        line.append(f", used {count}×", style="dim")
        if isinstance(density, int | float):
            line.append(f" ({density:.1f}% density)", style="dim")
    return line


def _category_items(page: PageReport) -> list[Text]:
    values: dict[str, int | None] = {**dict.fromkeys(unscored_categories(page.results))}
    values.update(page.categories)
    items = []
    for name in sorted(values, key=sort_key):
        value = values[name]
        item = Text(f"{name} ")
        item.append("n/a" if value is None else str(value), style=_value_style(value))
        items.append(item)
    return items


def _findings(console: Terminal, findings: Sequence[ReportedFinding], verbose: bool) -> None:
    index = 0
    while index < len(findings):
        finding = findings[index]
        end = index
        while end < len(findings) and findings[end].rule == finding.rule:
            end += 1
        same_rule = findings[index:end]
        index = end
        # Only info folds: a rule that lists every long sentence would drown the rest, but an
        # error or a warning is always there to read.
        fold = not verbose and finding.severity is Severity.INFO
        shown = same_rule[:_SHOWN_PER_RULE] if fold else same_rule
        for item in shown:
            line = Text("    ")
            line.append(f"{item.severity.value:<8}", style=_STYLES[item.severity])
            line.append(item.rule, style="bold")
            if item.line:
                line.append(f"  line {item.line}", style="dim")
            console.print(line)
            console.print(wrapped(console, Text("      " + visible(item.message)), indent=6))
        rest = same_rule[len(shown) :]
        if rest:
            lines = ", ".join(str(f.line) for f in rest if f.line)
            more = Text(f"      … and {len(rest)} more", style="dim")
            if lines:
                more.append(f" (lines {lines})", style="dim")
            more.append("; --verbose shows them all", style="dim")
            console.print(wrapped(console, more, indent=6))
