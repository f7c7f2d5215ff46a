"""Pages whose names are URLs (a WordPress export's items, a WARC archive's records, fetched
pages): the text report does not say they were "read as HTML", and `seo-audit text` shows an
export or an archive page by page, each under its permalink or URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from http_site import Site, page

from helpers import EXAMPLES, REPO, needs_corpus, run_cli

EXPORT = REPO / "tests" / "fixtures" / "wxr" / "export.xml"
EXPORT_LINES = EXPORT.read_text(encoding="utf-8").split("\n")
COLD_BREW = "https://brew.example.com/2024/03/cold-brew-ratio/"
POUR_OVER = "https://brew.example.com/2024/04/pour-over-without-a-scale/"
ABOUT = "https://brew.example.com/about/"
DRAFT = "https://brew.example.com/?p=104"
WELL_MADE = EXAMPLES / "well-made-article.html"
# A page's first line in the text report: its name, its score, maybe FAILED and "(read as …)".
_HEADER = re.compile(r"^(\S+)  score (?:\d+/100|n/a)")


def headers(report: str) -> dict[str, str]:
    """Each page's header in a text report, by the page's name: its first line and the lines
    a long one wraps onto (indented four spaces), joined."""
    found: dict[str, str] = {}
    name = None
    for line in report.splitlines():
        match = _HEADER.match(line)
        if match:
            name = match.group(1)
            found[name] = line
        elif name is not None and line.startswith("    ") and not line.startswith("     "):
            found[name] += " " + line.strip()
        else:
            name = None
    return found


def sections(output: str) -> dict[str, list[str]]:
    """`seo-audit text` output split at its `==> name <==` lines: each name's lines."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in output.splitlines():
        if line.startswith("==> ") and line.endswith(" <=="):
            current = found.setdefault(line[4:-4], [])
        else:
            current.append(line)
    return found


def line_of(text: str) -> int:
    found = [n for n, line in enumerate(EXPORT_LINES, 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


# The text report's header --------------------------------------------------------------------


def test_export_items_and_fetched_pages_are_not_said_to_be_read_as_html(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("# Cold brew\n\nCold brew is coffee steeped in cold water.\n")
    with Site({"/a/": page("<article><h1>Cold brew</h1><p>Steep it cold.</p></article>")}) as site:
        url = site.url("/a/")
        result = run_cli("check", "--isolated", str(EXPORT), url, str(notes), str(WELL_MADE))
    assert "Traceback" not in result.stderr
    found = headers(result.stdout)
    assert set(found) == {COLD_BREW, POUR_OVER, ABOUT, url, str(notes), str(WELL_MADE)}
    for name in (COLD_BREW, POUR_OVER, ABOUT, url, str(WELL_MADE)):
        assert "read as" not in found[name], found[name]
    # A .txt still says how it was read: its name does not.
    assert found[str(notes)].endswith("(read as Markdown)")


@needs_corpus
def test_archived_pages_are_not_said_to_be_read_as_html(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from test_warc import FIRST, LATIN, MISSING, SECOND, write_archive

    write_archive(tmp_path / "crawl.warc.gz")
    result = run_cli("check", "--isolated", str(tmp_path / "crawl.warc.gz"))
    found = headers(result.stdout)
    assert set(found) == {FIRST, SECOND, LATIN, MISSING}  # the archived 404 too: its finding
    assert not [line for line in found.values() if "read as" in line]


# seo-audit text over an export, an archive, a URL --------------------------------------------


def test_text_of_an_export_is_each_published_item_under_its_permalink() -> None:
    result = run_cli("text", str(EXPORT))
    assert result.returncode == 0 and result.stderr == ""
    shown = sections(result.stdout)
    assert list(shown) == [COLD_BREW, POUR_OVER, ABOUT]  # the export's order; no draft
    assert "Cold brew is coffee steeped in cold water for many hours." in shown[COLD_BREW][0]
    assert shown[POUR_OVER][0].startswith("A pour over needs less gear than the shops suggest.")
    assert shown[ABOUT][0] == "Brew Notes is written by two people who drink too much coffee."
    # Each item's own text only, the export's markup and fields nowhere.
    assert not [line for line in shown[POUR_OVER] if "Cold brew is coffee" in line]
    assert "wp:" not in result.stdout and "CDATA" not in result.stdout


def test_text_of_an_export_takes_status_and_numbers_blocks_by_the_exports_lines() -> None:
    result = run_cli("text", "--lines", "--status", "draft", str(EXPORT))
    assert result.returncode == 0
    note = "Notes for a later post about the French press."
    assert sections(result.stdout) == {DRAFT: [f"{line_of(note):>5}: {note}"]}
    wrong = run_cli("text", "--status", "drafts", str(EXPORT))
    assert wrong.returncode == 2 and "--status: drafts" in wrong.stderr and wrong.stdout == ""


@needs_corpus
def test_text_of_an_archive_is_each_html_record_and_the_404_is_one_error(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from test_warc import FIRST, LATIN, MISSING, SECOND, write_archive

    write_archive(tmp_path / "crawl.warc")
    result = run_cli("text", str(tmp_path / "crawl.warc"))
    shown = sections(result.stdout)
    assert list(shown) == [FIRST, SECOND, LATIN]
    assert shown[LATIN] == ["Le café du coin", "", "Un café crème coûte deux euros."]
    assert shown[FIRST][0].startswith("Google Stadia, Microsoft xCloud, Apple Arcade")
    assert result.stderr == f"seo-audit: {MISSING}: answered 404 Not Found; no page to show\n"
    assert result.returncode == 2  # not every page could be shown


def test_text_of_a_url_needs_no_heading_and_does_not_say_read_as() -> None:
    body = "<article><h1>Cold brew</h1><p>Steep the grounds in cold water.</p></article>"
    with Site({"/a/": page(body)}) as site:
        alone = run_cli("text", site.url("/a/"))
        several = run_cli("text", site.url("/a/"), str(WELL_MADE))
    assert alone.returncode == 0
    assert alone.stdout.splitlines() == ["Cold brew", "", "Steep the grounds in cold water."]
    assert f"==> {site.url('/a/')} <==" in several.stdout.splitlines()
    assert "read as" not in several.stdout


def test_a_page_that_cannot_be_read_does_not_hide_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = run_cli("text", str(missing), str(EXPORT), str(WELL_MADE))
    assert result.returncode == 2
    assert result.stderr.startswith(f"seo-audit: {missing}: ") and result.stderr.count("\n") == 1
    assert list(sections(result.stdout)) == [COLD_BREW, POUR_OVER, ABOUT, str(WELL_MADE)]


def test_text_of_a_folder_is_each_page_check_finds_and_an_empty_one_is_an_error(
    tmp_path: Path,
) -> None:
    result = run_cli("text", "examples/", cwd=REPO)
    names = sorted(f"examples/{p.name}" for p in EXAMPLES.iterdir() if p.suffix in {".html", ".md"})
    assert result.returncode == 0 and list(sections(result.stdout)) == names
    alone = run_cli("text", str(WELL_MADE)).stdout.splitlines()
    assert sections(result.stdout)["examples/well-made-article.html"][: len(alone)] == alone
    (tmp_path / "empty").mkdir()
    empty = run_cli("text", str(tmp_path / "empty"))
    assert empty.returncode == 2 and empty.stdout == ""
    assert empty.stderr.startswith(f"seo-audit: {tmp_path / 'empty'}: no pages found in it (")
