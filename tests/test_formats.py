"""Every output format, read back with a real parser for that format."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from helpers import EXAMPLES, REPO, run_cli, wrap

HOSTILE_TITLE = '=HYPERLINK("http://x") <script>alert(1)</script> | 50% off, now: **bold**'


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("formats")
    hostile = folder / "hostile.html"
    hostile.write_text(
        wrap(
            "<article>\n<h1>Headline</h1>\n<p>Lorem ipsum dolor sit amet.</p>\n"
            f"<h1>{HOSTILE_TITLE.replace('<', '&lt;')}</h1>\n</article>",
            title=HOSTILE_TITLE.replace("<", "&lt;"),
        ),
        encoding="utf-8",
    )
    (folder / "empty.html").write_text("")
    return [str(EXAMPLES), str(hostile), str(folder / "empty.html")]


def _run(fmt: str, pages: list[str], tmp_path: Path) -> tuple[int, str]:
    output = tmp_path / f"report.{fmt}"
    result = run_cli("check", "--format", fmt, "--output", str(output), *pages)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # --output takes the whole report
    return result.returncode, output.read_text(encoding="utf-8")


def _reference(pages: list[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(run_cli("check", "--format", "json", *pages).stdout)


def test_json_and_exit_code(pages: list[str], tmp_path: Path) -> None:
    code, text = _run("json", pages, tmp_path)
    report = json.loads(text)
    assert code == 2  # one input could not be read; the others are still reported
    assert len(report["pages"]) == 4 and len(report["errors"]) == 1
    hostile = next(p for p in report["pages"] if p["path"].endswith("hostile.html"))
    assert hostile["title"] == HOSTILE_TITLE


def test_jsonl_streams_one_object_per_line(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("jsonl", pages, tmp_path)
    objects = [json.loads(line) for line in text.splitlines()]
    assert len(objects) == 5
    assert sum("error" in o for o in objects) == 1
    assert all("score" in o for o in objects if "error" not in o)


def test_sarif_validates_against_the_official_schema(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("sarif", pages, tmp_path)
    log = json.loads(text)
    schema = json.loads((REPO / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all(rule["help"]["text"] for rule in rules)
    reference = _reference(pages)
    expected = sum(len(p["findings"]) for p in reference["pages"])
    assert len(run["results"]) == expected
    seo_note = next(r for r in run["results"] if r["ruleId"] == "editorial-seo-note")
    location = seo_note["locations"][0]["physicalLocation"]
    region = location["region"]
    assert region["startLine"] == region["endLine"] == 18
    # The region covers the note the message quotes, in the file as the writer has it.
    line = (EXAMPLES / "film-news-with-problems.html").read_text(encoding="utf-8").splitlines()[17]
    covered = line[region["startColumn"] - 1 : region["endColumn"] - 1]
    assert covered.startswith("focus keyword")
    assert " ".join(covered.split()) in seo_note["message"]["text"]  # the page has two spaces
    assert location["artifactLocation"]["uri"].endswith("examples/film-news-with-problems.html")
    assert rules[seo_note["ruleIndex"]]["id"] == "editorial-seo-note"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_junit_is_one_testcase_per_page_and_rule(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("junit", pages, tmp_path)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 5  # four pages and the unreadable input
    problems = next(s for s in suites if s.get("name", "").endswith("film-news-with-problems.html"))
    cases = {c.get("name"): c for c in problems.findall("testcase")}
    failure = cases["editorial-seo-note"].find("failure")
    assert failure is not None and "SEO note" in (failure.get("message") or "")
    assert cases["h1-missing"].find("failure") is None
    assert cases["faq-schema-invalid"].find("skipped") is not None
    assert int(problems.get("failures", "0")) == sum(
        1 for c in cases.values() if c.find("failure") is not None
    )
    total = sum(int(s.get("tests", "0")) for s in suites)
    assert int(root.get("tests", "0")) == total


_COMMAND_RE = re.compile(
    r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<data>.*)$"
)


def _unescape(text: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    commands = []
    for line in text.splitlines():
        match = _COMMAND_RE.match(line)
        assert match, line
        properties = dict(p.split("=", 1) for p in match.group("properties").split(","))
        commands.append(
            (
                match.group("command"),
                {k: _unescape(v) for k, v in properties.items()},
                _unescape(match.group("data")),
            )
        )
    return commands


def test_github_workflow_commands(pages: list[str], tmp_path: Path) -> None:
    output = tmp_path / "report.github"
    result = run_cli(
        "check", "--format", "github", "--min-severity", "info", "-o", str(output), *pages
    )
    commands = _commands(output.read_text(encoding="utf-8"))
    annotations, summary = commands[:-1], commands[-1]
    # Errors (the unreadable input first), then warnings, then notices.
    levels = [command for command, _, _ in annotations]
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)
    assert annotations[0][1]["file"].endswith("empty.html") and annotations[0][0] == "error"
    reference = _reference(pages)
    errors = {
        f["message"] for p in reference["pages"] for f in p["findings"] if f["severity"] == "error"
    }
    assert errors <= {data for _, _, data in annotations}  # under 10: every one annotated
    hostile = run_cli("check", "--format", "github", "--min-severity", "info", pages[1]).stdout
    assert any("50% off, now" in data for _, props, data in _commands(hostile) if props["file"])
    seo_note = next(c for c in annotations if c[1]["title"] == "seo-audit editorial-seo-note")
    assert seo_note[0] == "error" and seo_note[1]["line"] == "18"
    # The last one has no file: it sums up the gate and the cut.
    assert summary[0] == "notice" and summary[1]["file"] == ""
    assert summary[1]["title"] == "seo-audit summary" and "gate FAILED" in summary[2]
    assert "wrote the github report" in result.stderr


def test_gitlab_code_quality(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("gitlab", pages, tmp_path)
    issues = json.loads(text)
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["description"] and issue["check_name"]
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert (
            not issue["location"]["path"].startswith("/") or "formats" in issue["location"]["path"]
        )
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(fingerprints) == len(set(fingerprints))


def test_markdown_summary_escapes_page_text(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("markdown", pages, tmp_path)
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    rendered = md.render(text)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<strong>bold</strong>" not in rendered
    # The gate first, the unreadable input next, failing pages before the passing ones.
    assert text.index("gate FAILED") < text.index("could not be read") < text.index("Failed the")
    assert text.index("### Failed the gate") < text.index("### Passed")
    passed = text.split("### Passed", 1)[1]
    tokens = md.parse(passed)
    rows = [t for t in tokens if t.type == "tr_open"]
    passing = [p for p in _reference(pages)["pages"] if p["gate"]["passed"]]
    assert len(rows) == 1 + len(passing) >= 2  # a header, and one row per passing page


def test_csv_one_row_per_page(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("csv", pages, tmp_path)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5
    by_name = {Path(r["path"]).name: r for r in rows}
    assert by_name["well-made-article.html"]["gate"] == "pass"
    assert int(by_name["film-news-with-problems.html"]["errors"]) == 2
    assert by_name["hostile.html"]["title"].startswith("'=")  # not a spreadsheet formula
    assert by_name["empty.html"]["error"] == "is empty"


def test_text_report_to_a_file_has_no_colour(pages: list[str], tmp_path: Path) -> None:
    _, text = _run("text", pages, tmp_path)
    assert "\x1b[" not in text and "gate: FAILED" in text
