"""Configuration in the repo, suppressions in the page, baselines and gates, as CI meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import EXAMPLES, run_cli, wrap

PROBLEM_BODY = (
    "<article>\n<h1>Cold brew at home</h1>\n<p>by admin</p>\n"
    "<p>Cold brew is coffee steeped in cold water for 16 hours, so it tastes smooth.</p>\n"
    "<p>Lorem ipsum dolor sit amet.</p>\n</article>"
)


def _site(tmp_path: Path, config: str, name: str = "seo-audit.toml") -> Path:
    (tmp_path / name).write_text(config, encoding="utf-8")
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "cold-brew.html").write_text(wrap(PROBLEM_BODY), encoding="utf-8")
    return posts / "cold-brew.html"


def _json(*args: str, cwd: Path | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout else {}


def _rules(report: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["rule"] for f in report["pages"][0]["findings"]}


def test_nearest_config_is_found_by_walking_up(tmp_path: Path) -> None:
    page = _site(tmp_path, 'ignore = ["editorial-placeholder-text"]\n')
    _, report = _json(str(page), cwd=tmp_path.parent)
    assert "editorial-placeholder-text" not in _rules(report)
    assert "editorial-generic-author" in _rules(report)


def test_pyproject_section_and_nearest_wins(tmp_path: Path) -> None:
    page = _site(tmp_path, '[tool.seo-audit]\nignore = ["editorial"]\n', name="pyproject.toml")
    _, report = _json(str(page))
    assert not any(r.startswith("editorial") for r in _rules(report))
    (page.parent / "seo-audit.toml").write_text('ignore = ["meta"]\n')
    _, report = _json(str(page))
    assert "editorial-generic-author" in _rules(report)
    assert not any(r in _rules(report) for r in ("meta-description-missing", "canonical-missing"))


def test_pyproject_without_the_section_is_skipped(tmp_path: Path) -> None:
    page = _site(tmp_path, 'ignore = ["editorial"]\n')
    (page.parent / "pyproject.toml").write_text('[project]\nname = "site"\n')
    _, report = _json(str(page))
    assert not any(r.startswith("editorial") for r in _rules(report))


def test_flags_override_the_file_and_isolated_ignores_it(tmp_path: Path) -> None:
    page = _site(tmp_path, 'select = ["meta"]\nfail-on = "never"\n')
    code, report = _json(str(page))
    assert code == 0 and _rules(report) <= {"meta-description-missing", "canonical-missing"}
    code, report = _json("--select", "editorial", "--fail-on", "error", str(page))
    assert code == 1 and "editorial-placeholder-text" in _rules(report)
    code, report = _json("--isolated", str(page))
    assert code == 1 and "h1-missing" in report["pages"][0]["rules"]


def test_rule_options_severity_and_per_file_ignores(tmp_path: Path) -> None:
    page = _site(
        tmp_path,
        '[rules.editorial-placeholder-text]\nseverity = "info"\n'
        "[rules.meta-description-length]\nmin = 10\n"
        '[per-file-ignores]\n"posts/*" = ["editorial-generic-author"]\n',
    )
    code, report = _json(str(page))
    findings = {f["rule"]: f for f in report["pages"][0]["findings"]}
    assert findings["editorial-placeholder-text"]["severity"] == "info"
    assert "editorial-generic-author" not in findings
    assert code == 0  # the only error was lowered to info


def test_fail_under_and_exit_zero(tmp_path: Path) -> None:
    page = _site(tmp_path, 'fail-on = "never"\nfail-under = 95\n')
    code, report = _json(str(page))
    assert code == 1
    assert "under 95" in report["pages"][0]["gate"]["reason"]
    code, _ = _json("--exit-zero", str(page))
    assert code == 0
    code, _ = _json("--fail-under", "10", str(page))
    assert code == 0


def test_fail_on_warning(tmp_path: Path) -> None:
    page = _site(tmp_path, 'ignore = ["editorial-placeholder-text"]\n')
    assert _json(str(page))[0] == 0
    assert _json("--fail-on", "warning", str(page))[0] == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('selectt = ["meta"]\n', "seo-audit.toml: selectt: unknown key"),
        ('select = ["metta"]\n', "seo-audit.toml: select: unknown rule or category 'metta'"),
        ('fail-on = "sometimes"\n', "seo-audit.toml: fail-on: must be one of"),
        ("fail-under = 200\n", "seo-audit.toml: fail-under: must be a number from 0 to 100"),
        ("[rules.keyphrase-density]\nmaxx = 3\n", "rules.keyphrase-density.maxx: unknown option"),
        ('[rules.keyphrase-density]\nmax = "3"\n', "rules.keyphrase-density.max: must be a float"),
        ('[rules.h1-missing]\nseverity = "fatal"\n', "rules.h1-missing.severity: must be error"),
        ("select = [\n", "seo-audit.toml: (file): is not valid TOML"),
        ('keyphrases = "nope.csv"\n', "keyphrases: "),
    ],
)
def test_config_errors_are_one_line_and_exit_2(tmp_path: Path, config: str, message: str) -> None:
    page = _site(tmp_path, config)
    result = run_cli("check", str(page))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_keyphrase_map_csv_and_toml(tmp_path: Path) -> None:
    page = _site(tmp_path, 'keyphrases = "keyphrases.csv"\n')
    (tmp_path / "keyphrases.csv").write_text("path,keyphrase\nposts/cold-brew.html,cold brew\n")
    _, report = _json(str(page))
    assert (report["pages"][0]["keyphrase"], report["pages"][0]["keyphrase_source"]) == (
        "cold brew",
        "config",
    )
    (tmp_path / "seo-audit.toml").write_text('keyphrases = "map.toml"\n')
    (tmp_path / "map.toml").write_text('"https://example.com/cold-brew/" = "iced coffee"\n')
    html = page.read_text().replace(
        "</head>", '<link rel="canonical" href="https://example.com/cold-brew/">\n</head>'
    )
    page.write_text(html)
    _, report = _json(str(page))
    assert report["pages"][0]["keyphrase"] == "iced coffee"
    _, report = _json("-k", "from the flag", str(page))
    assert report["pages"][0]["keyphrase_source"] == "option"


def test_exclude_applies_to_folder_walks_only(tmp_path: Path) -> None:
    page = _site(tmp_path, 'exclude = ["posts/*"]\n')
    (tmp_path / "other.html").write_text(wrap("<h1>Other</h1><p>Text.</p>"))
    _, report = _json(str(tmp_path))
    assert [Path(p["path"]).name for p in report["pages"]] == ["other.html"]
    _, report = _json(str(page))
    assert len(report["pages"]) == 1


def test_in_page_suppressions(tmp_path: Path) -> None:
    body = PROBLEM_BODY.replace(
        "<p>Lorem", "<!-- seo-audit: disable-next-line editorial-placeholder-text -->\n<p>Lorem"
    )
    page = tmp_path / "page.html"
    page.write_text(wrap("<!-- seo-audit: disable meta, editorial-generic-authr -->\n" + body))
    code, report = _json("--isolated", str(page))
    found = _rules(report)
    assert "editorial-placeholder-text" not in found
    assert "meta-description-missing" not in found
    assert report["pages"][0]["rules"]["canonical-missing"]["verdict"] == "not applicable"
    unknown = [f for f in report["pages"][0]["findings"] if f["rule"] == "suppression-unknown-rule"]
    assert len(unknown) == 1 and "editorial-generic-authr" in unknown[0]["message"]
    assert unknown[0]["line"] == 7
    assert report["pages"][0]["suppressed"] >= 2
    assert code == 0  # the one error (lorem ipsum) is suppressed; the rest are warnings


def test_front_matter_suppression(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("---\nseo-audit:\n  disable: [editorial]\n---\n# Title\n\nLorem ipsum here.\n")
    _, report = _json("--isolated", str(draft))
    assert not any(r.startswith("editorial") for r in _rules(report))


def test_baseline_fails_only_on_new_findings(tmp_path: Path) -> None:
    page = _site(tmp_path, "")
    baseline = tmp_path / "baseline.json"
    result = run_cli("check", "--write-baseline", str(baseline), str(page))
    assert result.returncode == 1 and baseline.is_file()
    code, before = _json(str(page))
    # Lines move and a number changes: still the same findings.
    page.write_text("\n\n\n" + page.read_text().replace("16 hours", "18 hours"))
    code, report = _json("--baseline", str(baseline), str(page))
    listed = report["pages"][0]
    assert code == 0 and listed["gate"] == {"passed": True}
    assert listed["findings"] and all(f["baselined"] for f in listed["findings"])
    assert listed["baselined"] == len(listed["findings"]) >= 3
    # A baselined finding is accepted, not gone: verdicts and score still count it.
    assert listed["score"] == before["pages"][0]["score"]
    assert listed["rules"] == before["pages"][0]["rules"]
    page.write_text(page.read_text().replace("</article>", "<p>TODO: the ratio.</p></article>"))
    code, report = _json("--baseline", str(baseline), str(page))
    assert code == 1
    new = [f["rule"] for f in report["pages"][0]["findings"] if not f.get("baselined")]
    assert new == ["editorial-placeholder-text"]


def test_the_text_report_lists_only_new_findings_and_counts_the_baselined(
    tmp_path: Path,
) -> None:
    page = _site(tmp_path, "")
    baseline = tmp_path / "baseline.json"
    run_cli("check", "--write-baseline", str(baseline), str(page))
    page.write_text(page.read_text().replace("</article>", "<p>TODO: the ratio.</p></article>"))
    plain = run_cli("check", str(page)).stdout
    result = run_cli("check", "--baseline", str(baseline), str(page))
    assert result.returncode == 1
    score = plain.split("score ", 1)[1].split("/", 1)[0]
    assert f"score {score}/100" in result.stdout  # the same score as without the baseline
    assert "TODO" in result.stdout and "editorial-placeholder-text" in result.stdout
    assert "Lorem ipsum" in plain and "Lorem ipsum" not in result.stdout
    assert "already in the baseline" in result.stdout


def test_broken_baseline_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text("{")
    result = run_cli("check", "--baseline", str(bad), str(EXAMPLES / "well-made-article.html"))
    assert result.returncode == 2 and "baseline is not valid JSON" in result.stderr


def test_init_writes_a_working_starter_config(tmp_path: Path) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "seo-audit.toml").is_file()
    assert run_cli("init", cwd=tmp_path).returncode == 2  # no silent overwrite
    (tmp_path / "post.html").write_text(wrap("<h1>Title</h1><p>Text.</p>"))
    assert run_cli("check", "post.html", cwd=tmp_path).returncode in (0, 1)
    assert "Traceback" not in run_cli("check", "post.html", cwd=tmp_path).stderr


def test_rules_shows_what_is_on_for_a_path_and_why(tmp_path: Path) -> None:
    page = _site(
        tmp_path,
        'ignore = ["embeds"]\n[per-file-ignores]\n"posts/*" = ["h1-multiple"]\n',
    )
    listing = run_cli("rules", str(page)).stdout
    lines = {line.split()[0]: line for line in listing.splitlines() if line.strip()}
    assert " off " in lines["embed-placeholder"] and "ignore 'embeds'" in lines["embed-placeholder"]
    assert "per-file-ignores 'posts/*'" in lines["h1-multiple"]
    assert " on " in lines["h1-missing"] and "on by default" in lines["h1-missing"]


def test_an_option_with_fixed_choices_is_checked(tmp_path: Path) -> None:
    page = _site(tmp_path, '[rules.text-length]\ncontent_type = "cornerstones"\n')
    result = run_cli("check", str(page))
    assert result.returncode == 2
    assert "rules.text-length.content_type: must be one of 'article', 'cornerstone', 'short'" in (
        result.stderr
    )
    (tmp_path / "seo-audit.toml").write_text('[rules.text-length]\ncontent_type = "cornerstone"\n')
    _, report = _json(str(page))
    text_length = [f for f in report["pages"][0]["findings"] if f["rule"] == "text-length"]
    assert text_length and "at least 900" in text_length[0]["message"]


# Config files that extend another (issue 11)


def test_a_nested_config_extends_the_roots_and_keeps_its_gate_and_ignores(tmp_path: Path) -> None:
    from seo_audit.config import find_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.seo-audit]\nfail-on = "warning"\nignore = ["lang-missing"]\n'
        'exclude = ["blog/posts/old-*"]\n[tool.seo-audit.rules.text-length]\n'
        'content_type = "short"\n',
        encoding="utf-8",
    )
    blog = tmp_path / "blog"
    (blog / "posts").mkdir(parents=True)
    (blog / "seo-audit.toml").write_text(
        'extend = "../pyproject.toml"\nignore = ["canonical-missing"]\n', encoding="utf-8"
    )
    config = find_config(blog / "posts")
    assert config.fail_on == "warning"
    assert config.ignore == ("lang-missing", "canonical-missing")
    assert config.rules["text-length"].options == {"content_type": "short"}
    # The root's glob is made relative to the nested file.
    assert config.exclude == ("posts/old-*",)
    assert config.extends == (tmp_path / "pyproject.toml",)
    # Without `extend` a nested file stands alone, as before.
    (blog / "seo-audit.toml").write_text('ignore = ["canonical-missing"]\n', encoding="utf-8")
    find_config.cache_clear()
    assert find_config(blog / "posts").fail_on == "error"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('extend = "missing.toml"\n', "missing.toml does not exist"),
        ('extend = "seo-audit.toml"\n', "a loop"),
        ("extend = 3\n", "must be the path of another config file"),
        ('preset = "wordpress"\n', "preset: must be one of"),
        ('fields = { summary = "x" }\n', "fields.summary: no such field"),
        ('templates = ["wordpress"]\n', "is no dialect"),
        ('layout-title = "yes"\n', "layout-title: must be true or false"),
    ],
)
def test_extend_presets_and_fields_errors_are_one_line(
    tmp_path: Path, config: str, message: str
) -> None:
    page = _site(tmp_path, config)
    result = run_cli("check", str(page))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
