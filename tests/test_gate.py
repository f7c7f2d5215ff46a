"""Issue 12, trust: a gate CI can rely on. A page's score is the page's alone (cross-page rules
make a site score with its own gate), a baseline says what was fixed, one run writes every
report CI needs and says on stderr what it wrote and what the gate decided."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from seo_audit.run import AuditSettings, audit_one, run_batch

from helpers import CORPUS, EXAMPLES, REPO, needs_corpus, run_cli, wrap

PROBLEMS = "examples/film-news-with-problems.html"


def _json(*args: str, cwd: Path = REPO) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def _scores(report: dict) -> dict[str, int]:  # type: ignore[type-arg]
    return {Path(p["path"]).name: p["score"] for p in report["pages"]}


def test_the_issue_s_example_scores_59_and_fails_alone_and_in_its_folder() -> None:
    # 59 since issue 15: the page is indexable (robots-noindex good, weight 3) and has no
    # social card tags (social-card-missing, weight 1).
    gate = ("--fail-under", "60", "--fail-on", "never")
    alone_code, alone = _json(PROBLEMS, *gate)
    folder_code, folder = _json("examples/", *gate)
    assert _scores(alone)["film-news-with-problems.html"] == 59
    assert _scores(folder)["film-news-with-problems.html"] == 59
    assert alone_code == folder_code == 1
    failed = folder["gate"]["failed_pages"]
    assert failed == [PROBLEMS] and "score 59 is under 60" in folder["pages"][1]["gate"]["reason"]
    # The cross-page rules ran on the folder, and are scored apart.
    assert "site" not in folder["pages"][1]["categories"]
    assert folder["summary"]["site_score"] == folder["gate"]["site"]["score"] == 100


def test_every_example_scores_the_same_alone_in_a_list_and_in_its_folder() -> None:
    pages = sorted(str(p.relative_to(REPO)) for p in EXAMPLES.glob("*.*") if p.suffix != ".toml")
    pages = [p for p in pages if p.endswith((".html", ".md"))]
    _, folder = _json("examples/")
    _, listed = _json(*pages)
    alone = {}
    for page in pages:
        alone.update(_scores(_json(page)[1]))
    assert _scores(folder) == _scores(listed) == alone
    assert {p["path"]: p["categories"] for p in folder["pages"]} == {
        p["path"]: p["categories"] for p in listed["pages"]
    }


@needs_corpus
def test_every_corpus_page_scores_the_same_alone_and_in_the_folder() -> None:
    settings = AuditSettings(isolated=True)
    folder = run_batch([str(CORPUS)], settings, jobs=2)
    assert len(folder.pages) == 91 and folder.site_score is not None
    in_folder = {page.path: (page.score, dict(page.categories)) for page in folder.pages}
    for path in sorted(in_folder):
        _, alone = audit_one(path, settings)
        assert (alone.score, dict(alone.categories)) == in_folder[path], path
    # The cross-page rules ran on every page (a partial site: none of them finds anything).
    assert all(page.site_results for page in folder.pages)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three pages sharing one title: duplicate-title (a warning) on each, orphans."""
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("a", "b", "c"):
        body = (
            f"<article><h1>Cold brew {name}</h1><p>Cold brew is coffee steeped cold.</p></article>"
        )
        (folder / f"{name}.html").write_text(wrap(body, title="Cold brew at home"))
    return folder


def test_site_findings_are_listed_on_each_page_and_gated_by_severity(site: Path) -> None:
    code, report = _json("--isolated", "--fail-on", "never", str(site))
    assert code == 0
    for page in report["pages"]:
        assert "duplicate-title" in {f["rule"] for f in page["findings"]}
    code, report = _json("--isolated", "--fail-on", "warning", str(site))
    assert code == 1
    assert all(not page["gate"]["passed"] for page in report["pages"])


def test_fail_under_site_gates_the_site_score(site: Path) -> None:
    loose = ("--isolated", "--fail-on", "never", str(site))
    code, report = _json(*loose)
    site_score = report["summary"]["site_score"]
    assert code == 0 and site_score is not None and site_score < 100
    assert report["gate"]["site"] == {"score": site_score, "passed": True}
    code, report = _json("--fail-under-site", str(site_score + 1), *loose)
    assert code == 1 and report["gate"]["passed"] is False
    assert report["gate"]["failed_pages"] == []  # every page passed: the site did not
    assert f"site score {site_score} is under {site_score + 1}" in report["gate"]["site"]["reason"]
    text = run_cli("check", "--fail-under-site", str(site_score + 1), *loose)
    assert text.returncode == 1
    assert f"site score {site_score}/100" in text.stdout
    assert text.stdout.rstrip().splitlines()[-1] == (
        f"gate: FAILED (site score {site_score} is under {site_score + 1})"
    )
    # A single page has no site score: the site gate has nothing to hold.
    code, report = _json("--fail-under-site", "99", *loose[:-1], str(site / "a.html"))
    assert code == 0 and report["gate"]["site"]["score"] is None
    bad = run_cli("check", "--fail-under-site", "120", str(site))
    assert bad.returncode == 2 and "--fail-under-site: must be a number from 0 to 100" in bad.stderr


