"""The README's generated tables and examples stay true."""

from __future__ import annotations

import re
from pathlib import Path

from seo_audit.testing import load_cases, run_case

from helpers import EXAMPLES, REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def _block(marker: str) -> str:
    match = re.search(rf"<!-- {marker}:[^>]*-->\n(.*?)<!-- /{marker} -->", README, re.S)
    assert match, f"no {marker} block in README.md"
    return match.group(1)


def test_the_rule_table_is_what_seo_audit_rules_prints(tmp_path: Path) -> None:
    printed = run_cli("rules", "--format", "markdown", "--isolated", cwd=tmp_path).stdout
    assert _block("rules-table") == printed, "run `seo-audit rules --format markdown`"


def test_the_format_table_is_what_seo_audit_formats_prints(tmp_path: Path) -> None:
    printed = run_cli("formats", "--format", "markdown", cwd=tmp_path).stdout
    assert _block("formats-table") == printed, "run `seo-audit formats --format markdown`"


SAMPLE_COMMAND = ("check", "examples/film-news-with-problems.html")


def test_the_sample_output_is_what_its_command_prints() -> None:
    """The README's sample is the real output of its command, run in the checkout as a writer
    would (no terminal: 100 columns, no colour). To refresh it, paste what this prints."""
    sample = _block("sample-output")
    assert f"`seo-audit {' '.join(SAMPLE_COMMAND)}`" in README
    printed = run_cli(*SAMPLE_COMMAND, cwd=REPO)
    assert printed.returncode == 1  # the example has errors on purpose
    assert sample == f"```text\n{printed.stdout}```\n", "paste the command's output into README"


def test_the_readme_says_how_to_point_the_tests_at_the_corpus() -> None:
    assert "SEO_AUDIT_SHARED" in README


def test_the_case_file_example_runs(tmp_path: Path) -> None:
    example = README.split("### Testing a rule", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    cases = tmp_path / "cases"
    cases.mkdir()
    # The example's rules-dir is relative to its file: put the house rules there.
    (tmp_path / "house_rules").symlink_to(EXAMPLES / "house_rules")
    (cases / "clickbait.yaml").write_text(example, encoding="utf-8")
    found = load_cases(cases)
    assert len(found) == 2
    for case in found:
        run_case(case)
