"""WordPress exports (WXR): every published post and page audited, from the export's own
fields, with findings on the export's lines and the site rules over the whole export."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from seo_audit.formats import BUILTIN as BUILTIN_FORMATS
from seo_audit.page.build import build_page
from seo_audit.run import AuditSettings, build_plan, executor_for, finalize
from seo_audit.sources import read, wxr

from helpers import REPO, run_cli

EXPORT = REPO / "tests" / "fixtures" / "wxr" / "export.xml"
EXPORT_LINES = EXPORT.read_text(encoding="utf-8").split("\n")
COLD_BREW = "https://brew.example.com/2024/03/cold-brew-ratio/"
POUR_OVER = "https://brew.example.com/2024/04/pour-over-without-a-scale/"
ABOUT = "https://brew.example.com/about/"
DRAFT = "https://brew.example.com/?p=104"


def audit(*args: str) -> tuple[dict, int]:  # type: ignore[type-arg]
    result = run_cli("check", str(EXPORT), "--isolated", "--format", "json", *args)
    assert result.stderr.strip() == "" or result.returncode != 2, result.stderr
    return json.loads(result.stdout), result.returncode


def pages(report: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {page["path"]: page for page in report["pages"]}


def findings(page: dict, rule: str) -> list[dict]:  # type: ignore[type-arg]
    return [f for f in page["findings"] if f["rule"] == rule]


def line_of(text: str) -> int:
    """The export's line holding `text` (once)."""
    found = [n for n, line in enumerate(EXPORT_LINES, 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def test_published_posts_and_pages_are_audited_by_permalink() -> None:
    report, code = audit()
    # The draft, the attachment and the menu item are not pages to publish.
    assert list(pages(report)) == [COLD_BREW, POUR_OVER, ABOUT]
    assert report["errors"] == []
    assert code == 0  # warnings and info only: the default gate (error) passes


def test_status_option_adds_drafts() -> None:
    report, _ = audit("--status", "draft,publish")
    assert list(pages(report)) == [COLD_BREW, POUR_OVER, ABOUT, DRAFT]
    only_drafts, _ = audit("--status", "draft")
    assert list(pages(only_drafts)) == [DRAFT]
    bad = run_cli("check", str(EXPORT), "--status", "published")
    assert bad.returncode == 2
    assert "--status: published: use publish, draft" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_seo_plugin_fields_are_the_pages_title_description_and_keyphrase() -> None:
    found = pages(audit()[0])
    cold, pour, about = found[COLD_BREW], found[POUR_OVER], found[ABOUT]
    # Yoast: %%title%% %%page%% %%sep%% %%sitename%%, the page variable empty on one page.
    assert cold["title"] == "How strong should cold brew be? - Brew Notes"
    assert (cold["keyphrase"], cold["keyphrase_source"]) == ("cold brew ratio", "Yoast field")
    # Rank Math: its first focus keyword is the focus keyphrase.
    assert pour["title"] == "Pour over without a scale - Brew Notes"
    assert (pour["keyphrase"], pour["keyphrase_source"]) == ("pour over", "Rank Math field")
    # No plugin title: WordPress's own "Post – Site".
    assert about["title"] == "About Brew Notes – Brew Notes"


def test_findings_point_at_the_export_lines() -> None:
    found = pages(audit()[0])
    cold = found[COLD_BREW]
    (subheadings,) = findings(cold, "keyphrase-in-subheadings")
    assert subheadings["line"] == line_of("<h2>What we measured</h2>")
    (title,) = findings(cold, "keyphrase-in-title")
    assert title["line"] == line_of("%%title%% %%page%% %%sep%% %%sitename%%")
    about_description = findings(found[ABOUT], "duplicate-meta-description")[0]
    pour_description = findings(found[POUR_OVER], "duplicate-meta-description")[0]
    lines = {about_description["line"], pour_description["line"]}
    described = [
        n for n, line in enumerate(EXPORT_LINES, 1) if "Brewing guides from the Brew" in line
    ]
    assert lines == set(described)
    (keyphrase,) = findings(cold, "keyphrase-cannibalization")
    assert keyphrase["line"] == line_of("<![CDATA[cold brew ratio]]>")


def test_site_rules_run_over_the_export() -> None:
    found = pages(audit()[0])
    # The same Rank Math and Yoast description on two items.
    assert {p for p, page in found.items() if findings(page, "duplicate-meta-description")} == {
        POUR_OVER,
        ABOUT,
    }
    # "cold brew ratio" (Yoast) on the post and "Cold brew ratio" on the about page.
    assert {p for p, page in found.items() if findings(page, "keyphrase-cannibalization")} == {
        COLD_BREW,
        ABOUT,
    }
    assert not any(findings(page, "duplicate-title") for page in found.values())
    # Links between posts meet by permalink: absolute, and root-relative from the permalink.
    whole = pages(audit("--whole-site")[0])
    assert [p for p, page in whole.items() if findings(page, "orphan-page")] == [ABOUT]
    # Under the site's address, a link to a post the export does not hold is broken.
    assert not any(findings(page, "broken-internal-link") for page in found.values())
    based = pages(audit("--base-url", "https://brew.example.com/")[0])
    broken = {p: findings(page, "broken-internal-link") for p, page in based.items()}
    assert [p for p, f in broken.items() if f] == [POUR_OVER]
    assert "espresso-at-home" in broken[POUR_OVER][0]["message"]
    assert broken[POUR_OVER][0]["line"] == line_of("espresso-at-home")


def test_duplicate_titles_across_posts(tmp_path: Path) -> None:
    # The about page titled like the pour-over post, whose Rank Math title is then what
    # WordPress would print for the page anyway: "Pour over without a scale – Brew Notes".
    text = EXPORT.read_text(encoding="utf-8")
    text = text.replace("<![CDATA[About Brew Notes]]>", "<![CDATA[Pour over without a scale]]>")
    text = text.replace("%title% %sep% %sitename%", "%title% – %sitename%")
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    result = run_cli("check", str(export), "--isolated", "--format", "json")
    found = pages(json.loads(result.stdout))
    titles = {p: findings(page, "duplicate-title") for p, page in found.items()}
    assert [p for p, f in titles.items() if f] == [POUR_OVER, ABOUT]
    assert found[ABOUT]["title"] == "Pour over without a scale – Brew Notes"
    assert titles[POUR_OVER][0]["line"] == line_of("%title% %sep% %sitename%")
    assert titles[ABOUT][0]["line"] == line_of("<![CDATA[About Brew Notes]]>")


def test_shortcodes_and_auto_embeds_are_what_wordpress_renders() -> None:
    cold = pages(audit()[0])[COLD_BREW]
    rules = {f["rule"] for f in cold["findings"]}
    # [caption] and [embed] are WordPress's own: no template syntax left for readers, and
    # the embedded video is an embed, not an address alone in a paragraph.
    assert "editorial-template-syntax" not in rules
    assert "embed-placeholder" not in rules
    (video,) = findings(cold, "embed-video-schema")
    assert video["line"] == line_of("[embed]https://www.youtube.com")


def test_item_pages_are_built_like_the_theme_publishes_them() -> None:
    refs = [r for r in wxr.expand(str(EXPORT)) if not isinstance(r, Exception)]
    cold, pour, about = (build_page(read(ref)) for ref in refs)
    # The theme prints the post title as the H1; the permalink is the canonical.
    assert [h.text for h in cold.headings if h.level == 1] == ["How strong should cold brew be?"]
    assert cold.canonical == COLD_BREW
    assert cold.lang == "en-US"
    assert [a.name for a in cold.authors] == ["Mara Lindqvist"]
    # wpautop: blank lines make paragraphs, one line break inside a paragraph a <br>.
    texts = [b.text for b in cold.blocks if b.tag == "p"]
    assert texts[0].startswith("Cold brew is coffee steeped")
    assert any(t.startswith("We tried four ratios") and "sixteen hours" in t for t in texts)
    # The caption's image with its alt text; the caption shortcode itself is not prose.
    assert [i.alt for i in cold.images] == ["Four jars of cold brew in a row"]
    assert not any("[caption" in b.text for b in cold.blocks)
    # An "<item>" in a post's HTML is an unknown tag to a browser, not the next export item:
    # the post runs on to its last sentence.
    assert cold.blocks[-1].text.endswith("we kept an list in a spreadsheet, nothing more.")
    # Gutenberg's block comments are no text; its blocks are the article.
    assert [h.text for h in pour.headings if h.level == 2] == ["Measure with a spoon"]
    assert not any("wp:" in b.text for b in pour.blocks)
    assert about.slug == "about"


def test_a_suppression_comment_in_a_post_holds_for_its_page() -> None:
    found = pages(audit()[0])
    # The about page says <!-- seo-audit: disable text-length -->; the posts do not.
    assert not findings(found[ABOUT], "text-length")
    assert findings(found[COLD_BREW], "text-length")
    assert findings(found[POUR_OVER], "text-length")


@pytest.mark.parametrize("name", list(BUILTIN_FORMATS))
def test_every_format_names_the_posts_by_permalink(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"report.{name}"
    result = run_cli("check", str(EXPORT), "--isolated", "--format", name, "-o", str(target))
    assert result.returncode == 0, result.stderr
    written = target.read_text(encoding="utf-8")
    for permalink in (COLD_BREW, POUR_OVER, ABOUT):
        # GitHub's workflow commands escape ":" in a property.
        assert permalink in written or permalink.replace(":", "%3A") in written
    assert DRAFT not in written


def test_the_report_never_overwrites_the_export(tmp_path: Path) -> None:
    export = tmp_path / "export.xml"
    shutil.copy(EXPORT, export)
    result = run_cli("check", str(export), "--isolated", "-o", str(export))
    assert result.returncode == 2
    assert f"--output: {export} is one of the pages to audit" in result.stderr
    assert export.read_bytes() == EXPORT.read_bytes()


def test_python_api_audits_an_export() -> None:
    plan = build_plan([str(EXPORT)], AuditSettings(isolated=True))
    report = finalize(plan, executor_for(plan, 1).run(plan))
    assert [page.path for page in report.pages] == [COLD_BREW, POUR_OVER, ABOUT]


def test_detected_by_namespace_not_by_name(tmp_path: Path) -> None:
    renamed = tmp_path / "brew-notes.wordpress.2024-05-01"
    shutil.copy(EXPORT, renamed)
    result = run_cli("check", str(renamed), "--isolated", "--format", "json")
    assert [p["path"] for p in json.loads(result.stdout)["pages"]] == [COLD_BREW, POUR_OVER, ABOUT]
    feed = tmp_path / "feed.xml"  # RSS, but not WordPress's export
    feed.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>'
        "<item><title>A</title><link>https://a.example/</link></item></channel></rss>\n"
    )
    assert not wxr.is_export(str(feed))
    assert wxr.is_export(str(EXPORT))


def test_an_export_with_nothing_to_audit_says_so(tmp_path: Path) -> None:
    result = run_cli("check", str(EXPORT), "--isolated", "--status", "pending")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"seo-audit: {EXPORT}: has no post or page with status pending among its 6 items "
        "(--status draft,publish audits drafts too)"
    )


def test_a_broken_item_is_one_error_and_the_others_are_audited(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    broken = text.replace(
        "<wp:post_name><![CDATA[pour-over-without-a-scale]]></wp:post_name>",
        "<wp:post_name><![CDATA[pour-over-without-a-scale]]></wp:post_nam>",
    )
    export = tmp_path / "export.xml"
    export.write_text(broken, encoding="utf-8")
    result = run_cli("check", str(export), "--isolated", "--format", "json")
    report = json.loads(result.stdout)
    assert [p["path"] for p in report["pages"]] == [COLD_BREW, ABOUT]
    (error,) = report["errors"]
    assert error["path"] == f"{export}:{line_of('<link>' + POUR_OVER) - 2}"
    assert "item is not well-formed XML" in error["message"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_cut_export_keeps_the_items_before_the_cut(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    cut = tmp_path / "export.xml"
    # Cut inside the about page's item, as an interrupted download leaves it.
    cut.write_text(text[: text.index("We test one method at a time")], encoding="utf-8")
    result = run_cli("check", str(cut), "--isolated", "--format", "json")
    report = json.loads(result.stdout)
    assert [p["path"] for p in report["pages"]] == [COLD_BREW, POUR_OVER]
    about_item = line_of("<link>" + ABOUT) - 2
    assert [(e["path"], e["message"]) for e in report["errors"]] == [
        (f"{cut}:{about_item}", "item does not end (no </item>)")
    ]
    assert result.returncode == 2


def test_scanner_finds_items_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    data = EXPORT.read_bytes()
    whole = [(s.offset, s.data, s.line) for s in wxr._items(io.BytesIO(data))]
    for size in (1, 7, 64, 4096):
        monkeypatch.setattr(wxr, "_CHUNK", size)
        assert [(s.offset, s.data, s.line) for s in wxr._items(io.BytesIO(data))] == whole
    assert len(whole) == 6
    for offset, item, line in whole:
        assert data[offset : offset + len(item)] == item
        assert item.startswith(b"<item>") and item.endswith(b"</item>")
        assert EXPORT_LINES[line - 1].strip() == "<item>"
    # An item in a comment or a CDATA section is text.
    hidden = b"<rss><channel><!-- <item>no</item> --><x><![CDATA[<item>no</item>]]></x>"
    hidden += b"<item><title>yes</title></item></channel></rss>"
    assert [s.data for s in wxr._items(io.BytesIO(hidden))] == [b"<item><title>yes</title></item>"]


def test_wpautop_keeps_every_line_on_its_line() -> None:
    content = "One line\nand its second.\n\n<h2>Head</h2>\n\n\nLast one."
    rendered = wxr.wpautop(content)
    assert rendered == (
        "<p>One line<br />\nand its second.</p>\n\n<h2>Head</h2>\n\n\n<p>Last one.</p>"
    )
    assert rendered.count("\n") == content.count("\n")


def test_title_variables_the_export_cannot_answer_are_left_out() -> None:
    values = {"title": "Cold brew", "sep": "-", "sitename": "Brew Notes", "page": ""}
    resolve = wxr.resolve_variables
    assert resolve("%%title%% %%page%% %%sep%% %%sitename%%", wxr._YOAST_VARIABLE_RE, values) == (
        "Cold brew - Brew Notes"
    )
    assert resolve("%%currentyear%% %%sep%% %%title%%", wxr._YOAST_VARIABLE_RE, values) == (
        "Cold brew"
    )
    assert resolve("%title% %sep% %sitename%", wxr._RANK_MATH_VARIABLE_RE, values) == (
        "Cold brew - Brew Notes"
    )
