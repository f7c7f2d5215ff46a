"""Issue 10, the output side: page text and file names cannot drive a terminal, start a CI
workflow command, ping anyone, become a formula, markup or code, or break a format's syntax;
`-o` never replaces an input; reports and baselines are written whole or not at all; a full
device or a closed pipe is one line or nothing, never a traceback; a broken baseline file is
one line naming it.

Every payload goes into 11 places of a page (title, meta description, H1, an editor's note and
a placeholder the editorial rules quote, the keyphrase, alt text, link href, link text, JSON-LD
name, the file name, a draft's front matter title), and a house rule quotes each field in a
finding, so every format carries every payload. Each format is then read with a real parser.
The same payloads also go straight into a report (bypassing whatever the input side cleans),
so each format's own escaping is tested on the raw characters.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import stat
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from seo_audit.errors import UsageError
from seo_audit.formats import ReportOptions, formats
from seo_audit.formats.controls import KEPT_FORMAT_CHARACTERS, UNSAFE, visible
from seo_audit.results.model import (
    AuditReport,
    InputFailure,
    PageReport,
    ReportedFinding,
    RuleInfo,
    RuleResult,
    Severity,
    Verdict,
)

from helpers import EXAMPLES, REPO, run_cli, seo_audit_command

PAYLOADS = (
    "\x1b[31mred\x1b[0m",  # SGR colour
    "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;cGF5bG9hZA==\x07",  # OSC 52 clipboard write
    "\x9b2J\x9d0;title\x9c",  # the same as C1 controls (CSI, OSC, ST)
    "\x1b[2J\x1b[H",  # clear the screen
    "safe\roverwritten",  # carriage return overwrites the line
    "back\x08\x08\x08\x08space",
    "\x07bell",
    "\x7fdel",
    "\n::error::injected",  # a workflow command on a line of its own
    "::add-mask::secret",
    "%0A::warning::encoded",
    "\u202egnp.exe",  # right-to-left override
    "\u2066isolate\u2069 \u202bembed\u202c",
    "zero\u200bwidth\ufeffbom\u2060joiner",
    "tag\U000e0041\U000e0042hidden",  # tag characters (ASCII smuggling)
    "line\u2028separator",
    "para\u2029separator",
    "next\x85line",
    "@someone please review",
    "cc @org/team and #123",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "<script>alert(1)</script>",
    "</script><img src=x onerror=alert(1)>",
    "]]><x/>",
    "<!-- -->&amp;&lt;",
    "nul\x00byte",
    "form\x0cfeed\x0bvtab",
    "{{7*7}} ${{ github.token }}",
    "$(touch pwned) `id`",
    "*bold* _em_ | pipe [x](javascript:alert(1))",
    "lone \ud83d surrogate",
    "undecodable \udcff name",
    "a" * 300,
)
POSITIONS = (
    "title",
    "meta description",
    "h1",
    "body text (editor's note, placeholder)",
    "keyphrase",
    "alt text",
    "link href",
    "link text",
    "json-ld name",
    "file name",
    "front matter title",
)
# A house rule quotes every field a rule can quote, so each position reaches every format.
ECHO_RULE = '''
from seo_audit.rule import Finding, rule


@rule("house-echo", category="editorial", severity="error", weight=1)
def house_echo(page, options):
    """Quotes page fields verbatim, as rule messages quote page text."""
    quoted = [page.title, page.meta_description, page.slug]
    quoted += [heading.text for heading in page.headings]
    quoted += [image.alt for image in page.images]
    quoted += [link.href for link in page.links] + [link.text for link in page.links]
    quoted += [str(item.data.get("name")) for item in page.items]
    quoted.append(page.keyphrase.text if page.keyphrase else None)
    for text in quoted:
        if text:
            yield Finding(f"quoted: “{text}”", line=1)
'''
FORMATS = tuple(formats())  # the ten builtin ones (and any plugin installed)

# What no terminal-facing output may carry raw, decided here from the Unicode database rather
# than from the module under test: controls but newline, line and paragraph separators,
# surrogates, and format characters but the joiners and the visible concatenation marks.
TERMINAL_FORMATS = ("text", "github", "markdown")


def _forbidden(char: str, keep: str = "\n") -> bool:
    if char in keep:
        return False
    category = unicodedata.category(char)
    if category == "Cf":
        return char not in KEPT_FORMAT_CHARACTERS
    return category in ("Cc", "Cs", "Zl", "Zp") or char in "\ufffe\uffff"


def _raw_controls(text: str, keep: str = "\n") -> list[str]:
    return sorted({repr(c) for c in text if _forbidden(c, keep)})


def _file_name(index: int, payload: str, suffix: str) -> bytes:
    """The payload as a file name: what POSIX allows (no / or NUL), as bytes, so that lone
    surrogates become bytes that are not UTF-8, as such names are on disk."""
    raw = payload.encode("utf-8", "surrogatepass").replace(b"/", b"").replace(b"\0", b"")
    return f"{index:02d} ".encode() + raw[:120] + suffix.encode()


def _html_page(index: int, payload: str) -> str:
    # A raw NUL makes the file binary, not a page: in HTML text it is a character reference.
    text = html.escape(payload).replace("\0", "&#0;")
    name = json.dumps(f"ld-{index:02d} {payload}").replace("<", "\\u003c")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<title>title-{index:02d} {text}</title>
<meta name="description" content="description-{index:02d} {text}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Article",
"name": {name}}}</script>
</head>
<body>
<article>
<h1>h1-{index:02d} {text}</h1>
<p>Focus keyphrase: {text}</p>
<p>The body of the article says something about coffee, with a [insert {text}] left in.</p>
<p><img src="photo.jpg" alt="alt-{index:02d} {text}"></p>
<p>Read <a href="{text}">link-{index:02d} {text}</a> for more.</p>
</article>
</body>
</html>
"""


