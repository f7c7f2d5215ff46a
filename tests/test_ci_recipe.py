"""docs/ci.md's preview-deploy gate, run as written: the build-output command on a generated
public/ folder with a stray noindex and a staging canonical fails the job and names both; the
same folder with both fixed passes. The preview-deploy command (`--crawl "$PREVIEW_URL"`)
crawls the same site served on 127.0.0.1 (tests/http_site.py) and gives the same verdicts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from http_site import Reply, Site

from helpers import REPO, run_cli

RECIPE = REPO / "docs" / "ci.md"

HOME = """<!DOCTYPE html>
<html lang="en"><head><title>Coffee</title>
<link rel="canonical" href="https://example.com/">
</head><body><h1>Coffee</h1>
<p><a href="/posts/cold-brew/">Cold brew</a> and <a href="/posts/iced-tea/">iced tea</a>.</p>
</body></html>
"""
COLD_BREW = """<!DOCTYPE html>
<html lang="en"><head><title>Cold brew at home</title>
<link rel="canonical" href="https://example.com/posts/cold-brew/">
<meta name="description" content="Ratios, grind and steeping times.">
<meta name="robots" content="{robots}">
</head><body><h1>Cold brew at home</h1><p>Coarse grounds and a day of patience.</p></body></html>
"""
ICED_TEA = """<!DOCTYPE html>
<html lang="en"><head><title>Iced tea</title>
<meta name="description" content="Brew it strong, pour it over ice.">
<meta property="og:type" content="article">
<link rel="canonical" href="https://{host}/posts/iced-tea/">
</head><body><h1>Iced tea</h1><p>Strong tea, poured over ice.</p></body></html>
"""


def _recipe_command() -> list[str]:
    """The build-output command of docs/ci.md, as a user would paste it."""
    text = RECIPE.read_text(encoding="utf-8")
    lines = [
        line.strip().removeprefix("run: ")
        for line in text.splitlines()
        if re.match(r"\s*(run: )?seo-audit check public/ ", line)
    ]
    assert lines, "docs/ci.md has no `seo-audit check public/ …` command"
    assert len(set(lines)) == 1, f"the recipe's commands differ: {lines}"
    words = shlex.split(lines[0])
    assert words[:2] == ["seo-audit", "check"]
    return words[1:]


def _build(folder: Path, robots: str, host: str) -> None:
    (folder / "public" / "posts" / "cold-brew").mkdir(parents=True)
    (folder / "public" / "posts" / "iced-tea").mkdir(parents=True)
    (folder / "public" / "index.html").write_text(HOME, encoding="utf-8")
    (folder / "public" / "posts" / "cold-brew" / "index.html").write_text(
        COLD_BREW.format(robots=robots), encoding="utf-8"
    )
    (folder / "public" / "posts" / "iced-tea" / "index.html").write_text(
        ICED_TEA.format(host=host), encoding="utf-8"
    )


def test_the_gate_catches_a_stray_noindex_and_a_staging_canonical(tmp_path: Path) -> None:
    _build(tmp_path, robots="noindex", host="preview-42.example-staging.com")
    result = run_cli(*_recipe_command(), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2, result.stdout
    assert (
        errors[0].startswith("::error file=public/posts/cold-brew/index.html,line=5,")
        and "robots-noindex::" in errors[0]
    )
    assert (
        errors[1].startswith("::error file=public/posts/iced-tea/index.html,line=5,")
        and "canonical-host::" in errors[1]
    )
    assert "preview-42.example-staging.com, a staging or preview host" in errors[1]
    assert "gate FAILED (2 of 3 pages failed)" in result.stdout


def test_the_gate_passes_the_fixed_build(tmp_path: Path) -> None:
    _build(tmp_path, robots="index, follow", host="example.com")
    result = run_cli(*_recipe_command(), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout


def test_a_production_canonical_on_another_host_fails_with_the_production_base_url(
    tmp_path: Path,
) -> None:
    # No staging word in the host: --base-url alone says it is not production.
    _build(tmp_path, robots="index", host="d1234.cloudfront.net")
    result = run_cli(*_recipe_command(), cwd=tmp_path)
    assert result.returncode == 1
    assert "not the production site (example.com, from --base-url)" in result.stdout


def test_pages_the_config_keeps_hidden_pass_the_gate(tmp_path: Path) -> None:
    # The recipe's `hidden` example, in the site's config: internal search results carry
    # noindex on purpose; the same noindex on an article still fails.
    text = RECIPE.read_text(encoding="utf-8")
    example = text.split("[rules.robots-noindex]\n", 1)[1].split("\n", 1)[0]
    assert example.startswith("hidden = ")
    _build(tmp_path, robots="index", host="example.com")
    (tmp_path / "seo-audit.toml").write_text(
        f"[rules.robots-noindex]\n{example}\n", encoding="utf-8"
    )
    search = tmp_path / "public" / "search"
    search.mkdir()
    (search / "index.html").write_text(
        COLD_BREW.format(robots="noindex, follow").replace("cold-brew/", "search/"),
        encoding="utf-8",
    )
    result = run_cli(*_recipe_command(), cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    (tmp_path / "public" / "posts" / "cold-brew" / "index.html").write_text(
        COLD_BREW.format(robots="noindex"), encoding="utf-8"
    )
    result = run_cli(*_recipe_command(), cwd=tmp_path)
    assert result.returncode == 1
    assert "file=public/posts/cold-brew/index.html,line=5" in result.stdout
    assert "public/search" not in result.stdout


def _crawl_command(preview_url: str) -> list[str]:
    """The preview-deploy command of docs/ci.md, with $PREVIEW_URL as the workflow sets it."""
    text = RECIPE.read_text(encoding="utf-8")
    lines = [
        line.strip().removeprefix("run: ")
        for line in text.splitlines()
        if re.match(r'\s*(run: )?seo-audit check --crawl "\$PREVIEW_URL" ', line)
    ]
    assert len(lines) == 1, 'docs/ci.md has no single `seo-audit check --crawl "$PREVIEW_URL"`'
    words = shlex.split(lines[0])
    assert words[:2] == ["seo-audit", "check"]
    return [preview_url if word == "$PREVIEW_URL" else word for word in words[1:]]


def _preview_site(robots: str, host: str, x_robots: str | None = None) -> Site:
    """The built site of _build, served as a preview deploy serves it (no robots.txt: the
    crawl takes a 404 as "crawl everything")."""
    headers = {"Content-Type": "text/html; charset=utf-8"}
    return Site(
        {
            "/": Reply(200, HOME, headers),
            "/posts/cold-brew/": Reply(
                200,
                COLD_BREW.format(robots=robots),
                {**headers, **({"X-Robots-Tag": x_robots} if x_robots else {})},
            ),
            "/posts/iced-tea/": Reply(200, ICED_TEA.format(host=host), headers),
        }
    )


def test_the_preview_gate_crawls_the_deploy_and_catches_both(tmp_path: Path) -> None:
    with _preview_site(robots="noindex", host="preview-42.example-staging.com") as site:
        result = run_cli(*_crawl_command(site.url("/")), cwd=tmp_path)
        asked = sorted(set(site.paths()))
    assert result.returncode == 1, result.stdout + result.stderr
    assert asked == ["/", "/posts/cold-brew/", "/posts/iced-tea/", "/robots.txt"]
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2, result.stdout
    # GitHub's annotation syntax escapes the URL's ":" (the file= value ends at a comma).
    origin = site.origin.replace(":", "%3A")
    assert errors[0].startswith(f"::error file={origin}/posts/cold-brew/,line=5,")
    assert "robots-noindex::" in errors[0]
    assert "“noindex” keeps the page out of search results" in errors[0]
    assert errors[1].startswith(f"::error file={origin}/posts/iced-tea/,line=5,")
    assert "canonical-host::" in errors[1]
    assert "preview-42.example-staging.com, a staging or preview host" in errors[1]
    assert "gate FAILED (2 of 3 pages failed)" in result.stdout


def test_the_preview_gate_reads_the_x_robots_tag_header(tmp_path: Path) -> None:
    with _preview_site(robots="index", host="example.com", x_robots="noindex") as site:
        result = run_cli(*_crawl_command(site.url("/")), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and "robots-noindex::" in errors[0], result.stdout
    assert "X-Robots-Tag" in errors[0]


def test_the_preview_gate_passes_the_fixed_deploy(tmp_path: Path) -> None:
    with _preview_site(robots="index, follow", host="example.com") as site:
        result = run_cli(*_crawl_command(site.url("/")), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    assert "gate passed (3 pages)" in result.stdout
