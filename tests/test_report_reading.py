"""Issue 12, reading: a report a writer reads in ten seconds. What each test checks is what the
writer (or the CI log) sees: the order of findings, what is folded and what never is, what
--min-severity, --quiet and --statistics show, the concise and GitHub formats, colours that
agree with the gate, n/a for a category that was not measured, lines that wrap at word
boundaries, the HTML page and site reports, one word count, and plurals."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest
from rich.cells import cell_len

from seo_audit.formats import ReportOptions, formats
from seo_audit.formats.markdown import write as write_markdown
from seo_audit.results.model import (
    AuditReport,
    Gate,
    PageReport,
    ReportedFinding,
    RuleResult,
    Severity,
    Verdict,
)

from helpers import CORPUS, EXAMPLES, REPO, needs_corpus, run_cli, seo_audit_command, wrap

PROBLEMS = "examples/film-news-with-problems.html"
RANK = {"error": 0, "warning": 1, "info": 2}


def _text(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, cwd=REPO)


def _severities(text: str) -> list[str]:
    """The severity column of a text report's finding lines, in order."""
    return re.findall(r"^    (error|warning|info) +[a-z]", text, re.M)


def test_errors_come_first_then_warnings_then_info_whatever_the_category() -> None:
    out = _text(PROBLEMS).stdout
    found = _severities(out)
    assert found[:2] == ["error", "error"] and "info" in found
    assert found == sorted(found, key=RANK.__getitem__)
    # editorial (an error) now comes before meta (warnings), against the category order.
    assert out.index("editorial-seo-note") < out.index("meta-description-missing")


def test_errors_and_warnings_never_fold_info_does(tmp_path: Path) -> None:
    page = tmp_path / "draft.md"
    placeholders = "".join(f"Step {n}: [insert step {n} here].\n\n" for n in range(6))
    long = "This sentence keeps going with word after word and clause after clause " * 3
    page.write_text(f"# Steps\n\n{placeholders}{(long + '. ') * 6}\n", encoding="utf-8")
    out = run_cli("check", "--isolated", str(page)).stdout
    assert out.count("editorial-placeholder-text") == 6  # six errors, all listed
    assert "… and 3 more" in out  # the seventh long sentence onwards, info, folds
    folded = out.split("… and 3 more", 1)[0].rsplit("\n    ", 1)[-1]
    assert folded.startswith("  ") or "sentence-length" in out


FORMATS_WITH_FINDINGS = ("text", "concise", "json", "jsonl", "sarif", "junit", "gitlab", "csv")


@pytest.mark.parametrize("fmt", [*FORMATS_WITH_FINDINGS, "github", "markdown", "html"])
def test_min_severity_decides_what_every_format_shows(fmt: str) -> None:
    shown = run_cli("check", "--format", fmt, "--min-severity", "error", PROBLEMS, cwd=REPO)
    everything = run_cli("check", "--format", fmt, "--min-severity", "info", PROBLEMS, cwd=REPO)
    assert shown.returncode == everything.returncode == 1  # the gate is --fail-on's
    out = shown.stdout
    assert "editorial-seo-note" in out and "embed-placeholder" in out
    assert "images-missing" in everything.stdout
    if fmt in ("text", "concise", "github", "markdown", "html", "csv"):  # no rule listing
        assert "meta-description-missing" not in out and "images-missing" not in out
    if fmt == "json":
        page = json.loads(out)["pages"][0]
        assert {f["severity"] for f in page["findings"]} == {"error"}
        assert page["hidden"] > 0 and page["score"] == 59  # the score does not change
    elif fmt == "sarif":
        levels = {r["level"] for r in json.loads(out)["runs"][0]["results"]}
        assert levels == {"error"}
    elif fmt == "csv":
        row = next(csv.DictReader(io.StringIO(out)))
        assert (row["errors"], row["warnings"], row["infos"]) == ("2", "0", "0")
    elif fmt == "junit":
        failures = ET.fromstring(out).findall(".//failure")
        assert {f.get("type") for f in failures} == {"error"}
    elif fmt == "gitlab":
        assert {issue["severity"] for issue in json.loads(out)} == {"major"}
    elif fmt == "jsonl":
        assert {f["severity"] for f in json.loads(out)["findings"]} == {"error"}
    elif fmt == "text":
        assert set(_severities(out)) == {"error"}
        assert "below --min-severity error not shown" in out


def test_github_shows_warnings_by_default_and_info_when_asked() -> None:
    default = run_cli("check", "--format", "github", PROBLEMS, cwd=REPO).stdout
    assert "::warning " in default and "::notice file=examples" not in default
    assert "below --min-severity warning not annotated" in default
    asked = run_cli("check", "--format", "github", "--min-severity", "info", PROBLEMS, cwd=REPO)
    assert "::notice file=examples" in asked.stdout


