"""pre-commit and GitHub Actions integration files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import EXAMPLES, REPO

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "seo-audit")
    assert hook["entry"] == "seo-audit check" and hook["language"] == "python"


# About 60 s (pre-commit builds a fresh environment): left out of the default run, run by CI.
@pytest.mark.slow
@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook installs from this repository and gates a commit, as a user's repo runs it."""
    if not (REPO / ".git").exists():
        pytest.skip("needs the repository's git history")
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLES / "well-made-article.html", site / "good.html")
    shutil.copy(EXAMPLES / "film-news-with-problems.html", site / "bad.html")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=site, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", ".")

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(REPO), "seo-audit", "--files", *files],
            cwd=site,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )

    good = try_repo("good.html")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = try_repo("bad.html")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "editorial-seo-note" in bad.stdout


def test_action_definition() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "config", "format", "sarif"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    assert any("upload-sarif" in step.get("uses", "") for step in steps)
    audit = next(step for step in steps if step.get("name") == "Audit")
    # Inputs reach the script through the environment, never pasted into it (injection).
    assert "${{" not in audit["run"]
