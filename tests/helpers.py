"""Shared test helpers: build a Page from a snippet, find the shared corpus, run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from seo_audit.page.build import PageOptions, build_page
from seo_audit.page.keyphrase import KeyphraseOptions
from seo_audit.page.model import Page
from seo_audit.sources import from_text

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SEO_AUDIT_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "articles"
EXAMPLES = REPO / "examples"

# Body snippets are wrapped in this document, so their first line is line 7.
WRAPPER_HEAD = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>{title}</title>\n{head}\n<body>\n'
BODY_FIRST_LINE = 7


def wrap(body: str, title: str = "A test page", head: str = "</head>") -> str:
    return WRAPPER_HEAD.format(title=title, head=head) + body + "\n</body>\n</html>\n"


def page_from(
    html: str | None = None,
    markdown: str | None = None,
    keyphrase: str | None = None,
    path: str = "case.html",
) -> Page:
    options = PageOptions(KeyphraseOptions(flag=keyphrase))
    if markdown is not None:
        return build_page(from_text(markdown, path.replace(".html", ".md"), "markdown"), options)
    assert html is not None
    return build_page(from_text(html, path, "html"), options)


def seo_audit_command() -> list[str]:
    """The installed console script (CI installs the wheel); else this interpreter's module."""
    found = shutil.which("seo-audit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "seo_audit"]


def run_cli(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR"}}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [*seo_audit_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or REPO.parent,
        env=env,
        timeout=120,
    )


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


def modules_loaded_by(*check_args: str) -> set[str]:
    """Every module `seo-audit check ARGS` loads, in a fresh interpreter (run_python)."""
    code = f"""
import sys
sys.argv = ["seo-audit", "check", *{list(check_args)!r}]
from seo_audit.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED", *sorted(sys.modules))
"""
    return set(run_python(code).split("LOADED", 1)[1].split())


def run_python(code: str, path: Path | None = None) -> str:
    """What `python -c CODE` prints, run outside the checkout: `python -c` puts the working
    folder first on sys.path, where the checkout's seo_audit/ would shadow the installed
    wheel (CI installs one). With `path`, it runs there with `path` as PYTHONPATH (a test's
    own folder of fake distributions)."""
    env = {**os.environ, "PYTHONPATH": str(path)} if path is not None else None
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            cwd=path or folder,
            env=env,
        )
    return done.stdout