def test_quiet_prints_only_failing_pages_and_the_gate_line() -> None:
    out = _text("-q", "examples/").stdout
    assert "film-news-with-problems.html" in out and "draft-cold-brew.md" in out
    assert "well-made-article.html" not in out and "SITE SUMMARY" not in out
    assert out.rstrip().splitlines()[-1] == "gate: FAILED (2 of 3 pages failed)"
    passing = _text("-q", "examples/well-made-article.html")
    assert passing.returncode == 0 and passing.stdout == "gate: passed (1 page)\n"


def _reference(*args: str) -> dict:  # type: ignore[type-arg]
    report: dict = json.loads(run_cli("check", "--format", "json", *args, cwd=REPO).stdout)  # type: ignore[type-arg]
    return report


def test_statistics_counts_findings_per_rule() -> None:
    result = _text("--statistics", "examples/")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    findings = [f for p in _reference("examples/")["pages"] for f in p["findings"]]
    by_rule: dict[str, int] = {}
    for finding in findings:
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1
    top = max(by_rule.values())
    assert int(lines[0].split()[0]) == top and by_rule[lines[0].split()[1]] == top
    counted = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    assert counted == by_rule
    assert re.search(r"^ *2  text-length +warning  2 pages$", result.stdout, re.M)
    assert lines[-1] == f"{len(findings)} findings on 3 pages; gate: FAILED (2 of 3 pages failed)"
    rows = json.loads(_text("--statistics", "--format", "json", "examples/").stdout)
    assert {row["rule"]: row["findings"] for row in rows} == by_rule
    errors = _text("--statistics", "--min-severity", "error", "examples/").stdout.splitlines()
    assert {line.split()[2] for line in errors[:-1]} == {"error"}


def test_a_folder_run_names_the_failing_pages_first() -> None:
    out = _text("examples/").stdout
    scores = {p["path"]: p["score"] for p in _reference("examples/")["pages"]}
    # Failing pages are listed first, and the summary names them before anything else.
    first_page = out.splitlines()[0]
    assert first_page.startswith("examples/draft-cold-brew.md") and "FAILED" in first_page
    assert out.index("examples/film-news-with-problems.html  score") < out.index(
        "examples/well-made-article.html  score"
    )
    summary = out.split("SITE SUMMARY", 1)[1]
    assert summary.splitlines()[0] == "  3 pages: 2 failed the gate, 1 passed"
    named = summary.splitlines()[1:4]
    assert named[0] == "  failed the gate"
    draft = scores["examples/draft-cold-brew.md"]
    assert named[1].split()[:2] == [str(draft), "examples/draft-cold-brew.md"]
    assert "(1 finding of severity error)" in named[1]
    assert named[2].split()[:2] == [str(scores[PROBLEMS]), PROBLEMS]
    assert out.rstrip().splitlines()[-1] == "gate: FAILED (2 of 3 pages failed)"


_CONCISE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning|info) [a-z0-9-]+ ."
)


def test_concise_is_one_finding_per_line() -> None:
    out = run_cli("check", "--format", "concise", PROBLEMS, cwd=REPO).stdout
    lines = out.splitlines()
    assert all(_CONCISE.match(line) for line in lines[:-1]), lines
    assert lines[0] == (
        "examples/film-news-with-problems.html:18:4: error editorial-seo-note An SEO note is "
        "visible to readers: “focus keyword : Starfall: The Last Orbit”. Remove it from the text "
        "and put the value in the CMS field or front matter."
    )
    # The column is where the quoted note starts on its line (after "<p>"); a finding about
    # the whole page points at 1:1.
    assert "film-news-with-problems.html:1:1: warning meta-description-missing" in out
    total = len(_reference(PROBLEMS)["pages"][0]["findings"])
    assert len(lines) == total + 1
    assert lines[-1] == f"{total} findings on 1 page; gate: FAILED (1 of 1 page failed)"
    drafts = run_cli("check", "--format", "concise", "examples/draft-cold-brew.md", cwd=REPO)
    # In a draft, the column is in the Markdown the writer has open.
    assert "examples/draft-cold-brew.md:27:76: error editorial-placeholder-text" in drafts.stdout


def _annotations(text: str) -> list[str]:
    return [line.split(" ", 1)[0] for line in text.splitlines()]


@needs_corpus
@pytest.mark.parametrize("least", ["warning", "info"])
def test_github_annotations_on_the_corpus_stay_within_github_s_limits(least: str) -> None:
    result = run_cli("check", "--format", "github", "--min-severity", least, str(CORPUS))
    levels = _annotations(result.stdout)
    assert levels[-1] == "::notice" and "title=seo-audit summary" in result.stdout.splitlines()[-1]
    for level in ("::error", "::warning", "::notice"):
        assert levels.count(level) <= 10, level
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    summary = result.stdout.splitlines()[-1]
    assert "gate FAILED" in summary and "cut, as GitHub shows 10 per level" in summary
    cut = "image-alt-missing" if least == "warning" else "sentence-length"
    assert cut in summary  # what was cut, by rule