def _draft(index: int, payload: str) -> str:
    return (
        f"---\ntitle: {json.dumps(f'fm-title-{index:02d} {payload}')}\n---\n"
        f"# Heading {index:02d}\n\nSome text about coffee and {payload.replace(chr(0), '&#0;')}.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder with, per payload, an HTML page, a Markdown draft and an empty file (an input
    error) named after it; and the folder of the echo house rule."""
    root = tmp_path_factory.mktemp("hostile")
    pages = root / "pages"
    pages.mkdir()
    for index, payload in enumerate(PAYLOADS):
        folder = os.fsencode(pages)
        with open(os.path.join(folder, _file_name(index, payload, ".html")), "wb") as file:
            file.write(_html_page(index, payload).encode("utf-8", "surrogatepass"))
        with open(os.path.join(folder, _file_name(index, payload, ".md")), "wb") as file:
            file.write(_draft(index, payload).encode("utf-8", "surrogatepass"))
        open(os.path.join(folder, _file_name(index, payload, " empty.html")), "wb").close()
    rules = root / "rules"
    rules.mkdir()
    (rules / "echo.py").write_text(ECHO_RULE, encoding="utf-8")
    return pages, rules


@pytest.fixture(scope="module")
def reports(site: tuple[Path, Path]) -> dict[str, subprocess.CompletedProcess[str]]:
    pages, rules = site
    return {
        fmt: run_cli("check", "--format", fmt, "--rules-dir", str(rules), str(pages))
        for fmt in FORMATS
    }


def test_every_payload_reaches_every_position(
    reports: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    """The house rule's findings quote each position's marker, on every page."""
    report = json.loads(reports["json"].stdout)
    html_pages = [p for p in report["pages"] if p["path"].endswith(".html")]
    drafts = [p for p in report["pages"] if p["path"].endswith(".md")]
    assert len(html_pages) == len(drafts) == len(PAYLOADS)
    assert len(report["errors"]) == len(PAYLOADS)  # the empty files
    for page in html_pages:
        index = page["path"].rsplit("/", 1)[-1][:2]
        quoted = " ".join(f["message"] for f in page["findings"] if f["rule"] == "house-echo")
        for marker in ("title", "description", "h1", "alt", "link", "ld"):
            assert f"{marker}-{index}" in quoted, (marker, page["path"])
        notes = " ".join(f["message"] for f in page["findings"] if f["rule"].startswith("edit"))
        assert "Focus keyphrase" in notes and "[insert" in notes
    for page in drafts:
        index = page["path"].rsplit("/", 1)[-1][:2]
        assert page["title"] is None or f"fm-title-{index}" in page["title"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_parses_and_carries_no_raw_control(
    fmt: str, reports: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = reports[fmt]
    assert result.returncode == 2, result.stderr  # the empty files are input errors
    _assert_stderr_is_lines_of_ours(result.stderr)
    _check(fmt, result.stdout, pages=2 * len(PAYLOADS), errors=len(PAYLOADS))


def _assert_stderr_is_lines_of_ours(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert _raw_controls(stderr) == []
    lines = stderr.splitlines()
    assert lines and all(line.startswith("seo-audit: ") for line in lines), stderr
    assert len(lines) == len(PAYLOADS)  # one line per input error, whatever its name holds


_COMMAND_RE = re.compile(
    r"^::(error|warning|notice) (file=[^:,]*)"
    r"(,line=\d+(?:,col=\d+)?(?:,endColumn=\d+)?)?(,title=[^:,]*)?::"
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _check(fmt: str, text: str, pages: int, errors: int) -> None:
    """`text` in format `fmt` parses, has one entry per page and error, and nothing raw."""
    if fmt in TERMINAL_FORMATS:
        assert _raw_controls(text) == [], fmt
    else:  # the machine formats: nothing that hides text or splits a line either
        assert _raw_controls(text, keep="\n\t") == [], fmt
    if fmt in ("json", "gitlab", "sarif"):
        document = json.loads(text)
        if fmt == "json":
            assert len(document["pages"]) == pages and len(document["errors"]) == errors
        if fmt == "gitlab":
            assert {"description", "fingerprint", "location"} <= set(document[0])
        if fmt == "sarif":
            schema = json.loads((REPO / "tests" / "sarif-schema-2.1.0.json").read_text("utf-8"))
            jsonschema.Draft4Validator(schema).validate(document)
    elif fmt == "jsonl":
        lines = text.splitlines()  # splits on U+2028, U+0085 and more, unlike "\n"
        assert len(lines) == text.count("\n") == pages + errors
        assert all(isinstance(json.loads(line), dict) for line in lines)
    elif fmt == "junit":
        root = ET.fromstring(text)
        assert len(root.findall("testsuite")) == pages + errors
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == pages + errors
        for row in rows:
            for column in ("path", "title", "keyphrase", "error"):
                assert not row[column].startswith(_FORMULA), row[column]
    elif fmt == "html":
        checked = _HtmlReport()
        checked.feed(text)
        checked.close()
        assert checked.scripts == ["application/json", None]  # the island and the report's
        island = text.split('id="report-data">', 1)[1].split("</script>", 1)[0]
        assert len(json.loads(island)["pages"]) == pages
        assert text.lower().count("<script") == 2  # page text's are escaped everywhere
    elif fmt == "github":
        lines = text.splitlines()
        assert lines and len(lines) == text.count("\n")
        assert all(_COMMAND_RE.match(line) for line in lines)  # each line one of ours
    elif fmt == "markdown":
        _check_markdown(text)
    elif fmt == "text":
        assert "could not be read" in text


class _HtmlReport(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs).get("type"))
        assert tag not in ("img", "x"), f"page markup became a <{tag}> element"


# GitHub's mention and issue-reference filters, run on the rendered text outside code.
_MENTION_RE = re.compile(r"(?:^|[^A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*")
_ISSUE_RE = re.compile(r"(?:^|[^A-Za-z0-9_])#[0-9]+")


class _RenderedText(HTMLParser):
    """The text of rendered Markdown outside code and links, where GitHub links mentions."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("code", "pre", "a"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre", "a"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.text.append(data)


