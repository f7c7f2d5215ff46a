"""Rule tests as data: tests/cases/<rule-id>.yaml lists pages with the findings that must and
must not appear, run through the public harness (seo_audit.testing), as plugin and house-rule
authors run theirs. Every builtin rule needs a case file with both kinds of case."""

from __future__ import annotations

from pathlib import Path

import pytest

from seo_audit.engine.registry import builtin_rules
from seo_audit.testing import Case, CaseError, load_cases, run_case

from helpers import EXAMPLES

CASES = Path(__file__).parent / "cases"
RULES = {rule.id: rule for rule in builtin_rules()}
ALL_CASES = load_cases(CASES)


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_rule_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_every_rule_has_cases_both_ways() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for case in ALL_CASES:
        findings = case.spec["findings"]
        if isinstance(findings, dict):
            findings = [f for page in findings.values() for f in page or []]
        (firing if findings else quiet).add(case.rule)
    assert set(RULES) - firing == set(), "rules without a case that triggers them"
    assert set(RULES) - quiet == set(), "rules without a case that must stay quiet"


def _case_file(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "cases.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def test_an_unknown_key_is_an_error_not_a_passing_case(tmp_path: Path) -> None:
    # `finding:` for `findings:` used to pass silently: no findings expected, none checked.
    file = _case_file(
        tmp_path,
        "rule: h1-missing\ncases:\n  - name: typo\n    body: <p>No heading.</p>\n"
        "    finding: [{contains: H1}]\n",
    )
    with pytest.raises(CaseError, match=r"case 'typo': unknown key 'finding'"):
        load_cases(file)


def test_a_case_that_expects_the_wrong_findings_fails(tmp_path: Path) -> None:
    file = _case_file(
        tmp_path,
        "rule: h1-missing\ncases:\n  - name: wrong\n    body: <p>No heading.</p>\n"
        "    findings: []\n",
    )
    with pytest.raises(AssertionError, match="expected 0 findings, got 1"):
        run_case(load_cases(file)[0])


def test_cases_run_through_options_severity_and_suppressions(tmp_path: Path) -> None:
    file = _case_file(
        tmp_path,
        """rule: text-length
cases:
  - name: severity and options from the case, as a config would set them
    body: <p>Only a few words here.</p>
    severity: error
    options: {content_type: short}
    findings: [{severity: error, contains: "at least"}]
  - name: a suppression comment in the page is honoured
    body: |
      <!-- seo-audit: disable text-length -->
      <p>Only a few words here.</p>
    verdict: not applicable
    findings: []
""",
    )
    for case in load_cases(file):
        run_case(case)


def test_an_unknown_option_is_reported_as_a_config_would_be(tmp_path: Path) -> None:
    file = _case_file(
        tmp_path,
        "rule: text-length\ncases:\n  - name: typo\n    body: <p>x</p>\n"
        "    options: {content_typ: short}\n    findings: []\n",
    )
    with pytest.raises(Exception, match="unknown option"):
        run_case(load_cases(file)[0])


def test_house_rules_are_tested_the_same_way(tmp_path: Path) -> None:
    file = _case_file(
        tmp_path,
        f"""rule: house-title-clickbait
rules-dir: {EXAMPLES / "house_rules"}
cases:
  - name: a clickbait title
    title: You won't believe what this composer did
    body: <h1>Film score news</h1><p>Text.</p>
    findings: [{{line: 4}}]
  - name: a plain title
    title: Composer records the score with a choir
    body: <h1>Film score news</h1><p>Text.</p>
    findings: []
""",
    )
    for case in load_cases(file):
        run_case(case)