def _report_page(path: str, score: int, *results: RuleResult, **fields: object) -> PageReport:
    """A page report as finalize makes one, with only what a test cares about given."""
    return PageReport(
        path=path,
        score=score,
        categories={result.category: 0 for result in results},
        keyphrase=None,
        keyphrase_source=None,
        keyphrase_line=None,
        title=None,
        metrics={},
        results=results,
        **fields,  # type: ignore[arg-type]
    )


def _page(index: int, findings: int) -> PageReport:
    found = tuple(
        ReportedFinding("long-rule", "readability", Severity.WARNING, "x" * 200, n, "bad")
        for n in range(findings)
    )
    result = RuleResult("long-rule", "readability", 1.0, Severity.WARNING, Verdict.BAD, found)
    gate = Gate(False, "score 50 is under 60") if index % 2 else Gate(True)
    return _report_page(f"posts/page-{index:05d}.html", 50, result, gate=gate)


def test_markdown_stays_under_github_s_step_summary_limit() -> None:
    report = AuditReport(pages=tuple(_page(i, 20) for i in range(3000)))
    stream = io.StringIO()
    write_markdown(report, stream, ReportOptions())
    text = stream.getvalue()
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert re.search(r"… \d+ more pages not shown: GitHub refuses a step summary over 1 MiB", text)
    assert text.index("### Failed the gate (1500)") < text.index("more pages not shown")
    small = io.StringIO()
    write_markdown(AuditReport(pages=tuple(_page(i, 2) for i in range(4))), small, ReportOptions())
    assert "not shown" not in small.getvalue() and "### Passed (2)" in small.getvalue()


def _failing_page(score: int) -> PageReport:
    finding = ReportedFinding("h1-missing", "headings", Severity.ERROR, "No H1.", 3, "bad")
    result = RuleResult("h1-missing", "headings", 3, Severity.ERROR, Verdict.BAD, (finding,))
    return _report_page("post.html", score, result, gate=Gate(False, "1 finding of severity error"))


def test_the_score_s_colour_agrees_with_the_gate() -> None:
    stream = io.StringIO()
    formats()["text"].write(
        AuditReport(pages=(_failing_page(92),)), stream, ReportOptions(color=True)
    )
    coloured = stream.getvalue()
    score = re.search(r"score \x1b\[([0-9;]+)m92/100", coloured)
    assert score and "31" in score.group(1).split(";")  # red, although 92 is a good score
    assert "32" not in score.group(1).split(";")


def test_a_category_without_an_applicable_rule_reads_n_a(tmp_path: Path) -> None:
    page = tmp_path / "post.html"
    page.write_text(wrap("<article><h1>Cold brew</h1><p>Cold brew is easy.</p></article>"))
    out = run_cli("check", "--isolated", str(page)).stdout
    assert "keyphrase n/a" in out and "keyphrase 0" not in out
    report = json.loads(run_cli("check", "--isolated", "--format", "json", str(page)).stdout)
    assert "keyphrase" not in report["pages"][0]["categories"]
    # keyphrase-missing still counts in the page score.
    assert report["pages"][0]["rules"]["keyphrase-missing"]["verdict"] == "bad"


@needs_corpus
def test_site_category_means_leave_out_categories_that_were_not_measured() -> None:
    out = run_cli("check", "--isolated", "--format", "json", str(CORPUS)).stdout
    means = json.loads(out)["summary"]["category_means"]
    assert "keyphrase" not in means  # no corpus page has a keyphrase: not measured, not 0
    assert "site" not in means