def _check_markdown(text: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    found = _RenderedText()
    found.feed(rendered)
    outside_code = "\n".join(found.text)
    assert _MENTION_RE.search(outside_code) is None, "a mention that pings"
    assert _ISSUE_RE.search(outside_code) is None, "an issue reference"
    assert not {"script", "img", "x"} & set(found.tags), found.tags


# The same payloads straight into a report: no input stage cleans anything on the way.


def _raw_report(payloads: tuple[str, ...]) -> AuditReport:
    def page(index: int, payload: str) -> PageReport:
        finding = ReportedFinding(
            "house-echo", "editorial", Severity.ERROR, f"quoted: “{payload}”", 3, "bad"
        )
        result = RuleResult("house-echo", "editorial", 1.0, Severity.ERROR, Verdict.BAD, (finding,))
        skipped = RuleResult(
            "other", "editorial", 1.0, Severity.INFO, Verdict.NOT_APPLICABLE, reason=payload
        )
        return PageReport(
            path=f"posts/{index:02d} {payload}.html",
            score=50,
            categories={"editorial": 50},
            keyphrase=payload,
            keyphrase_source="flag",
            keyphrase_line=None,
            title=payload,
            metrics={"word_count": 10},
            results=(result, skipped),
        )

    info = RuleInfo("house-echo", "editorial", Severity.ERROR, 1.0, "Echo.", "Echo.", "house")
    return AuditReport(
        pages=tuple(page(i, p) for i, p in enumerate(payloads)),
        errors=tuple(
            InputFailure(f"posts/{i:02d} {p}-error.html", f"cannot read: {p}")
            for i, p in enumerate(payloads)
        ),
        rules={"house-echo": info},
        categories=("editorial",),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_escapes_raw_payloads_itself(fmt: str) -> None:
    stream = io.StringIO()
    formats()[fmt].write(_raw_report(PAYLOADS), stream, ReportOptions(color=False))
    text = stream.getvalue()
    text.encode("utf-8")  # no lone surrogate left: every format can be written as UTF-8
    _check(fmt, text, pages=len(PAYLOADS), errors=len(PAYLOADS))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "gitlab", "sarif"])
