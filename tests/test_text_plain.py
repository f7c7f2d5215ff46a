"""The text report without rich (formats/styled.py): to a pipe or a file it writes exactly
what rich wrote there, and a styled line is the same rich Text, span for span, when the
output is coloured."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from rich.text import Text as RichText

from seo_audit.formats import ReportOptions, styled
from seo_audit.formats import text as text_format
from seo_audit.formats.styled import Text
from seo_audit.results.model import AuditReport
from seo_audit.run import AuditSettings, run_batch

from helpers import CORPUS, EXAMPLES


@pytest.fixture(scope="module")
def report() -> AuditReport:
    pages = [str(p) for p in sorted(CORPUS.glob("*.html"))[:12]]
    paths = [*pages, str(EXAMPLES)]  # real pages, a draft, a site summary
    return run_batch(paths, AuditSettings(isolated=True))


def _written(report: AuditReport, options: ReportOptions) -> str:
    stream = io.StringIO()
    text_format.write(report, stream, options)
    return stream.getvalue()


@pytest.mark.parametrize("width", [24, 40, 100, None])
@pytest.mark.parametrize("verbose", [False, True])
def test_plain_output_is_what_rich_writes_to_a_pipe(
    report: AuditReport, width: int | None, verbose: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = ReportOptions(verbose=verbose, width=width)
    quiet = replace(options, quiet=True)
    plain, plain_quiet = _written(report, options), _written(report, quiet)
    monkeypatch.setattr(styled, "_unstyled", lambda stream, color: False)  # rich, as before
    assert plain == _written(report, options)
    assert plain_quiet == _written(report, quiet)
    assert "SITE SUMMARY" in plain and "\x1b" not in plain
    assert "FAILED" in plain_quiet


def test_coloured_output_goes_through_rich() -> None:
    stream = io.StringIO()
    terminal = styled.Terminal(stream, color=True, width=60)
    terminal.print(Text("gate: ") + Text("FAILED", style="bold red"))
    assert stream.getvalue() == "gate: \x1b[1;31mFAILED\x1b[0m\n"


def _both(build: object) -> tuple[Text, RichText]:
    ours, theirs = build(Text), build(RichText)  # type: ignore[operator]
    return ours, theirs


def _line(kind: type) -> object:
    line = kind("  title: ", style="dim")
    line.append("Café ", style="bold")
    line.append(kind("[red]not markup[/red]", style="yellow"))
    line.append(" and plain")
    line.append_text(kind(" tail", style="cyan"))
    return line + kind(" end", style="green")


def test_a_line_keeps_the_spans_rich_would_keep() -> None:
    ours, theirs = _both(_line)
    assert ours.plain == theirs.plain and ours.cell_len == theirs.cell_len
    converted = ours.to_rich()
    assert converted.style == theirs.style and converted.spans == theirs.spans
    for begin in range(len(ours.plain) + 1):
        for end in range(begin, len(ours.plain) + 1, 3):
            mine, rich_piece = ours[begin:end].to_rich(), theirs[begin:end]
            assert (mine.plain, mine.style, mine.spans) == (
                rich_piece.plain,
                rich_piece.style,
                rich_piece.spans,
            ), (begin, end)


def test_control_codes_are_dropped_as_rich_drops_them() -> None:
    ours = Text("a\rb\x07c", style="bold").append("d\x0be")
    assert ours.plain == RichText("a\rb\x07c").append("d\x0be").plain == "abcde"