def _run_at(width: int, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    env.update(NO_COLOR="1", COLUMNS=str(width))
    result = subprocess.run(
        [*seo_audit_command(), *args], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.mark.parametrize("width", [60, 120])
def test_text_lines_wrap_at_word_boundaries(width: int) -> None:
    for args in (("check", PROBLEMS), ("check", "examples/")):
        narrow, wide = _run_at(width, *args), _run_at(1000, *args)
        assert narrow.split() == wide.split()  # no word cut in two, none lost
        for line in narrow.splitlines():
            # Longer only when it is one word (a path) that cannot break.
            assert cell_len(line) <= width or len(line.split()) == 1, line
    categories = [line for line in _run_at(60, "check", PROBLEMS).splitlines() if "meta 33" in line]
    assert categories and all(re.search(r"[a-z] \d+|n/a", item) for item in categories)


def test_seo_audit_rules_fits_a_60_column_terminal() -> None:
    out = _run_at(60, "rules")
    assert max(cell_len(line) for line in out.splitlines()) <= 60
    listed = {line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")}
    assert {"keyphrase-density", "editorial-placeholder-text", "orphan-page"} <= listed
    assert "on: on by default" in out
    wide = _run_at(200, "rules")
    assert " on " in wide and "on by default" in wide  # the table, where it fits


def test_the_html_report_of_one_page_is_a_page_report(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    run_cli("check", "--format", "html", "-o", str(out), PROBLEMS, cwd=REPO)
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert tree.find(".//div[@class='hist']") is None and not tree.findall(".//script")
    assert "gate: FAILED" in tree.find(".//p[@class='verdict bad']").text_content()
    items = tree.findall(".//ol[@class='findings']/li")
    severities = [item.find("span").text for item in items]
    assert severities == sorted(severities, key=RANK.__getitem__) and severities[0] == "error"
    assert "editorial-seo-note" in items[0].text_content()


def test_the_site_report_links_failing_and_worst_pages_to_their_findings(tmp_path: Path) -> None:
    out = tmp_path / "site.html"
    run_cli("check", "--format", "html", "-o", str(out), "examples/", cwd=REPO)
    text = out.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(text)
    data = json.loads(tree.find(".//script[@id='report-data']").text)
    index = {p["path"]: p["index"] for p in data["pages"]}
    failing = tree.xpath("//h2[text()='Failed the gate']/following-sibling::ol[1]/li/a")
    assert [a.text for a in failing] == ["examples/draft-cold-brew.md", PROBLEMS]
    assert [a.get("href") for a in failing] == [f"#page-{index[a.text]}" for a in failing]
    worst = tree.xpath("//h2[text()='Worst pages']/following-sibling::ol[1]/li/a")
    assert worst and all(a.get("href") == f"#page-{index[a.text]}" for a in worst)
    # Failing rows stand out, and failing pages' findings start open.
    assert "tr.fail td{" in text and "if (p.gate === 'fail') tr.className = 'fail'" in text
    assert "box.open = p.gate === 'fail'" in text
    assert [p["gate"] for p in data["pages"]] == ["fail", "fail", "pass"]


@pytest.mark.parametrize("page", [PROBLEMS, "examples/draft-cold-brew.md"])
def test_the_header_s_word_count_is_the_one_text_length_reports(page: str) -> None:
    out = _text(page).stdout
    header = re.search(r"^  text length: (\d+) words$", out, re.M)
    judged = re.search(r"The article has (\d+) words", out)
    assert header and judged and header.group(1) == judged.group(1)
    assert " in 300 words" not in out.split("text length", 1)[0]  # no second count up there


_BAD_PLURALS = re.compile(r"\b1 (pages|findings|rules|inputs|words)\b|\(s\)")


def test_counts_are_plural_only_when_they_are_more_than_one(tmp_path: Path) -> None:
    (tmp_path / "missing.html").touch()
    outputs = [
        _text(PROBLEMS).stdout,
        _text("examples/").stdout,
        _text("--statistics", PROBLEMS).stdout,
        run_cli("check", str(tmp_path / "missing.html"), PROBLEMS, cwd=REPO).stdout,
        run_cli("check", "--format", "github", PROBLEMS, cwd=REPO).stdout,
        run_cli("check", "--format", "markdown", PROBLEMS, cwd=REPO).stdout,
    ]
    for out in outputs:
        assert _BAD_PLURALS.search(out) is None, _BAD_PLURALS.search(out)
    assert "1 input could not be read" in outputs[3]


def test_a_page_read_as_markdown_though_its_name_does_not_say_so() -> None:
    """The report side: a page whose suffix is not .html or .md says how it was read."""
    page = _report_page("notes.txt", 90, source_format="markdown")
    stream = io.StringIO()
    formats()["text"].write(AuditReport(pages=(page,)), stream, ReportOptions(color=False))
    assert stream.getvalue().splitlines()[0] == "notes.txt  score 90/100  (read as Markdown)"
    stream = io.StringIO()
    formats()["json"].write(AuditReport(pages=(page,)), stream, ReportOptions())
    assert json.loads(stream.getvalue())["pages"][0]["format"] == "markdown"


def test_the_text_command_says_a_txt_was_read_as_markdown_and_takes_several(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("# Cold brew\n\nCold brew is coffee steeped in cold water.\n")
    result = run_cli("text", str(notes), str(EXAMPLES / "well-made-article.html"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"==> {notes} (read as Markdown) <=="
    assert f"==> {EXAMPLES / 'well-made-article.html'} <==" in lines
    assert "Cold brew is coffee steeped in cold water." in lines