def test_json_formats_give_back_exactly_what_the_page_said(fmt: str) -> None:
    """\\u escapes are lossless: the data read back is the page's text, character for
    character (C1 controls, U+2028, bidi, surrogates included)."""
    stream = io.StringIO()
    formats()[fmt].write(_raw_report(PAYLOADS), stream, ReportOptions())
    text = stream.getvalue()
    for raw in ("\x85", "\x9b", "\u2028", "\u2029", "\u202e", "\ufeff", "\x7f"):
        assert raw not in text
    if fmt == "jsonl":
        decoded = [json.loads(line) for line in text.splitlines()]
        messages = [d["findings"][0]["message"] for d in decoded if "findings" in d]
    elif fmt == "json":
        messages = [p["findings"][0]["message"] for p in json.loads(text)["pages"]]
    elif fmt == "gitlab":
        issues = json.loads(text)
        messages = [i["description"] for i in issues if i["check_name"] == "house-echo"]
    else:
        messages = [r["message"]["text"] for r in json.loads(text)["runs"][0]["results"]]
    assert messages == [f"quoted: “{p}”" for p in PAYLOADS]


def test_markdown_neutralises_mentions_and_references_but_not_e_mail() -> None:
    from seo_audit.formats.markdown import escape

    assert escape("ask @someone or @org/team-a about #12") == (
        "ask `@someone` or `@org/team-a` about `#12`"
    )
    assert escape("write to writer@example.com") == "write to writer@example.com"
    assert escape("\\@x") == "\\\\`@x`"  # GitHub links \@x: a backslash is not enough


