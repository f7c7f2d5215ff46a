"""The cross-page link rules know what the audit covers: part of a site, or all of it."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import CORPUS, needs_corpus, run_cli, wrap


def _site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        wrap('<article><h1>Home</h1><p>Read <a href="a.html">a</a>.</p></article>')
    )
    (folder / "a.html").write_text(
        wrap(
            '<article><h1>A</h1><p>Home <a href="index.html">here</a>, '
            '<a href="gone.html">x</a>.</p></article>'
        )
    )
    (folder / "lonely.html").write_text(
        wrap("<article><h1>Lonely</h1><p>No links here.</p></article>")
    )
    return folder


def _findings(*args: str) -> list[tuple[str, str]]:
    result = run_cli("check", "--isolated", "--format", "json", *args)
    report = json.loads(result.stdout)
    return [
        (Path(p["path"]).name, f["rule"])
        for p in report["pages"]
        for f in p["findings"]
        if f["rule"] in ("orphan-page", "broken-internal-link")
    ]


def test_orphans_are_judged_only_for_a_whole_site(tmp_path: Path) -> None:
    site = _site(tmp_path / "pages")
    part = _findings(str(site))
    assert ("lonely.html", "orphan-page") not in part
    assert ("a.html", "broken-internal-link") in part  # a relative link inside the folder
    whole = _findings("--whole-site", str(site))
    assert ("lonely.html", "orphan-page") in whole


def test_a_build_output_folder_is_the_whole_site(tmp_path: Path) -> None:
    site = _site(tmp_path / "public")
    assert ("lonely.html", "orphan-page") in _findings(str(site))


@needs_corpus
def test_the_partial_corpus_gets_no_link_or_orphan_findings() -> None:
    # 91 articles from many sites: part of each, links to the rest are not ours to judge.
    assert _findings("-j", "2", str(CORPUS)) == []
