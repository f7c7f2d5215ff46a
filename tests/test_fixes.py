"""Safe fixes: the before/after cases in tests/fixes/<rule-id>.yaml, and --fix / --diff on
copies of the examples and of real drafts (copied to a temporary folder, never into the repo):
the fixed file parses, its findings drop as expected, and nothing else in it changes."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import EXAMPLES, SHARED, run_cli

FIXES = Path(__file__).parent / "fixes"
DRAFTS = SHARED / "drafts"


def _cases() -> list[Any]:
    cases = []
    for file in sorted(FIXES.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            cases.append(pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}"))
    return cases


def _findings(path: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--isolated", *args, str(path))
    assert result.returncode in (0, 1), result.stderr  # parsed and audited, no input error
    found: list[dict[str, Any]] = json.loads(result.stdout)["pages"][0]["findings"]
    return found


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_fix_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / case["file"]
    page.write_bytes(case["before"].encode("utf-8"))
    result = run_cli("check", "--fix", "--isolated", "--select", rule, str(page))
    assert result.returncode in (0, 1), result.stderr
    expected = case.get("after", case["before"])
    assert page.read_bytes().decode("utf-8") == expected
    left = case.get("left", 0)
    assert len([f for f in _findings(page, "--select", rule) if f["rule"] == rule]) == left


def test_every_fixing_rule_has_a_case_file() -> None:
    from seo_audit.engine.registry import builtin_rules

    fixing = {r.id for r in builtin_rules() if r.fix is not None}
    files = {p.stem for p in FIXES.glob("*.yaml")}
    assert fixing == files
    for file in FIXES.glob("*.yaml"):
        cases = yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]
        assert any("after" in c for c in cases) and any("after" not in c for c in cases), file


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines the fix removed and added, everything else being equal."""
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += matcher.a[i1:i2]
            added += matcher.b[j1:j2]
    return removed, added


def test_fix_on_the_film_example(tmp_path: Path) -> None:
    page = tmp_path / "film.html"
    shutil.copy(EXAMPLES / "film-news-with-problems.html", page)
    before = page.read_text(encoding="utf-8")
    rules_before = {f["rule"] for f in _findings(page)}
    result = run_cli("check", "--fix", "--isolated", "--format", "concise", str(page))
    assert (
        "fixed 3 findings in 1 file (editorial-seo-note 1, faq-schema-missing 1, lang-missing 1)"
    ) in result.stderr
    # The report that follows is the re-audit: what is left.
    for rule in ("editorial-seo-note", "lang-missing", "faq-schema-missing"):
        assert rule not in result.stdout
    rules_after = {f["rule"] for f in _findings(page)}
    # The note was the page's keyphrase: with it gone (into the CMS field, as the fix says),
    # the keyphrase checks have no keyphrase until the writer sets one.
    gone = rules_before - rules_after
    fixed = {"editorial-seo-note", "lang-missing", "faq-schema-missing"}
    assert fixed <= gone
    assert all(r.startswith("keyphrase-") for r in gone - fixed)
    assert "Remove the SEO note" not in result.stdout  # fix titles are for --diff and editors
    removed, added = _changed_lines(before, page.read_text(encoding="utf-8"))
    assert removed == ["<html>\n", "<p>focus keyword :  Starfall: The Last Orbit</p>\n"]
    assert added[0] == '<html lang="en">\n'
    script = "".join(added[1:])
    assert script.startswith('<script type="application/ld+json">\n{\n')
    assert script.endswith("}\n</script>\n")
    # The question as the page shows it.
    assert '"name": "What is a good way to warm up a group of singers before a concert?"' in script
    # Fixed once, nothing is left to fix.
    again = run_cli("check", "--diff", "--isolated", str(page))
    assert again.returncode == 0 and again.stdout == ""


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "film.html"
    shutil.copy(EXAMPLES / "film-news-with-problems.html", page)
    before = page.read_bytes()
    result = run_cli("check", "--diff", "--isolated", str(page))
    assert result.returncode == 1
    assert page.read_bytes() == before
    lines = result.stdout.splitlines()
    assert lines[0] == f"--- a/{str(page).lstrip('/')}"
    assert "-<p>focus keyword :  Starfall: The Last Orbit</p>" in lines
    assert '+<html lang="en">' in lines
    assert "would fix 3 findings in 1 file" in result.stderr


def test_fix_keeps_crlf_line_endings_and_the_byte_order_mark(tmp_path: Path) -> None:
    page = tmp_path / "post.md"
    text = "---\r\ntitle: Choir\r\n---\r\nfocus keyword: choir\r\n\r\nThe choir sang.\r\n"
    page.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run_cli("check", "--fix", "--isolated", str(page))
    assert page.read_bytes() == b"\xef\xbb\xbf" + (
        b'---\r\ntitle: Choir\r\nkeyphrase: "choir"\r\n---\r\nThe choir sang.\r\n'
    )