def test_text_report_shows_bidi_and_escapes_but_keeps_its_own_colours(tmp_path: Path) -> None:
    page = tmp_path / "bidi.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Cheap \u202egnp.exe</title></head>'
        "<body><h1>H</h1><p>TODO write the text.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "\x1b]8;;file:etc\x07name.html").write_text("", encoding="utf-8")
    result = run_cli("check", "--color", str(tmp_path))
    assert "\\u202egnp.exe" in result.stdout
    escapes = re.findall(r"\x1b[^m]*m?", result.stdout)
    assert escapes and all(re.fullmatch(r"\x1b\[[0-9;]*m", e) for e in escapes)  # SGR only
    assert "\x1b]" not in result.stdout + result.stderr
    assert "\\x1b]8;;file:etc\\x07name.html" in result.stderr


def test_a_file_name_cannot_start_a_workflow_command_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "x\n::error::injected.html").write_text("", encoding="utf-8")
    result = run_cli("check", "--format", "github", str(tmp_path))
    assert result.returncode == 2
    for stream in (result.stdout, result.stderr):
        assert not any(line.startswith("::error::") for line in stream.splitlines())
    assert result.stderr.count("\n") == 1 and "x\\x0a::error::injected.html" in result.stderr


def test_usage_errors_quoting_arguments_are_escaped() -> None:
    result = run_cli("check", "--no-such-\x1b]52;c;eA==\x07option")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\\x1b]52" in result.stderr


def test_every_invisible_format_character_is_made_visible_or_kept_on_purpose() -> None:
    """Checked against the running Python's Unicode database: a new format character in a
    later Unicode version fails here until it is placed."""
    unplaced = [
        f"U+{code:04X} {unicodedata.name(chr(code), '?')}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
        and chr(code) not in KEPT_FORMAT_CHARACTERS
        and not UNSAFE.fullmatch(chr(code))
    ]
    assert unplaced == []
    assert visible("a\x1bb\u202ec\U000e0041\ud800") == "a\\x1bb\\u202ec\\U000e0041\\ud800"
    assert visible("tab\tnew\nline", keep="\n") == "tab\\x09new\nline"
    assert (
        visible("family 👨\u200d👩\u200d👧, نمی\u200cخواهم")
        == "family 👨\u200d👩\u200d👧, نمی\u200cخواهم"
    )


# 2. -o onto an input


def _page(folder: Path, name: str = "page.html") -> Path:
    folder.mkdir(exist_ok=True)
    page = folder / name
    page.write_text((EXAMPLES / "well-made-article.html").read_text("utf-8"), encoding="utf-8")
    return page


@pytest.mark.parametrize("how", ["same path", "another spelling", "in a folder", "hard link"])
def test_output_onto_an_input_is_refused(tmp_path: Path, how: str) -> None:
    page = _page(tmp_path / "site" if how == "in a folder" else tmp_path)
    before = page.read_bytes()
    target, inputs = str(page), [str(page)]
    if how == "another spelling":
        target = str(tmp_path / "." / "sub" / ".." / page.name)
    elif how == "in a folder":
        inputs = [str(tmp_path / "site")]
    elif how == "hard link":
        link = tmp_path / "link.html"
        os.link(page, link)
        target = str(link)
    result = run_cli("check", "--format", "json", "-o", target, *inputs)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "one of the pages to audit" in result.stderr
    assert page.read_bytes() == before


def test_write_baseline_onto_an_input_or_the_report_is_refused(tmp_path: Path) -> None:
    page = _page(tmp_path)
    before = page.read_bytes()
    result = run_cli("check", "--write-baseline", str(page), str(page))
    assert result.returncode == 2 and "one of the pages to audit" in result.stderr
    report = tmp_path / "out.json"
    result = run_cli("check", "-o", str(report), "--write-baseline", str(report), str(page))
    assert result.returncode == 2 and "same file" in result.stderr
    assert page.read_bytes() == before and not report.exists()


# 3. Atomic writes, full devices, closed pipes


