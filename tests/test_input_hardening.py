"""Bad input never crashes, hangs or silently changes the audit (issue 10): each reproduction
from the attack campaign is one test here. A bad input is a finding, or one error line naming
the file and the problem; never an exception that escapes, never a different page."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seo_audit.config import find_config
from seo_audit.engine.site import site_facts
from seo_audit.errors import InputError
from seo_audit.page.directives import parse_suppressions
from seo_audit.page.kept import KeptText, TooCostly
from seo_audit.run import AuditSettings, run_batch
from seo_audit.sources import file_ref, read
from seo_audit.sources.discover import discover, is_folder
from seo_audit.sources.encodings import decode, web_encoding
from seo_audit.text.urls import host_of, join_url, split_url, url_problem

from helpers import page_from, run_cli, seo_audit_command, wrap

BAD_URLS = (
    "http://[2001:db8::1/x",
    "http://ex\u2100ample.com/",
    "http://[zz]/",
    "https://example.com:99999/",
    "//[::1/",
)


def _check(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("check", "--isolated", "--format", "json", *args)
    assert "internal error" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout.strip() else {}


def _messages(report: dict, rule: str) -> list[str]:  # type: ignore[type-arg]
    return [f["message"] for p in report["pages"] for f in p["findings"] if f["rule"] == rule]


# 1. Malformed URLs


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_malformed_url_is_split_in_one_guarded_place(url: str) -> None:
    assert split_url(url) is None
    assert url_problem(url)
    assert host_of(url) == ""
    assert join_url("https://example.com/a/", url) is None


def test_well_formed_urls_split_as_urllib_does() -> None:
    parts = split_url("https://WWW.Example.com:8443/a?b#c")
    assert parts is not None and parts.hostname == "www.example.com" and parts.port == 8443
    assert host_of("https://www.example.com/x") == "example.com"
    assert url_problem("/relative/path") is None
    assert join_url("https://example.com/a/", "b.html") == "https://example.com/a/b.html"


def test_malformed_links_in_a_folder_are_findings_and_the_report_is_written(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    links = "".join(f'<a href="{url}">mirror {i}</a> ' for i, url in enumerate(BAD_URLS))
    body = f"<article><h1>Mirrors</h1><p>Pick a mirror: {links}or <a href='b.html'>b</a>.</p>"
    (site / "a.html").write_text(
        wrap(body + "</article>", head='<link rel="canonical" href="http://[x/a">\n</head>'),
        encoding="utf-8",
    )
    (site / "b.html").write_text(wrap("<p>Back to <a href='a.html'>a</a>.</p>"), "utf-8")
    report_file = tmp_path / "report.json"
    result = run_cli("check", "--isolated", "--format", "json", str(site), "-o", str(report_file))
    assert result.returncode == 1, result.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["errors"] == []
    messages = _messages(report, "link-malformed")
    assert len(messages) == len(BAD_URLS) + 1  # the links and the canonical
    assert any("canonical URL" in m for m in messages)


def test_site_facts_leave_malformed_links_out() -> None:
    page = page_from(
        wrap(
            '<article><p>A <a href="http://[2001:db8::1/x">mirror</a> and '
            '<a href="/guides/">guides</a>.</p></article>',
            head='<link rel="canonical" href="https://example.com/a/">\n</head>',
        )
    )
    ref = file_ref("a.html", Path("."), "a.html")
    facts = site_facts(page, ref, "https://[bad")
    assert [link.href for link in facts.links] == ["/guides/"]


# 2. Front matter: aliases, nesting and list lengths


def _draft(front_matter: str, body: str = "# Cold brew\n\nSome text.\n") -> str:
    return f"---\n{front_matter}\n---\n{body}"


ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "seo-audit: {disable: *i}"
)


@pytest.mark.parametrize(
    ("front_matter", "problem"),
    [
        (ALIAS_BOMB, "uses a YAML alias"),
        ("synonyms: *nothing", "uses a YAML alias"),
        ("base: &b {title: x}\nother:\n  <<: *b", "uses a YAML alias"),
        ("t: " + "[" * 100_000, "nested more than 50 levels deep"),
        ("synonyms: [" + ", ".join(f"s{i}" for i in range(101)) + "]", "synonyms lists 101"),
        ("synonyms: " + ", ".join(f"s{i}" for i in range(101)), "synonyms lists 101"),
        ("author: [" + ", ".join(f"a{i}" for i in range(101)) + "]", "author lists 101"),
        (
            "seo-audit: {disable: [" + ", ".join(["h1-missing"] * 101) + "]}",
            "seo-audit.disable lists 101",
        ),
    ],
)
def test_front_matter_that_would_expand_or_overwhelm_is_one_error_naming_the_file(
    tmp_path: Path, front_matter: str, problem: str
) -> None:
    draft = tmp_path / "bomb.md"
    draft.write_text(_draft(front_matter), encoding="utf-8")
    code, report = _check(str(draft))
    assert code == 2
    assert report["pages"] == []
    [error] = report["errors"]
    assert error["path"] == str(draft)
    assert problem in error["message"]
    assert "\n" not in error["message"]


def test_an_anchor_without_alias_and_lists_at_the_cap_are_fine() -> None:
    synonyms = ", ".join(f"s{i}" for i in range(100))
    page = page_from(markdown=_draft(f"title: &t Cold brew\nsynonyms: [{synonyms}]"))
    assert page.title == "Cold brew"
    assert len(page.synonyms) == 100


# 3. Lone surrogates never reach a reporter

FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab", "markdown", "csv", "html")


def test_lone_surrogates_in_json_ld_and_front_matter_become_replacement_characters(
    tmp_path: Path,
) -> None:
    jsonld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "FAQPage", "mainEntity": [{"@type": "Question", "name": "Is it \\ud83d good?",'
        ' "acceptedAnswer": {"@type": "Answer", "text": "Yes \\ud83d\\ude00"}}]}</script>\n</head>'
    )
    page = tmp_path / "emoji.html"
    page.write_text(wrap("<article><h1>Cold brew</h1><p>Text.</p></article>", head=jsonld), "utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(
        _draft('title: "Cold \\uD800 brew \\ud83d\\ude00"\nkeyphrase: "a\\udc00"'), "utf-8"
    )
    for fmt in FORMATS:
        result = run_cli("check", "--isolated", "--format", fmt, str(page), str(draft))
        assert result.returncode in (0, 1), (fmt, result.stderr)
        assert "Error" not in result.stderr, (fmt, result.stderr)
    _, report = _check(str(page), str(draft))
    text = json.dumps(report, ensure_ascii=False)
    assert "Is it \ufffd good?" in text
    assert "Cold \ufffd brew \U0001f600" in text


def test_text_given_as_a_str_with_surrogates_is_cleaned() -> None:
    page = page_from(wrap("<p>Half an emoji: \ud83d.</p>"))
    assert page.blocks[0].text == "Half an emoji: \ufffd."


# 5. Control characters XML forbids


def test_a_form_feed_next_to_a_pruned_element_leaves_the_page_auditable(tmp_path: Path) -> None:
    file = tmp_path / "ff.html"
    body = (
        "<article><h1>Cold brew</h1><p>Cold brew is coffee steeped in cold water for hours."
        "</p><nav>menu</nav>\x0c tail\x0btext\x01 <p>More words in a long enough paragraph.</p>"
        "<script>x</script>\x0c</article>"
    )
    file.write_bytes(wrap(body).encode("utf-8"))
    code, report = _check(str(file))
    assert code in (0, 1) and report["errors"] == []
    page = page_from(wrap(body))
    assert any("tail text" in block.text for block in page.blocks)  # \x0b: Word's line break


# 8. Deep nesting: parsed whole, or an error; never a shorter page


def _nested(depth: int, words: int = 40) -> str:
    text = " ".join(f"word{i}" for i in range(words))
    return (
        "<article><h1>Deep</h1>"
        + "<div>" * depth
        + f"<p>{text}.</p>"
        + "</div>" * depth
        + (f"<p>{text} after.</p></article>")
    )


@pytest.mark.parametrize("depth", [10, 300, 1000, 2040])
def test_pages_nested_up_to_libxml2s_limit_are_read_whole(depth: int) -> None:
    page = page_from(wrap(_nested(depth)))
    assert page.word_count == page_from(wrap(_nested(10))).word_count == 82


def test_deeply_nested_inline_microdata_and_details_do_not_exhaust_the_stack() -> None:
    depth = 2000
    spans = "<p>" + "<span><em>x</em> " * depth + "end</span>" + "</span>" * (depth - 1) + "</p>"
    item = '<div itemprop="p" itemscope itemtype="https://schema.org/Thing">'
    items = (
        '<div itemscope itemtype="https://schema.org/Thing">'
        + (item + '<span itemprop="name">n</span>') * 1000
        + "</div>" * 1001
    )
    details = "<details><summary>Q?</summary>" * 1000 + "answer" + "</details>" * 1000
    page = page_from(wrap(f"<article><h1>Deep</h1>{spans}{items}{details}</article>"))
    assert page.word_count > depth
    assert len(page.items) == 1001


def test_nesting_deeper_than_libxml2_reads_is_an_error_naming_the_file(tmp_path: Path) -> None:
    file = tmp_path / "deep.html"
    file.write_text(wrap(_nested(3000)), encoding="utf-8")
    code, report = _check(str(file))
    assert code == 2
    [error] = report["errors"]
    assert error["path"] == str(file) and "more than 2048 deep" in error["message"]


# 10. JSON-LD too deep or with numbers too long to read


@pytest.mark.parametrize(
    ("jsonld", "problem"),
    [
        ("[" * 10_000 + "]" * 10_000, "nested more than 100 levels deep"),
        ('{"a": ' * 101 + "1" + "}" * 101, "nested more than 100 levels deep"),
        ('{"@type": "Article", "wordCount": ' + "1" * 5000 + "}", "more than 4300 digits"),
    ],
)
def test_unreadable_json_ld_is_a_structured_data_finding(
    tmp_path: Path, jsonld: str, problem: str
) -> None:
    file = tmp_path / "jsonld.html"
    head = f'<script type="application/ld+json">{jsonld}</script>\n</head>'
    file.write_text(wrap("<article><h1>T</h1><p>Text.</p></article>", head=head), "utf-8")
    code, report = _check(str(file))
    assert code == 1 and report["errors"] == []
    [message] = _messages(report, "structured-data-invalid")
    assert problem in message


def test_freezing_data_nested_far_deeper_than_the_stack_does_not_recurse() -> None:
    from seo_audit.sources.document import TooDeep, freeze

    deep: list[object] = []
    inner = deep
    for _ in range(100_000):
        inner.append([])
        inner = inner[0]  # type: ignore[assignment]
    frozen = freeze({"a": deep, "s": "\ud800"})
    assert frozen["s"] == "\ufffd" and isinstance(frozen["a"], tuple)
    with pytest.raises(TooDeep):
        freeze(deep, max_depth=100)
    shared = [1, 2]
    assert freeze([shared, shared]) == ((1, 2), (1, 2))


# 4. Linear alignment of the extracted text: the same counts as str.count


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "ab", "ba", "aa", "abc", "a.", "b,"]), max_size=14),
    st.lists(st.sampled_from(["a", "b", "ab", "ba", "aa", "c", "a."]), min_size=1, max_size=4),
    st.integers(0, 40),
    st.integers(1, 12),
)
def test_kept_text_counts_as_str_count_does(
    words: list[str], block: list[str], start: int, length: int
) -> None:
    text = " ".join(words)
    kept = KeptText(text)
    probes = [" ".join(block)]
    if text:  # a piece of the text itself, cut anywhere, folded as blocks are
        piece = " ".join(text[start % len(text) : start % len(text) + length].split())
        probes += [piece] if piece else []
    for probe in probes:
        assert kept.count(probe) == text.count(probe), (text, probe)


def test_kept_text_gives_up_past_its_budget() -> None:
    kept = KeptText("a " * 1000 + "a")
    kept.budget = 10
    with pytest.raises(TooCostly):
        kept.count("a a a")


def test_a_page_too_large_for_extraction_finds_its_article_by_landmarks() -> None:
    from seo_audit.page.content import MAX_EXTRACTION_ELEMENTS

    items = "".join(f"<li>Item number {i} of the list</li>" for i in range(MAX_EXTRACTION_ELEMENTS))
    body = f"<nav><p>Menu</p></nav><article><h1>Lists</h1><ul>{items}</ul></article>"
    page = page_from(wrap(body + "<div><p>Outside the article, a long sentence here.</p></div>"))
    assert len(page.content) == MAX_EXTRACTION_ELEMENTS + 1  # the heading and every item
    assert not any("Outside" in block.text for block in page.content)


# 6. FIFOs, devices and endless stdin


def test_a_fifo_in_a_folder_is_skipped_and_a_named_one_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(wrap("<h1>Cold brew</h1><p>Text.</p>"), encoding="utf-8")
    os.mkfifo(site / "pipe.html")
    code, report = _check(str(site))
    assert [p["path"] for p in report["pages"]] == [str(site / "page.html")]
    assert report["errors"] == []
    code, report = _check(str(site / "pipe.html"), "/dev/zero", str(site / "page.html"))
    assert code == 2
    assert [p["path"] for p in report["pages"]] == [str(site / "page.html")]
    messages = {e["path"]: e["message"] for e in report["errors"]}
    assert "is a FIFO (named pipe)" in messages[str(site / "pipe.html")]
    assert "is a device" in messages["/dev/zero"]


def test_stdin_is_capped_like_a_file() -> None:
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [*seo_audit_command(), "check", "--isolated", "-"],
            stdin=zeros,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert "<stdin>: is larger than 20 MiB" in result.stderr


# 7. Symlink loops and names the system refuses: that input's error, not the batch's


def test_a_symlink_loop_named_or_found_is_that_inputs_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(wrap("<h1>Cold brew</h1><p>Text.</p>"), encoding="utf-8")
    (site / "loop.html").symlink_to("loop.html")
    (tmp_path / "a.html").symlink_to("b.html")
    (tmp_path / "b.html").symlink_to("a.html")
    settings = AuditSettings(isolated=True)
    report = run_batch([str(site), str(tmp_path / "a.html")], settings)
    assert [p.path for p in report.pages] == [str(site / "page.html")]
    problems = {e.path: e.message for e in report.errors}
    assert "Too many levels of symbolic links" in problems[str(site / "loop.html")]
    assert "Too many levels of symbolic links" in problems[str(tmp_path / "a.html")]


def test_file_refs_and_reads_survive_loops_and_over_long_names(tmp_path: Path) -> None:
    (tmp_path / "loop.html").symlink_to("loop.html")
    too_long = str(tmp_path / ("a" * 300 + ".html"))
    deep_long = str(tmp_path / ("a" * 300) / "x.html")
    for path in (str(tmp_path / "loop.html"), too_long, deep_long):
        ref = file_ref(path)
        assert ref.config_folder.is_absolute()
        find_config(ref.config_folder)  # no OSError from the config search either
        with pytest.raises(InputError, match="cannot be read"):
            read(ref)
    assert list(discover([too_long])) == [too_long]
    assert not is_folder(too_long)


def test_an_over_long_name_is_that_inputs_error(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(wrap("<h1>Cold brew</h1><p>Text.</p>"), "utf-8")
    too_long = str(tmp_path / ("a" * 300 + ".html"))
    report = run_batch([too_long, str(tmp_path / "page.html")], AuditSettings(isolated=True))
    assert len(report.pages) == 1
    assert "File name too long" in report.errors[0].message


# 9. Encodings as the WHATWG standard and the README say

ARTICLE = "<p>Привет, мир. Это статья о кофе, холодная заварка.</p>"


def _html_bytes(charset: str, body: str = ARTICLE, encoding: str = "utf-8") -> bytes:
    page = (
        f'<html><head><meta charset="{charset}"><title>T</title></head><body>{body}</body></html>'
    )
    return page.encode(encoding)


@pytest.mark.parametrize("declared", ["koi8-r", "utf-16", "utf-16le", "windows-1251", "utf-7"])
def test_clean_utf8_is_utf8_whatever_the_page_declares(declared: str) -> None:
    assert "Привет, мир" in decode(_html_bytes(declared), html=True)


def test_a_declaration_is_followed_by_its_whatwg_label() -> None:
    assert "Привет, мир" in decode(_html_bytes("koi8-r", encoding="koi8_r"), html=True)
    assert "Привет, мир" in decode(_html_bytes(" KOI8 ", encoding="koi8_r"), html=True)
    quoted = "<p>\u201cQuoted\u201d caf\u00e9</p>"
    assert "\u201cQuoted\u201d caf\u00e9" in decode(
        _html_bytes("iso-8859-1", quoted, "cp1252"), True
    )


@pytest.mark.parametrize("bom_encoding", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_a_bom_wins_utf32_included(bom_encoding: str, tmp_path: Path) -> None:
    text = (
        f'<html><head><meta charset="koi8-r"><title>T</title></head><body>{ARTICLE}</body></html>'
    )
    data = "\ufeff".encode(bom_encoding) + text.encode(bom_encoding)
    assert decode(data, html=True).lstrip("\ufeff") == text
    file = tmp_path / "page.txt"  # no suffix to go by: the format is read after the BOM
    file.write_bytes(data)
    document = read(file_ref(str(file)))
    assert document.format == "html" and "Привет, мир" in document.text


def test_utf7_and_replacement_labels_are_never_honoured() -> None:
    # Not UTF-8 (the 0xff byte), declaring UTF-7: a browser ignores the label; so do we.
    payload = b"<html><head><meta charset=utf-7></head><body>+ADw-script+AD4-alert(1)+ADw-/script"
    text = decode(payload + b"+AD4- caf\xe9</body></html>", html=True)
    assert "<script>" not in text and "+ADw-script+AD4-" in text
    for label in ("utf-7", "iso-2022-kr", "hz-gb-2312", "replacement", "ISO-2022-CN-EXT"):
        assert web_encoding(label) is None
    assert web_encoding("latin1") == "cp1252" and web_encoding("x-user-defined") == "cp1252"
    assert web_encoding("utf-16") == "utf-8"


# 11. Suppression comments in linear time, parsed as before

_PLAIN_COMMENT_RE = re.compile(
    r"<!--\s*seo-audit\s*:\s*(?P<kind>disable-next-line|disable)\b(?P<ids>[^>]*?)\s*-->",
    re.IGNORECASE,
)


def _by_plain_regex(text: str) -> list[tuple[str, tuple[str, ...], int]]:
    found = []
    for match in _PLAIN_COMMENT_RE.finditer(text):
        ids = tuple(i for i in re.split(r"[\s,]+", match.group("ids").strip()) if i)
        kind = "next-line" if match.group("kind").lower() == "disable-next-line" else "page"
        found.append((kind, ids, text.count("\n", 0, match.start()) + 1))
    return found


_PIECES = [
    "<!-- seo-audit: disable a, b -->",
    "<!--seo-audit:disable-next-line x-->",
    "<!-- SEO-AUDIT : disable ->",
    "<!-- seo-audit: disable",
    "<!-- seo-audit: disablex -->",
    "<!-- seo-audit: disable-next-lineZ y -->",
    "\n",
    ">",
    "-->",
    "--",
    " c ",
    "<p>t</p>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_suppressions_are_read_as_the_plain_regex_reads_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = [(s.kind, s.rules, s.line) for s in parse_suppressions(text)]
    assert found == _by_plain_regex(text)


def test_fifty_thousand_suppression_comments_and_unclosed_openings() -> None:
    text = "".join(
        f"<p>{i}</p>\n<!-- seo-audit: disable-next-line h1-missing -->\n" for i in range(50_000)
    )
    found = parse_suppressions(text + "<!-- seo-audit: disable x " * 50_000)
    assert len(found) == 50_000 and found[-1].line == 100_000


# 12. Config files that are not UTF-8 TOML, or too deep to read


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[tool.seo-audit]\nselect = ["h1-missing"]\n'.encode("utf-16"), "is UTF-16 text"),
        ('select = ["h1-missing"]\n'.encode("utf-32"), "is UTF-32 text"),
        (b'select = ["caf\xe9"]\n', "is not UTF-8 text"),
        (("a = " + "[" * 5000 + "]" * 5000 + "\n").encode(), "nests arrays or tables too deeply"),
        (("fail-under = " + "1" * 5000 + "\n").encode(), "more than 4300 digits"),
    ],
)
def test_an_unreadable_config_is_one_line_naming_the_file(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    (tmp_path / "seo-audit.toml").write_bytes(content)
    (tmp_path / "page.html").write_text(wrap("<h1>Cold brew</h1><p>Text.</p>"), "utf-8")
    result = run_cli("check", str(tmp_path / "page.html"))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"seo-audit: {tmp_path / 'seo-audit.toml'}: (file): ")
    assert problem in line


def test_a_utf16_keyword_map_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "seo-audit.toml").write_text('keyphrases = "keyphrases.csv"\n', "utf-8")
    (tmp_path / "keyphrases.csv").write_bytes(
        "path,keyphrase\npage.html,cold brew\n".encode("utf-16")
    )
    (tmp_path / "page.html").write_text(wrap("<h1>Cold brew</h1><p>Text.</p>"), "utf-8")
    result = run_cli("check", str(tmp_path / "page.html"))
    assert result.returncode == 2
    assert f"{tmp_path / 'keyphrases.csv'}: (file): is UTF-16 text" in result.stderr
