"""The installed command, as writers and CI pipelines run it: exit codes, output, errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from helpers import EXAMPLES, run_cli, wrap

PROBLEMS = str(EXAMPLES / "film-news-with-problems.html")
WELL_MADE = str(EXAMPLES / "well-made-article.html")
DRAFT = str(EXAMPLES / "draft-cold-brew.md")


def _json(*args: str, stdin: str | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "json", *args, stdin=stdin)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_well_made_article_passes() -> None:
    code, report = _json(WELL_MADE)
    assert code == 0
    page = report["pages"][0]
    assert page["score"] >= 90
    assert [f for f in page["findings"] if f["severity"] == "error"] == []


def test_page_with_the_seed_problems() -> None:
    code, report = _json(PROBLEMS)
    assert code == 1
    page = report["pages"][0]
    assert (page["keyphrase"], page["keyphrase_source"]) == (
        "Starfall: The Last Orbit",
        "editor's note",
    )
    found = {(f["rule"], f["line"]) for f in page["findings"]}
    assert ("editorial-seo-note", 18) in found
    assert ("editorial-generic-author", 17) in found
    assert ("embed-placeholder", 24) in found
    assert ("faq-schema-missing", 25) in found
    assert ("faq-off-topic", 25) in found
    rules = {f["rule"] for f in page["findings"]}
    assert "h1-missing" not in rules and "keyphrase-in-title" not in rules
    # Template furniture around the article is not analysed.
    assert page["metrics"]["word_count"] < 330
    assert page["score"] < 75
    assert set(page["categories"]) >= {"keyphrase", "meta", "editorial", "faq", "embeds"}


def test_markdown_draft_lines_point_into_the_draft() -> None:
    code, report = _json(DRAFT)
    assert code == 1
    page = report["pages"][0]
    assert page["keyphrase_source"] == "front matter"
    placeholder = [f for f in page["findings"] if f["rule"] == "editorial-placeholder-text"]
    assert [f["line"] for f in placeholder] == [27]
    lines = Path(DRAFT).read_text(encoding="utf-8").splitlines()
    assert "[insert" in lines[27 - 1]


def test_folder_is_audited_recursively_in_order() -> None:
    code, report = _json(str(EXAMPLES))
    assert code == 1
    paths = [Path(p["path"]).name for p in report["pages"]]
    assert paths == ["draft-cold-brew.md", "film-news-with-problems.html", "well-made-article.html"]


def test_unreadable_input_is_listed_and_others_still_audited(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("")
    result = run_cli(
        "check", "--format", "json", str(tmp_path / "missing.html"), str(empty), WELL_MADE
    )
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [Path(p["path"]).name for p in report["pages"]] == ["well-made-article.html"]
    assert {(Path(e["path"]).name, e["message"]) for e in report["errors"]} == {
        ("missing.html", "no such file"),
        ("empty.html", "is empty"),
    }
    stderr = result.stderr.strip().splitlines()
    assert len(stderr) == 2 and all(line.startswith("seo-audit: ") for line in stderr)
    assert "Traceback" not in result.stderr


def test_stdin() -> None:
    html = wrap(
        "<article><h1>Cold brew</h1><p>Cold brew is coffee steeped in cold water.</p></article>"
    )
    _, report = _json("-", "-k", "cold brew", stdin=html)
    page = report["pages"][0]
    assert page["path"] == "<stdin>" and page["keyphrase_source"] == "option"
    assert page["metrics"]["keyphrase_count"] >= 1


def test_page_text_cannot_drive_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(
        wrap(
            "<h1>[bold red]Boom[/bold red]</h1><p>by admin</p><p>Text.</p>",
            title="[link=https://evil.example]click[/link] \x1b[31mred\x1b]0;pwned\x07",
        ),
        encoding="utf-8",
    )
    result = run_cli("check", "--color", str(page))
    assert "[link=https://evil.example]click[/link]" in result.stdout
    # Shown as \x1b[31mred, or without the ESC where reading the page drops it.
    assert "[31mred" in result.stdout and "\x1b[31mred" not in result.stdout
    assert "\x1b]0;pwned" not in result.stdout and "\x07" not in result.stdout
    assert "evil.example" not in result.stdout.replace("[link=https://evil.example]", "")


def test_text_command_prints_the_analysed_body() -> None:
    result = run_cli("text", PROBLEMS)
    assert result.returncode == 0
    assert "Composer Mara Lindqvist" in result.stdout
    for furniture in ("Related Videos", "Leave a Comment", "All rights reserved", "focus keyword"):
        assert furniture not in result.stdout
    numbered = run_cli("text", "--lines", PROBLEMS).stdout
    assert "   19: Composer Mara Lindqvist" in numbered


def test_rules_and_explain() -> None:
    listing = run_cli("rules", "--rules-dir", str(EXAMPLES / "house_rules"))
    assert listing.returncode == 0
    for rule_id in (
        "keyphrase-density",
        "faq-off-topic",
        "embed-placeholder",
        "house-title-clickbait",
    ):
        assert rule_id in listing.stdout
    assert "local" in listing.stdout and "builtin" in listing.stdout
    explained = run_cli("explain", "keyphrase-density")
    assert explained.returncode == 0
    assert "0.7 + L/3" in explained.stdout and "warning" in explained.stdout
    unknown = run_cli("explain", "keyphrase")
    assert unknown.returncode == 2
    assert unknown.stderr.count("\n") == 1 and "Did you mean" in unknown.stderr


def test_house_rule_from_a_folder(tmp_path: Path) -> None:
    page = tmp_path / "bait.html"
    page.write_text(wrap("<h1>Wow</h1><p>Text.</p>", title="You won't believe this brew!!"))
    _, report = _json("--rules-dir", str(EXAMPLES / "house_rules"), str(page))
    findings = [f for f in report["pages"][0]["findings"] if f["rule"] == "house-title-clickbait"]
    assert len(findings) == 1 and findings[0]["line"] == 4


def test_a_rule_that_raises_is_an_internal_error_of_that_rule(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.py").write_text(
        "from seo_audit.engine.rule import rule\n"
        "@rule('house-broken', category='editorial', severity='error')\n"
        "def broken(page, options):\n"
        "    raise ZeroDivisionError('oops')\n"
        "    yield\n"
    )
    code, report = _json("--rules-dir", str(rules), WELL_MADE)
    assert code == 0
    page = report["pages"][0]
    assert page["rules"]["house-broken"]["verdict"] == "internal error"
    broken = [f for f in page["findings"] if f["rule"] == "house-broken"]
    assert "ZeroDivisionError" in broken[0]["message"]
    assert page["rules"]["h1-missing"]["verdict"] == "good"


def test_a_house_rule_file_that_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("def (:\n")
    result = run_cli("check", "--rules-dir", str(tmp_path), WELL_MADE)
    assert result.returncode == 2
    assert "bad.py" in result.stderr and "Traceback" not in result.stderr


def test_plugin_rules_through_entry_points(tmp_path: Path) -> None:
    (tmp_path / "acme_rules.py").write_text(
        "from seo_audit.engine.rule import Finding, rule\n"
        "@rule('acme-no-h1', category='headings', severity='info')\n"
        "def acme(page, options):\n"
        "    '''Acme's own check.'''\n"
        "    yield Finding('Acme says hello.')\n"
    )
    info = tmp_path / "acme_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[seo_audit.rules]\nacme = acme_rules\n")
    import os
    import subprocess

    from helpers import seo_audit_command

    env = {**os.environ, "PYTHONPATH": str(tmp_path), "NO_COLOR": "1"}
    result = subprocess.run(
        [*seo_audit_command(), "rules"], capture_output=True, text=True, env=env
    )
    assert "acme-no-h1" in result.stdout and "plugin acme-rules" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("check", "--format", "yaml", WELL_MADE).returncode == 2
    assert run_cli("check", "--select", "no-such-rule", WELL_MADE).returncode == 2
    nothing = run_cli("check", cwd=tmp_path)
    assert nothing.returncode == 2 and "no pages found" in nothing.stderr
    # A folder of pages saved as text: the message says how to take them in.
    (tmp_path / "draft.txt").write_text("focus keyword: cold brew\nCold brew is easy.\n")
    assert "--include '*.txt'" in run_cli("check", str(tmp_path)).stderr
    assert run_cli("check", str(tmp_path), "--include", "*.txt").returncode in (0, 1)


def test_select_and_ignore() -> None:
    _, report = _json("--select", "editorial", PROBLEMS)
    assert set(report["pages"][0]["rules"]) == {
        "editorial-seo-note",
        "editorial-placeholder-text",
        "editorial-generic-author",
        "editorial-template-syntax",
        "house-title-clickbait",  # loaded by examples/seo-audit.toml's rules-dir
    }
    code, report = _json("--ignore", "editorial,embeds,faq", PROBLEMS)
    assert code == 0
    assert not any(r.startswith(("editorial", "embed", "faq")) for r in report["pages"][0]["rules"])


def test_text_report_is_readable() -> None:
    result = run_cli("check", PROBLEMS)
    assert result.returncode == 1
    out = result.stdout
    assert "score" in out and "/100" in out
    assert "keyphrase: “Starfall: The Last Orbit” (from editor's note, line 18)" in out
    assert "editorial-seo-note" in out and "line 18" in out
    assert "rules passed" in out


def test_long_lists_of_findings_are_folded_unless_verbose(tmp_path: Path) -> None:
    page = tmp_path / "long.md"
    long = (
        "This sentence keeps going with word after word after word and clause after clause "
        "until it is far too long for anyone to read comfortably. "
    )
    page.write_text("# Title\n\n" + long * 8 + "\n", encoding="utf-8")
    folded = run_cli("check", "--isolated", str(page)).stdout
    assert "… and 5 more" in folded and "--verbose shows them all" in folded
    full = run_cli("check", "--isolated", "--verbose", str(page)).stdout
    assert "… and" not in full and full.count("Long sentence") == 8


def test_a_house_rule_reusing_a_builtin_id_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "clash.py").write_text(
        "from seo_audit.engine.rule import rule\n"
        "@rule('h1-missing', category='headings', severity='error')\n"
        "def clash(page, options):\n"
        "    yield from ()\n"
    )
    result = run_cli("check", "--rules-dir", str(tmp_path), WELL_MADE)
    assert result.returncode == 2 and "'h1-missing' is declared twice" in result.stderr


def test_unknown_select_and_ignore_ids_suggest_the_closest(tmp_path: Path) -> None:
    typo = run_cli("check", "--select", "keyphrase-densty", WELL_MADE)
    assert typo.returncode == 2 and typo.stderr.count("\n") == 1
    assert "unknown rule or category keyphrase-densty; did you mean keyphrase-density" in (
        typo.stderr
    )
    category = run_cli("check", "--ignore", "editorail", WELL_MADE)
    assert "did you mean editorial?" in category.stderr
    nothing_close = run_cli("check", "--ignore", "zzzz", WELL_MADE)
    assert "(`seo-audit rules` lists them)" in nothing_close.stderr


def test_shell_completion_is_on() -> None:
    help_text = run_cli("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    import os
    import subprocess

    from helpers import seo_audit_command

    env = {**os.environ, "_SEO_AUDIT_COMPLETE": "complete_bash", "COMP_WORDS": "seo-audit ch"}
    env["COMP_CWORD"] = "1"
    completed = subprocess.run(seo_audit_command(), capture_output=True, text=True, env=env)
    assert completed.stdout.split() == ["check"]


PYPROJECT = '[project]\nname = "site"\n\n[tool.ruff]\nline-length = 90\n'


def test_init_adds_a_table_to_an_existing_pyproject_and_keeps_the_rest(tmp_path: Path) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT, encoding="utf-8")
    added = run_cli("init", "pyproject.toml", cwd=tmp_path)
    assert added.returncode == 0 and "added [tool.seo-audit] in pyproject.toml" in added.stdout
    text = pyproject.read_text(encoding="utf-8")
    assert text.startswith(PYPROJECT)  # the project's own tables, byte for byte
    data = tomllib.loads(text)
    assert data["project"] == {"name": "site"} and data["tool"]["ruff"] == {"line-length": 90}
    assert data["tool"]["seo-audit"]["exclude"] == ["drafts/archive/*"]
    # The table is a config seo-audit reads for the pages there.
    (tmp_path / "post.html").write_text(wrap("<h1>Title</h1><p>Text.</p>"))
    checked = run_cli("check", "post.html", cwd=tmp_path)
    assert checked.returncode in (0, 1) and checked.stderr == ""
    # Again: refused, the file untouched; --force replaces that table only.
    again = run_cli("init", "pyproject.toml", cwd=tmp_path)
    assert again.returncode == 2 and "already has a [tool.seo-audit] table" in again.stderr
    assert pyproject.read_text(encoding="utf-8") == text
    pyproject.write_text(text.replace('exclude = ["drafts/archive/*"]', 'exclude = ["x/*"]'))
    forced = run_cli("init", "pyproject.toml", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and "replaced [tool.seo-audit]" in forced.stdout
    assert pyproject.read_text(encoding="utf-8") == text
    assert tomllib.loads(text)["tool"]["ruff"] == {"line-length": 90}


def test_init_refuses_its_own_file_without_force_and_a_pyproject_it_cannot_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "seo-audit.toml").write_text("# mine\n")
    assert run_cli("init", cwd=tmp_path).returncode == 2
    assert (tmp_path / "seo-audit.toml").read_text() == "# mine\n"
    assert run_cli("init", "--force", cwd=tmp_path).returncode == 0
    broken = tmp_path / "pyproject.toml"
    broken.write_text("[project\n")
    result = run_cli("init", "pyproject.toml", cwd=tmp_path)
    assert result.returncode == 2 and "not valid TOML" in result.stderr
    assert broken.read_text() == "[project\n"
    dotted = tmp_path / "sub" / "pyproject.toml"
    dotted.parent.mkdir()
    dotted.write_text('[tool]\nseo-audit.fail-on = "warning"\n')
    refused = run_cli("init", "pyproject.toml", "--force", cwd=dotted.parent)
    assert refused.returncode == 2 and "by hand" in refused.stderr