def test_fix_keeps_a_legacy_encoding(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    html = (
        '<!DOCTYPE html>\n<html>\n<head><meta charset="windows-1252"><title>Café</title>'
        "</head>\n<body><article><h1>Café</h1>\n<p>Le café était très bon, et la "
        "terrasse était pleine de monde toute la journée. Nous avons pris le temps de parler "
        "avec le patron, qui nous a dit que la maison est dans sa famille depuis plus de cent "
        "ans et que les gens du quartier viennent tous les matins pour le pain.</p>"
        "</article></body></html>\n"
    )
    page.write_bytes(html.encode("cp1252"))
    run_cli("check", "--fix", "--isolated", "--select", "lang-missing", str(page))
    fixed = page.read_bytes()
    assert fixed.replace(b' lang="fr"', b"") == html.encode("cp1252")
    assert b'<html lang="fr">' in fixed


_DRAFT_POSTS = [
    "eleventy/v8-dev/src__blog__10-years.md",  # an iframe without a title
    "zola/rust-blog/content__Updating-musl-1.2.5.md",  # TOML front matter with a table
]


@pytest.mark.skipif(not DRAFTS.is_dir(), reason=f"no drafts at {DRAFTS}")
@pytest.mark.parametrize("name", _DRAFT_POSTS)
def test_fix_on_real_drafts_changes_only_what_it_fixes(name: str, tmp_path: Path) -> None:
    source = DRAFTS / name
    post = tmp_path / source.name
    original = source.read_text(encoding="utf-8")
    # A writer's leftover note, as drafts have them, first in the body.
    lines = original.splitlines(True)
    fence = lines[0].strip()
    body = next(i for i, line in enumerate(lines) if i > 0 and line.strip() == fence) + 1
    noted = "".join([*lines[:body], "Focus keyphrase: linux musl targets\n\n", *lines[body:]])
    post.write_text(noted, encoding="utf-8")
    before = {f["rule"] for f in _findings(post)}
    assert "editorial-seo-note" in before
    run_cli("check", "--fix", "--isolated", str(post))
    fixed = post.read_text(encoding="utf-8")
    after = _findings(post)
    assert "editorial-seo-note" not in {f["rule"] for f in after}
    assert "embed-iframe-title" not in {f["rule"] for f in after}
    removed, added = _changed_lines(original, fixed)
    # Against the real post: the note is gone, one key joined the front matter, and a
    # title joined any untitled iframe; every other line is the post's own.
    assert removed == [line for line in original.splitlines(True) if "<iframe" in line]
    keyphrase = [line for line in added if line.startswith("keyphrase")]
    assert keyphrase in (
        ['keyphrase: "linux musl targets"\n'],
        ['keyphrase = "linux musl targets"\n'],
    )
    assert [line for line in added if "<iframe" in line] == [
        line.replace("<iframe ", '<iframe title="YouTube video G0vnrPTuxZA" ') for line in removed
    ]


def test_faq_json_ld_cannot_be_closed_by_page_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><title>Cold brew</title>\n</head>\n<body>\n'
        "<article>\n<h1>Cold brew</h1>\n<p>Cold brew is coffee steeped in cold water.</p>\n"
        "<h2>FAQ</h2>\n<h3>Is it safe?</h3>\n"
        "<p>Yes &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- it is.</p>\n"
        "</article>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    run_cli("check", "--fix", "--isolated", "--select", "faq-schema-missing", str(page))
    fixed = page.read_text(encoding="utf-8")
    script = fixed[fixed.index('<script type="application/ld+json">') : fixed.index("</head>")]
    assert script.count("</script>") == 1 and "<!--" not in script
    data = json.loads(script.split(">", 1)[1].rsplit("</script>", 1)[0])
    answer = data["mainEntity"][0]["acceptedAnswer"]["text"]
    # As text, not markup (answers may hold HTML): what the page shows, its "<" escaped.
    assert answer == "Yes &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- it is."
    left = {f["rule"] for f in _findings(page, "--select", "faq")}
    # The entities decode to what the page shows, so the data matches the visible answer.
    assert not left & {"faq-schema-missing", "faq-schema-mismatch", "faq-schema-invalid"}


def test_faq_json_ld_matches_the_visible_answers(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><title>Cold brew</title>\n</head>\n<body>\n'
        "<article>\n<h1>Cold brew</h1>\n<p>Cold brew is coffee steeped in cold water.</p>\n"
        "<h2>Cold brew FAQ</h2>\n<h3>What goes with cold brew?</h3>\n"
        "<p>Milk &amp; ice, or tonic water and a slice of orange.</p>\n"
        "</article>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    run_cli("check", "--fix", "--isolated", "--select", "faq-schema-missing", str(page))
    assert '"text": "Milk & ice, or tonic water and a slice of orange."' in page.read_text()
    left = {f["rule"] for f in _findings(page, "--select", "faq")}
    assert not left & {"faq-schema-missing", "faq-schema-mismatch", "faq-schema-invalid"}
