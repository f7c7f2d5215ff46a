"""Rule tests as data: tests/cases/<rule-id>.yaml lists pages with the findings that must and
must not appear. Every builtin rule needs a case file with both kinds of case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from seo_audit.config import Overrides
from seo_audit.engine.registry import builtin_rules
from seo_audit.engine.rule import Verdict
from seo_audit.engine.runner import run_rule
from seo_audit.run.batch import run_batch
from seo_audit.run.plan import AuditSettings

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


def _site_case(rule_id: str, case: dict[str, Any], folder: Path) -> None:
    """A cross-page rule: write the pages into a folder, audit it, compare per page."""
    for name, spec in case["pages"].items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            path.write_text(spec, encoding="utf-8")
        else:
            text = wrap(
                spec.get("body", "<p>Text.</p>"),
                title=spec.get("title", "A test page"),
                head=spec.get("head", "</head>"),
            )
            path.write_text(text, encoding="utf-8")
    settings = AuditSettings(
        isolated=True, base_url=case.get("base_url"), overrides=Overrides(select=(rule_id,))
    )
    report = run_batch([str(folder)], settings, jobs=1)
    assert not report.errors, report.errors
    got = {
        Path(page.path).relative_to(folder).as_posix(): [
            (f.line, f.message) for f in page.findings if f.rule == rule_id
        ]
        for page in report.pages
    }
    expected = case.get("findings") or {}
    for name in case["pages"]:
        want = expected.get(name, [])
        assert len(got[name]) == len(want), f"{name}: expected {len(want)}, got {got[name]}"
        for spec, (line, message) in zip(want, got[name], strict=True):
            if "line" in spec:
                assert line == spec["line"], (name, spec, line, message)
            if "contains" in spec:
                assert spec["contains"].lower() in message.lower(), (name, spec, message)


@pytest.mark.parametrize(("rule_id", "case"), _load_cases())
def test_rule_case(rule_id: str, case: dict[str, Any], tmp_path: Path) -> None:
    rule = RULES[rule_id]
    if rule.scope == "site":
        _site_case(rule_id, case, tmp_path)
        return
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
            findings = case.get("findings")
            if isinstance(findings, dict):
                findings = [f for page in findings.values() for f in page]
            (firing if findings else quiet).add(document["rule"])
    assert set(RULES) - firing == set(), "rules without a case that triggers them"
    assert set(RULES) - quiet == set(), "rules without a case that must stay quiet"
