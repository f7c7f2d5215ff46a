"""Command-line switches for what the draft and site stages offer."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli, wrap


def test_init_writes_a_preset_config(tmp_path: Path) -> None:
    result = run_cli("init", "--preset", "hugo", cwd=tmp_path)
    assert result.returncode == 0
    assert 'preset = "hugo"' in (tmp_path / "seo-audit.toml").read_text(encoding="utf-8")
    unknown = run_cli("init", "--preset", "nope", "other.toml", cwd=tmp_path)
    assert unknown.returncode == 2 and "choose: astro" in unknown.stderr


def test_default_excludes_can_be_switched_off(tmp_path: Path) -> None:
    (tmp_path / "post.html").write_text(wrap("<h1>Post</h1><p>Text of the post.</p>"))
    vendored = tmp_path / "node_modules" / "pkg"
    vendored.mkdir(parents=True)
    (vendored / "README.md").write_text("# A package\n\nNot an article.\n")
    walked = run_cli("check", "--isolated", str(tmp_path))
    assert "node_modules" not in walked.stdout
    everything = run_cli("check", "--isolated", "--no-default-excludes", str(tmp_path))
    assert "node_modules/pkg/README.md" in everything.stdout


def test_text_lines_shows_code_as_skipped(tmp_path: Path) -> None:
    draft = tmp_path / "post.md"
    draft.write_text("---\ntitle: Code\n---\nSome prose.\n\n```python\n# TODO: fix\n```\n")
    shown = run_cli("text", "--lines", str(draft)).stdout
    assert "    7: [skipped: code, not prose]" in shown and "    7| # TODO: fix" in shown
    assert "TODO" not in run_cli("text", str(draft)).stdout


def test_rule_messages_read_right() -> None:
    from seo_audit.testing import Case, audit_case_page

    def messages(rule: str, body: str, keyphrase: str | None = None) -> list[str]:
        spec = {"name": "x", "body": body, "findings": [], "keyphrase": keyphrase}
        report = audit_case_page(Case(Path("inline.yaml"), rule, "x", spec))
        return [f.message for f in report.findings]

    passive = messages(
        "passive-voice",
        "<p>The cake was eaten by the dog. The bread was taken by the cat. Birds sing.</p>",
    )
    assert passive and all(not m.endswith(".”.") and m.endswith(".”") for m in passive)
    one = messages("keyphrase-in-subheadings", "<h1>T</h1><p>x</p><h2>Other</h2><p>y</p>", "cold")
    assert one == [one[0]] and "0 of 1 subheading reflects the keyphrase" in one[0]


def test_quoted_values_that_are_cut_end_with_an_ellipsis() -> None:
    from seo_audit.testing import Case, audit_case_page

    long = "An extremely long second headline " * 5
    spec = {"name": "x", "body": f"<h1>Title</h1><p>x</p><h1>{long}</h1>", "findings": []}
    report = audit_case_page(Case(Path("inline.yaml"), "h1-multiple", "x", spec))
    assert "…”" in report.findings[0].message
