"""What the stages restructure fixed by construction, each as a user sees it."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from seo_audit.formats import ReportOptions, formats
from seo_audit.results.model import (
    AuditReport,
    Gate,
    InputFailure,
    PageReport,
    ReportedFinding,
    RuleInfo,
    RuleResult,
    Severity,
    Verdict,
)

from helpers import EXAMPLES, run_cli, wrap

HOUSE_RULE = '''
from pathlib import Path
from seo_audit.rule import Finding, rule

# Every execution of this file leaves a line behind.
with open(Path(__file__).with_name("executions.log"), "a") as log:
    log.write("executed\\n")


@rule("house-short-title", category="house", severity="info", aliases=("house-title-short",))
def house_short_title(page, options):
    """The title has fewer than three words."""
    if page.title and len(page.title.split()) < 3:
        yield Finding("Say more in the title.", line=page.title_line)
'''


def _house_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "short_title.py").write_text(HOUSE_RULE, encoding="utf-8")
    return folder


def _pages(tmp_path: Path, count: int) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for index in range(count):
        page = wrap(f"<h1>Post {index}</h1><p>Some text about post {index}.</p>", title="Short")
        (site / f"post-{index}.html").write_text(page, encoding="utf-8")
    return site


def _executions(folder: Path) -> int:
    log = folder / "executions.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_a_rules_dir_file_is_executed_once_per_process(tmp_path: Path) -> None:
    house = _house_rules(tmp_path)
    page = _pages(tmp_path, 1) / "post-0.html"
    result = run_cli("check", "--isolated", "--rules-dir", str(house), "-j", "1", str(page))
    assert "house-short-title" in result.stdout
    assert _executions(house) == 1  # was 4: flag check, config validation, rules, report
    (house / "executions.log").unlink()
    site = page.parent
    for index in range(1, 12):
        (site / f"post-{index}.html").write_text((site / "post-0.html").read_text())
    result = run_cli("check", "--isolated", "--rules-dir", str(house), "-j", "2", str(site))
    assert result.stdout.count("house-short-title") >= 12
    # Workers start with what the parent loaded (fork) or load it once each.
    assert _executions(house) <= 1 + (0 if sys.platform == "linux" else 2)


def test_csv_has_each_category_once_including_house_rule_categories(tmp_path: Path) -> None:
    house = _house_rules(tmp_path)
    site = _pages(tmp_path, 2)
    result = run_cli("check", "--isolated", "--rules-dir", str(house), "--format", "csv", str(site))
    header = next(csv.reader(io.StringIO(result.stdout)))
    categories = [c for c in header if c.startswith("category_")]
    assert len(categories) == len(set(categories))
    assert "category_content" in categories and "category_house" in categories
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["category_house"] == "0"  # "Short" is one word


def test_a_renamed_rule_answers_to_its_former_id(tmp_path: Path) -> None:
    house = _house_rules(tmp_path)
    page = _pages(tmp_path, 1) / "post-0.html"
    (tmp_path / "seo-audit.toml").write_text(
        f'rules-dir = ["{house}"]\nignore = ["house-title-short"]\n', encoding="utf-8"
    )
    result = run_cli("check", "--format", "json", str(page))
    assert result.returncode in (0, 1), result.stderr
    assert "house-short-title" not in {
        f["rule"] for f in json.loads(result.stdout)["pages"][0]["findings"]
    }
    selected = run_cli(
        "check", "--isolated", "--rules-dir", str(house), "--select", "house-title-short", str(page)
    )
    assert "house-short-title" in selected.stdout
    explained = run_cli("explain", "house-title-short", "--rules-dir", str(house))
    assert explained.returncode == 0 and "Formerly: house-title-short" in explained.stdout


def _report_of(kind: str, name: str) -> AuditReport:
    finding = ReportedFinding("h1-missing", "headings", Severity.ERROR, "No H1.", 3, "bad")
    result = RuleResult("h1-missing", "headings", 3, Severity.ERROR, Verdict.BAD, (finding,))
    page = PageReport(
        path=name,
        score=0,
        categories={"headings": 0},
        keyphrase=None,
        keyphrase_source=None,
        keyphrase_line=None,
        title="A title",
        metrics={},
        results=(result,),
        gate=Gate(False, "1 finding of severity error"),
        kind=kind,
    )
    failure = InputFailure(name + "/missing", "404 not found", kind)
    info = RuleInfo("h1-missing", "headings", Severity.ERROR, 3, "No H1.", "No H1.", "builtin")
    return AuditReport(
        pages=(page, page), errors=(failure,), rules={"h1-missing": info}, categories=("headings",)
    )


@pytest.mark.parametrize("name", sorted(formats()))
def test_a_url_stays_a_url_in_every_format(name: str) -> None:
    stream = io.StringIO()
    formats()[name].write(_report_of("url", "https://example.com/a/b"), stream, ReportOptions())
    shown = stream.getvalue()
    # Each medium escapes in its own way (JSON may write \/, GitHub commands %3A).
    assert "https://example.com/a/b" in shown.replace("\\/", "/").replace("%3A", ":")
    assert "https:/example.com" not in shown


def test_a_format_plugin_is_found_by_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A third-party package, "installed" as a folder on the path with its dist-info.
    (tmp_path / "acme_format.py").write_text(
        '"""One line per page."""\n\n\ndef write(report, stream, options):\n'
        "    for page in report.pages:\n"
        '        stream.write(f"ACME {page.score} {page.path}\\n")\n',
        encoding="utf-8",
    )
    info = tmp_path / "acme_format-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-format\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[seo_audit.formats]\nacme = acme_format\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    result = run_cli("check", "--format", "acme", str(EXAMPLES / "well-made-article.html"))
    listed = run_cli("formats")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ACME 100 ")
    assert "acme" in listed.stdout and "acme-format" in listed.stdout
