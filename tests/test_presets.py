"""Sites as generators lay them out: the generator detected or named by a preset, its content
folders, the folders that are never pages, and its drafts read with its keys and syntax."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from seo_audit.config import PRESETS, build_config, detect, find_config, site_defaults, starter_text
from seo_audit.engine.registry import load_rules
from seo_audit.page.model import Page
from seo_audit.run import AuditSettings, Planner, build_plan
from seo_audit.run.audit import audit_loaded, page_of
from seo_audit.sources import read

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _write(root: Path, files_: dict[str, str]) -> None:
    for name, text in files_.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    find_config.cache_clear()
    site_defaults.cache_clear()
    detect.cache_clear()


MARKERS = {
    "hugo": {"hugo.toml": 'baseURL = "https://example.com/"\n'},
    "old-hugo": {"config.toml": 'baseURL = "https://example.com/"\ntitle = "Site"\n'},
    "jekyll": {"_config.yml": "title: Site\n"},
    "astro": {"astro.config.mjs": "export default {}\n"},
    "docusaurus": {"docusaurus.config.js": "module.exports = {}\n"},
    "eleventy": {".eleventy.js": "module.exports = () => ({})\n"},
    "nextjs": {"next.config.mjs": "export default {}\n"},
    "gatsby": {"gatsby-config.js": "module.exports = {}\n"},
}


@pytest.mark.parametrize("marker", sorted(MARKERS))
def test_the_generator_is_detected_from_the_sites_files(tmp_path: Path, marker: str) -> None:
    _write(tmp_path, MARKERS[marker])
    folder = tmp_path / "content" / "posts"
    folder.mkdir(parents=True)
    config = find_config(folder)
    assert config.generator == marker.removeprefix("old-")
    assert config.detected
    assert config.root == tmp_path  # the defaults are rooted at the site


def test_a_config_toml_without_base_url_is_not_hugos(tmp_path: Path) -> None:
    _write(tmp_path, {"config.toml": '[tool]\nname = "x"\n', ".git/HEAD": ""})
    assert find_config(tmp_path).generator is None


def test_detection_stops_at_the_git_work_tree(tmp_path: Path) -> None:
    _write(tmp_path, {"_config.yml": "title: Outer\n", "site/.git/HEAD": ""})
    assert find_config(tmp_path / "site").generator is None


def test_a_preset_in_the_config_wins_and_none_turns_detection_off(tmp_path: Path) -> None:
    _write(tmp_path, {"hugo.toml": "", "seo-audit.toml": 'preset = "jekyll"\n'})
    config = find_config(tmp_path)
    assert (config.generator, config.detected) == ("jekyll", False)
    (tmp_path / "seo-audit.toml").write_text('preset = "none"\n', encoding="utf-8")
    find_config.cache_clear()
    assert find_config(tmp_path).generator is None
    (tmp_path / "seo-audit.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    find_config.cache_clear()
    config = find_config(tmp_path)
    assert (config.generator, config.detected, config.fail_on) == ("hugo", True, "warning")


HUGO_SITE = {
    "hugo.toml": 'baseURL = "https://example.com/"\n',
    "README.md": "# The site's readme\n",
    "archetypes/default.md": '---\ntitle: "{{ replace .Name "-" " " | title }}"\n---\n',
    "layouts/_default/single.html": "<html><body>{{ .Content }}</body></html>\n",
    "themes/ananke/layouts/index.html": "<h1>{{ .Title }}</h1>\n",
    "themes/ananke/exampleSite/content/demo.md": "---\ntitle: Demo\n---\nDemo.\n",
    "public/index.html": "<html><body><h1>Built</h1></body></html>\n",
    "node_modules/pkg/README.md": "# A package\n",
    "static/embed.html": "<p>static</p>\n",
    "content/posts/cold-brew/index.md": "+++\ntitle = 'Cold brew'\n+++\nSteep it overnight.\n",
    "content/about.md": "---\ntitle: About\n---\nWe write about coffee.\n",
}


def _audited(root: Path, settings: AuditSettings | None = None) -> list[str]:
    plan = build_plan([str(root)], settings or AuditSettings())
    return sorted(Path(ref.location).relative_to(root).as_posix() for ref in plan.sources)


def test_a_hugo_site_root_audits_its_content_only(tmp_path: Path) -> None:
    # Outside git: nothing is ignored by .gitignore, so the default excludes do the work.
    _write(tmp_path, HUGO_SITE)
    assert _audited(tmp_path) == ["content/about.md", "content/posts/cold-brew/index.md"]
    assert _audited(tmp_path, AuditSettings(isolated=True)) == [
        "content/about.md",
        "content/posts/cold-brew/index.md",
    ]


def test_no_default_excludes_walks_everything(tmp_path: Path) -> None:
    _write(tmp_path, HUGO_SITE)
    assert len(_audited(tmp_path, AuditSettings(default_excludes=False))) == len(HUGO_SITE) - 1


def test_a_folder_named_is_walked_whatever_its_name(tmp_path: Path) -> None:
    _write(tmp_path, HUGO_SITE)
    assert _audited(tmp_path / "public") == ["index.html"]


def test_default_excludes_without_a_generator(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "posts/cold-brew.md": "# Cold brew\n\nText.\n",
            "node_modules/pkg/README.md": "# pkg\n",
            "_site/index.html": "<h1>x</h1>\n",
            "dist/index.html": "<h1>x</h1>\n",
            "vendor/gem/README.md": "# gem\n",
            "_layouts/post.html": "{{ content }}\n",
            "_includes/head.html": "<title>x</title>\n",
        },
    )
    assert _audited(tmp_path) == ["posts/cold-brew.md"]


def test_extend_exclude_adds_folders_and_the_content_folder_can_be_set(tmp_path: Path) -> None:
    _write(tmp_path, HUGO_SITE)
    _write(
        tmp_path,
        {
            "seo-audit.toml": 'content = ["content/posts"]\nextend-exclude = ["drafts"]\n',
            "content/posts/drafts/idea.md": "# Idea\n",
        },
    )
    assert _audited(tmp_path) == ["content/posts/cold-brew/index.md"]


def test_a_missing_content_folder_filters_nothing(tmp_path: Path) -> None:
    _write(tmp_path, {"hugo.toml": "", "posts/cold-brew.md": "---\ntitle: Cold brew\n---\nText.\n"})
    assert _audited(tmp_path) == ["posts/cold-brew.md"]


def _report(root: Path, page: str) -> tuple[Page, set[tuple[str, Any]]]:
    """The page as `check` reads it in its site, and its (rule, line) findings."""
    settings = AuditSettings()
    planner = Planner(settings)
    ref = planner.source(str(root / page))
    config = planner.config(ref.config_folder)
    loaded = page_of(read(ref), config, settings)
    audit = audit_loaded(loaded, ref, config, load_rules(config.rules_dir))
    return loaded, {(r.rule_id, f.line) for r in audit.results for f in r.findings}


def test_a_sites_syntax_is_template_and_another_generators_is_a_leftover(tmp_path: Path) -> None:
    draft = (
        "---\ntitle: Cold brew at home\n---\nSteep it overnight.\n\n"
        "{% include newsletter.html %}\n\n{{< note >}}Use filtered water.{{< /note >}}\n"
    )
    _write(tmp_path, {"_config.yml": "title: Site\n", "_posts/2024-07-01-cold-brew.md": draft})
    page, found = _report(tmp_path, "_posts/2024-07-01-cold-brew.md")
    assert [t.tag.dialect for t in page.templates] == ["liquid"]
    assert ("editorial-template-syntax", 8) in found  # Jekyll does not run Hugo shortcodes
    assert page.slug == "cold-brew"  # the file name without its date


def test_layout_title_false_for_layouts_that_do_not_print_it(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "seo-audit.toml": "layout-title = false\n",
            "post.md": "---\ntitle: Cold brew at home\n---\nSteep it overnight.\n",
        },
    )
    page, found = _report(tmp_path, "post.md")
    assert not page.layout_title
    assert any(rule == "h1-missing" for rule, _ in found)


def test_house_fields_map_a_themes_keys(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "seo-audit.toml": (
                'fields = { description = "seoDescription", keyphrase = "focusKW" }\n'
            ),
            "post.md": (
                "---\ntitle: Cold brew at home\ndescription: A short one.\n"
                "seoDescription: How to make cold brew at home, and how long to steep it.\n"
                "focusKW: cold brew\n---\nCold brew is easy.\n"
            ),
        },
    )
    page, _ = _report(tmp_path, "post.md")
    assert page.meta_description == "How to make cold brew at home, and how long to steep it."
    assert page.meta_description_line == 4
    assert page.keyphrase is not None
    assert (page.keyphrase.text, page.keyphrase.line) == ("cold brew", 5)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_the_starter_for_a_preset_is_a_working_config(tmp_path: Path, preset: str) -> None:
    template = files("seo_audit").joinpath("starter.toml").read_text(encoding="utf-8")
    text = starter_text(template, preset)
    section = tomllib.loads(text)
    assert section["preset"] == preset
    config = build_config(tmp_path / "seo-audit.toml", section)
    assert (config.generator, config.detected) == (preset, False)
    assert starter_text(template) == template


def test_an_unknown_preset_for_the_starter_is_refused() -> None:
    with pytest.raises(ValueError, match="no preset 'wordpress'"):
        starter_text("", "wordpress")