def test_a_report_is_replaced_whole_keeping_the_file_mode(tmp_path: Path) -> None:
    page = _page(tmp_path)
    report = tmp_path / "report.json"
    report.write_text("previous report\n", encoding="utf-8")
    report.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(report.name)
    result = run_cli("check", "--format", "json", "-o", str(link), str(page))
    assert result.returncode in (0, 1), result.stderr
    assert link.is_symlink() and json.loads(report.read_text("utf-8"))["pages"]
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.json", "page.html", "report.json"]


def test_a_write_that_fails_half_way_leaves_the_previous_file(tmp_path: Path) -> None:
    """What a full disk does: the error comes after some of the report was written."""
    from seo_audit.cli.output import write_file

    report = tmp_path / "report.html"
    report.write_text("the previous good report\n", encoding="utf-8")

    def fill_the_disk(stream: Any) -> None:
        stream.write("<!DOCTYPE html>" * 1000)
        raise OSError(28, "No space left on device")

    with pytest.raises(UsageError, match="cannot write the report \\(No space left on device\\)"):
        write_file(str(report), fill_the_disk, "report")
    assert report.read_text("utf-8") == "the previous good report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_a_new_file_is_created_as_the_umask_says(tmp_path: Path) -> None:
    from seo_audit.cli.output import write_file

    old = os.umask(0o027)
    try:
        write_file(str(tmp_path / "new.json"), lambda stream: stream.write("{}\n"), "report")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


_FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not _FULL.exists(), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize("flag", ["-o", "--write-baseline"])
def test_a_full_device_as_output_file_is_one_line(flag: str) -> None:
    result = run_cli("check", flag, str(_FULL), str(EXAMPLES / "well-made-article.html"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@needs_dev_full
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_device_as_stdout_is_one_line(fmt: str) -> None:
    with open(_FULL, "w") as full:
        result = subprocess.run(
            [*seo_audit_command(), "check", "--format", fmt, str(EXAMPLES)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "standard output (No space left on device)" in result.stderr


def test_a_closed_pipe_ends_the_run_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written, as after `head -1`
    try:
        result = subprocess.run(
            [*seo_audit_command(), "check", "--format", "jsonl", str(EXAMPLES)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141  # 128 + SIGPIPE, as the shell reports a reader gone


def test_head_reads_the_first_line_and_nothing_else_is_said() -> None:
    command = " ".join(f"'{part}'" for part in seo_audit_command())
    result = subprocess.run(
        ["sh", "-c", f"{command} check --format jsonl '{EXAMPLES}' '{EXAMPLES}' | head -c 10"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(result.stdout) == 10 and result.stderr == ""


# 4. Baselines that are not what they claim


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"version": 1, "findings": []}'.encode("utf-16"), "UTF-16"),
        ('{"version": 1, "findings": []}'.encode("utf-16-le"), "NUL bytes"),
        ('{"version": 1, "findings": []}'.encode("utf-32"), "UTF-32"),
        (b'{"version": 1, "findings": ["\xff"]}', "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"version": 1, "findings": [], "n": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b'{"version": 1, "findings": [[1, 2]]}', "need path, rule and fingerprint"),
    ],
    ids=["utf-16", "utf-16 without BOM", "utf-32", "latin-1", "deep", "huge number", "entries"],
)
def test_a_broken_baseline_is_one_line_naming_it(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(content)
    result = run_cli("check", "--baseline", str(baseline), str(EXAMPLES / "well-made-article.html"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(baseline) in result.stderr, result.stderr
    assert problem in result.stderr and "internal error" not in result.stderr


def test_a_baseline_with_a_utf8_bom_is_read(tmp_path: Path) -> None:
    page = _page(tmp_path)
    baseline = tmp_path / "baseline.json"
    assert run_cli("check", "--write-baseline", str(baseline), str(page)).returncode in (0, 1)
    baseline.write_bytes(b"\xef\xbb\xbf" + baseline.read_bytes())
    assert run_cli("check", "--baseline", str(baseline), str(page)).returncode in (0, 1)
