"""A 5,000-page folder with one page of each hostile kind finishes, every good page audited
and each page that cannot be audited listed in `errors` (issue 10's end-to-end check).

About a minute on two cores: marked slow, run by CI (`pytest -m slow`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import run_cli, wrap

GOOD = 4993

ALIAS_BOMB = (
    "---\ntitle: Bomb\n"
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)}]\n"
        for i in range(8)
    )
    + "synonyms: *i\n---\nText.\n"
)


def _hostile(folder: Path) -> dict[str, str]:
    """name -> what must become of it: "page" (audited) or "error" (listed in errors)."""
    pages = {
        "bad-url.html": (wrap('<p>Read <a href="http://[2001:db8::1/x">this</a>.</p>'), "page"),
        "surrogate.html": (
            wrap(
                '<p>Text.</p><script type="application/ld+json">'
                '{"@type": "Article", "headline": "cut \\ud83d"}</script>'
            ),
            "page",
        ),
        "deep.html": (wrap("<div>" * 1500 + "<p>Deep text.</p>" + "</div>" * 1500), "page"),
        # Past libxml2's 2048 levels the parser would drop the rest: an error, not a shorter page.
        "too-deep.html": (wrap("<div>" * 3000 + "<p>Text.</p>" + "</div>" * 3000), "error"),
        "controls.html": (wrap("<p>Form\x0cfeed and \x0bvertical tab\x1b[31m red.</p>"), "page"),
        "alias-bomb.md": (ALIAS_BOMB, "error"),
    }
    for name, (text, _) in pages.items():
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    # A runaway page: 12 MB of short paragraphs (it must finish, audited or timed out).
    (folder / "runaway.html").write_text(wrap("<p>a b</p>\n" * 1_200_000), encoding="utf-8")
    os.mkfifo(folder / "fifo.html")  # skipped by the walk: a FIFO is not a page
    expected = {name: fate for name, (_, fate) in pages.items()}
    expected["runaway.html"] = "either"
    return expected


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_5000_page_folder_with_hostile_pages_finishes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    good = wrap("<h1>A good post</h1><p>Some text about the good post, long enough.</p>")
    for index in range(GOOD):
        (site / f"post-{index:04}.html").write_text(good, encoding="utf-8")
    expected = _hostile(site)
    report_file = tmp_path / "report.json"
    result = run_cli(
        "check", "--isolated", "-j", "2", "--format", "json", "-o", str(report_file), str(site)
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    audited = {Path(p["path"]).name for p in report["pages"]}
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert sum(1 for name in audited if name.startswith("post-")) == GOOD
    for name, fate in expected.items():
        if fate == "page":
            assert name in audited, (name, errors.get(name))
        elif fate == "error":
            assert name in errors and name not in audited, name
        else:
            assert (name in audited) != (name in errors), name
    assert "fifo.html" not in audited and "fifo.html" not in errors
    assert len(report["pages"]) + len(report["errors"]) == GOOD + len(expected)
