"""Rule tests as data: tests/cases/<rule-id>.yaml lists pages with the findings that must and
must not appear. Every builtin rule needs a case file with both kinds of case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from seo_audit.engine import run_rule
from seo_audit.registry import builtin_rules
from seo_audit.rule import Verdict

from helpers import page_from, wrap

CASES = Path(__file__).parent / "cases"
RULES = {rule.id: rule for rule in builtin_rules()}


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES.glob("*.yaml")):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in document["cases"]:
            params.append(pytest.param(document["rule"], case, id=f"{file.stem}: {case['name']}"))
    return params


def _page(case: dict[str, Any]) -> Any:
    if "markdown" in case:
        return page_from(markdown=case["markdown"], keyphrase=case.get("keyphrase"))
    html = case.get("html") or wrap(
        case["body"], title=case.get("title", "A test page"), head=case.get("head", "</head>")
    )
    return page_from(html=html, keyphrase=case.get("keyphrase"))


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    rule = RULES[rule_id]
    result = run_rule(rule, _page(case), case.get("options", {}))
    assert result.verdict is not Verdict.INTERNAL_ERROR, result.findings
    if "verdict" in case:
        assert result.verdict.value == case["verdict"], (result.verdict, result.findings)
    expected = case.get("findings", [])
    got = [(f.line, f.message) for f in result.findings]
    assert len(got) == len(expected), f"expected {len(expected)} findings, got {got}"
    for want, (line, message) in zip(expected, got, strict=True):
        if "line" in want:
            assert line == want["line"], (want, line, message)
        if "contains" in want:
            assert want["contains"].lower() in message.lower(), (want, message)


def test_every_rule_has_cases_both_ways() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for file in CASES.glob("*.yaml"):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in document["cases"]:
            (firing if case.get("findings") else quiet).add(document["rule"])
    assert set(RULES) - firing == set(), "rules without a case that triggers them"
    assert set(RULES) - quiet == set(), "rules without a case that must stay quiet"