def test_fail_under_site_in_the_config_gates_the_site_and_the_flag_wins(site: Path) -> None:
    loose = ("--fail-on", "never", str(site))
    code, report = _json("--isolated", *loose)
    site_score = report["summary"]["site_score"]
    (site / "seo-audit.toml").write_text(f"fail-under-site = {site_score + 1}\n")
    code, report = _json(*loose)
    assert code == 1 and report["gate"]["passed"] is False
    assert f"site score {site_score} is under {site_score + 1}" in report["gate"]["site"]["reason"]
    code, report = _json("--fail-under-site", str(site_score), *loose)
    assert code == 0 and report["gate"]["site"]["passed"] is True
    (site / "seo-audit.toml").write_text("fail-under-site = 101\n")
    bad = run_cli("check", str(site))
    assert bad.returncode == 2
    assert "fail-under-site" in bad.stderr and "must be a number from 0 to 100" in bad.stderr


def test_baseline_reports_what_was_fixed_since_it_was_written(tmp_path: Path) -> None:
    page = tmp_path / "post.html"
    shutil.copy(EXAMPLES / "film-news-with-problems.html", page)
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", "--isolated", "--write-baseline", str(baseline), str(page))
    assert written.returncode == 1 and re.search(r"wrote \d+ findings to", written.stderr)
    code, report = _json("--isolated", "--baseline", str(baseline), str(page))
    assert code == 0 and report["baseline"] == {"fixed": 0, "fixed_findings": []}
    # The writer credits the person who wrote the article.
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("by admin", "by Mara Lindqvist"), encoding="utf-8")
    code, report = _json("--isolated", "--baseline", str(baseline), str(page))
    assert report["baseline"]["fixed_findings"] == [
        {"path": str(page), "rule": "editorial-generic-author"}
    ]
    text = run_cli("check", "--isolated", "--baseline", str(baseline), str(page)).stdout
    count = report["baseline"]["fixed"]
    noun = "finding" if count == 1 else "findings"
    assert f"baseline: {count} {noun} fixed since it was written" in text
    assert f"{page}: editorial-generic-author" in text
    assert "--write-baseline FILE refreshes it" in text
    # Refreshed, the baseline has nothing fixed left to report.
    run_cli("check", "--isolated", "--write-baseline", str(baseline), str(page))
    _, report = _json("--isolated", "--baseline", str(baseline), str(page))
    assert report["baseline"]["fixed"] == 0


def test_a_baseline_of_other_pages_reports_nothing_fixed_for_them(tmp_path: Path) -> None:
    """CI that audits only the changed pages says nothing about the others' entries, nor about
    the cross-page findings a single page cannot have."""
    for name in ("one.html", "two.html"):
        shutil.copy(EXAMPLES / "film-news-with-problems.html", tmp_path / name)
    baseline = tmp_path / "baseline.json"
    run_cli("check", "--isolated", "--write-baseline", str(baseline), str(tmp_path))
    _, report = _json("--isolated", "--baseline", str(baseline), str(tmp_path / "one.html"))
    assert report["baseline"]["fixed"] == 0


def test_one_run_writes_several_reports_and_says_so_on_stderr(tmp_path: Path) -> None:
    json_file, sarif, junit = tmp_path / "seo.json", tmp_path / "seo.sarif", tmp_path / "seo.xml"
    result = run_cli(
        "check",
        "--format",
        "json",
        "-o",
        str(json_file),
        "--report",
        f"sarif={sarif}",
        "--report",
        f"junit={junit}",
        "examples/",
        cwd=REPO,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"seo-audit: wrote the json report to {json_file}; gate FAILED (2 of 3 pages failed)",
        f"seo-audit: wrote the sarif report to {sarif}; gate FAILED (2 of 3 pages failed)",
        f"seo-audit: wrote the junit report to {junit}; gate FAILED (2 of 3 pages failed)",
    ]
    report = json.loads(json_file.read_text(encoding="utf-8"))
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert len(results) == sum(len(p["findings"]) for p in report["pages"])
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    # Without -o the --format report still goes to stdout.
    also = run_cli("check", "--report", f"concise={tmp_path / 'c.txt'}", PROBLEMS, cwd=REPO)
    assert "gate: FAILED" in also.stdout and "wrote the concise report" in also.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--report", "json"], "is not FORMAT=FILE"),
        (["--report", "yaml=x.yaml"], "unknown format 'yaml'"),
        (["--report", "json=same.json", "--report", "sarif=same.json"], "are the same file"),
        (["-o", "same.json", "--report", "sarif=same.json"], "are the same file"),
        (["--report", f"json={PROBLEMS}"], "one of the pages to audit"),
    ],
)
def test_report_targets_are_checked_before_the_run(
    tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "page.html"
    shutil.copy(EXAMPLES / "film-news-with-problems.html", target)
    args = [
        a.replace(PROBLEMS, str(target)).replace("same.json", str(tmp_path / "s")) for a in args
    ]
    result = run_cli("check", *args, str(target))
    assert result.returncode == 2 and message in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "s").exists()
