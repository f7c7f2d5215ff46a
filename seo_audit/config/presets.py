"""Presets for the common static-site generators, and finding which one a site uses.

A preset is data: where the site keeps its content, which of its folders are layouts, themes
or build output, which template syntax its drafts hold, and whether its layouts print the
front-matter title as the H1 (all of these do). `preset = "hugo"` in the config chooses one;
without it the generator is detected from the files at the site's root, and the config says
which (`Config.generator`, `Config.detected`).
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["PRESETS", "Preset", "detect", "starter_text"]


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    markers: tuple[str, ...]  # files at the site's root that identify the generator
    content: tuple[str, ...] = ()  # folders with the pages; () for "anywhere"
    exclude: tuple[str, ...] = ()  # folders that are never pages, beyond the defaults
    # Template syntax the generator processes (text/templates.py; .mdx files are MDX always).
    dialects: tuple[str, ...] = ()
    layout_title: bool = True
    fields: tuple[tuple[str, str], ...] = ()  # house keys this generator's themes use


def _configs(stem: str, *suffixes: str) -> tuple[str, ...]:
    return tuple(f"{stem}.{suffix}" for suffix in suffixes)


_JS = ("js", "mjs", "cjs", "ts", "mts")
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "hugo",
            "Hugo",
            (*_configs("hugo", "toml", "yaml", "yml", "json"), "config/_default/hugo.toml"),
            content=("content",),
            exclude=("archetypes", "layouts", "themes", "resources", "static", "assets"),
            dialects=("hugo", "attributes", "math"),
        ),
        Preset(
            "jekyll",
            "Jekyll",
            ("_config.yml", "_config.yaml"),
            exclude=("_site", "_layouts", "_includes", "_sass", "_data", ".jekyll-cache"),
            dialects=("liquid", "attributes", "math"),
        ),
        Preset(
            "astro",
            "Astro",
            _configs("astro.config", *_JS),
            content=("src/content", "src/pages"),
            exclude=("dist", ".astro"),
            dialects=("container", "attributes", "math"),
        ),
        Preset(
            "docusaurus",
            "Docusaurus",
            _configs("docusaurus.config", *_JS),
            content=("blog", "docs", "src/pages", "versioned_docs", "i18n"),
            exclude=("build", ".docusaurus"),
            # Docusaurus reads .md as MDX too.
            dialects=("mdx", "container", "attributes", "math"),
        ),
        Preset(
            "eleventy",
            "Eleventy",
            (".eleventy.js", ".eleventy.cjs", *_configs("eleventy.config", *_JS)),
            exclude=("_site", "_includes", "_data"),
            dialects=("liquid", "nunjucks", "container", "attributes", "math"),
        ),
        Preset(
            "nextjs",
            "Next.js",
            _configs("next.config", *_JS),
            exclude=(".next", "out", "public"),
            dialects=("mdx", "container", "attributes", "math"),
        ),
        Preset(
            "gatsby",
            "Gatsby",
            _configs("gatsby-config", *_JS),
            content=("content", "src/pages"),
            exclude=("public", ".cache"),
            dialects=("attributes", "math"),
        ),
    )
}
# Hugo before 0.110 named its config config.toml, a name other tools use too: it is Hugo's
# when it sets baseURL.
_OLD_HUGO_CONFIGS = _configs("config", "toml", "yaml", "yml", "json")
_BASE_URL_RE = re.compile(rb"baseurl", re.IGNORECASE)
_GIT = ".git"


def _is_generator_root(folder: Path, preset: Preset) -> bool:
    if any(os.path.isfile(folder / marker) for marker in preset.markers):
        return True
    if preset.name == "hugo":
        for name in _OLD_HUGO_CONFIGS:
            candidate = folder / name
            if os.path.isfile(candidate):
                try:
                    with candidate.open("rb") as handle:
                        if _BASE_URL_RE.search(handle.read(64 * 1024)):
                            return True
                except OSError:
                    continue
    return False


@lru_cache(maxsize=256)
def detect(folder: Path, stop: Path | None = None) -> tuple[str, Path] | None:
    """The generator whose files are at `folder` or the nearest folder above it (not past
    `stop`, nor past the root of a git work tree), and that folder."""
    for directory in [folder, *folder.parents]:
        for preset in PRESETS.values():
            if _is_generator_root(directory, preset):
                return preset.name, directory
        if directory == stop or os.path.exists(directory / _GIT):
            break
    return None


_PRESET_LINE = '# preset = "hugo"'


def starter_text(template: str, preset: str | None = None) -> str:
    """The starter config for a preset (`seo-audit init --preset hugo`): `template` (the
    packaged seo_audit/starter.toml) with the preset set and what it means said beside it."""
    if preset is None:
        return template
    if preset not in PRESETS:
        raise ValueError(f"no preset {preset!r} (known: {', '.join(sorted(PRESETS))})")
    chosen = PRESETS[preset]
    content = ", ".join(f"{c}/" for c in chosen.content) or "every folder"
    skipped = ", ".join(f"{e}/" for e in chosen.exclude)
    said = (
        f"{chosen.label}: pages in {content}; also skipped: {skipped}; template syntax read: "
        f"{', '.join(chosen.dialects) or 'none'} (.mdx files are MDX)."
    )
    lines = [
        f'preset = "{chosen.name}"',
        *textwrap.wrap(said, 94, initial_indent="# ", subsequent_indent="# "),
    ]
    if _PRESET_LINE in template:
        return template.replace(_PRESET_LINE, "\n".join(lines), 1)
    return template + "\n" + "\n".join(lines) + "\n"
