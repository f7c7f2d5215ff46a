"""The fuzz campaign: hostile pages, drafts, bytes and names through reading, the audit and
every format. Shared by tests/test_fuzz.py (a short profile, in every test run) and
benchmarks/fuzz.py (a long campaign).

What must hold for any input: no exception escapes (an input the tool cannot audit is an
InputError, one line naming it); every format parses with a real parser; no control character
reaches the terminal-facing formats.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from seo_audit.config import Config
from seo_audit.engine.registry import load_rules
from seo_audit.errors import InputError
from seo_audit.formats import ReportOptions, formats
from seo_audit.results.categories import ordered
from seo_audit.results.model import AuditReport, InputFailure
from seo_audit.run import AuditSettings
from seo_audit.run.audit import audit_loaded, page_of
from seo_audit.run.finalize import page_report
from seo_audit.sources import Document, SourceRef, from_text
from seo_audit.sources.files import document_of

# Strings an attacker or a broken CMS puts into pages.
PAYLOADS = (
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;cGF5bG9hZA==\x07",
    "\rover",
    "\n::error::injected",
    "%0A::warning::x",
    "\u202egnp.exe",
    "line\u2028split",
    "para\u2029split",
    "@someone",
    '=HYPERLINK("http://x")',
    "+1+1",
    "<script>alert(1)</script>",
    "</script><b>",
    "]]>",
    "\x00nul",
    "\x0cform\x0bfeed",
    "{{7*7}}",
    "$(touch x)",
    "\ud83d",
    "\udfff",
    "\x85next\x9bline",
    "\ufeffbom",
    "focus keyword : cold brew",
    "[embed]https://youtu.be/x[/embed]",
    "http://[2001:db8::1/x",
    "http://ex\u2100ample.com/",
    "javascript:alert(1)",
    "<!-- seo-audit: disable all -->",
    "&#0;&#x1b;&#xd800;",
    "a" * 300,
)
URLS = st.one_of(
    st.sampled_from(
        [
            "http://[2001:db8::1/x",
            "http://ex\u2100ample.com/",
            "https://www.youtube.com/embed/x",
            "//example.com/a",
            "/relative/../path?q=1#f",
            "mailto:x@example.com",
            "http://",
            "https://example.com:99999/",
            "",
        ]
    ),
    st.text(max_size=40),
)
TEXT = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=60), st.just(""))


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


def _element(draw: Any) -> str:
    kind = draw(st.sampled_from(["h", "p", "a", "img", "iframe", "ld", "details", "dl", "raw"]))
    text = draw(TEXT)
    if kind == "h":
        return f"<h{draw(st.integers(1, 6))}>{text}</h{draw(st.integers(1, 6))}>"
    if kind == "p":
        return f"<p>{text} {draw(TEXT)}</p>"
    if kind == "a":
        return f'<a href="{_attr(draw(URLS))}" rel="{_attr(draw(TEXT))}">{text}</a>'
    if kind == "img":
        return f'<img src="{_attr(draw(URLS))}" alt="{_attr(text)}">'
    if kind == "iframe":
        return f'<iframe src="{_attr(draw(URLS))}" title="{_attr(text)}"></iframe>'
    if kind == "ld":
        data = draw(JSON)
        return f'<script type="application/ld+json">{json.dumps(data)}</script>'
    if kind == "details":
        return f"<details><summary>{text}?</summary><p>{draw(TEXT)}</p></details>"
    if kind == "dl":
        return f"<dl><dt>{text}?</dt><dd>{draw(TEXT)}</dd></dl>"
    return text  # raw text or markup fragments as they come


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["@type", "@graph", "name", "author", "mainEntity", "url", "text"]),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


@st.composite
def html_pages(draw: Any) -> str:
    head = (
        f"<title>{draw(TEXT)}</title>"
        f'<meta name="description" content="{_attr(draw(TEXT))}">'
        f'<link rel="canonical" href="{_attr(draw(URLS))}">'
    )
    body = "".join(_element(draw) for _ in range(draw(st.integers(0, 12))))
    lang = _attr(draw(st.sampled_from(["en", "de", "ru", "", "x" * 20, "\x1b"])))
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


YAML_VALUES = st.one_of(
    TEXT.map(json.dumps),  # JSON strings are YAML strings
    st.sampled_from(["[a, b]", "{disable: [headings]}", "1e999", "!!binary aGk=", "~", "*x"]),
)


@st.composite
def drafts(draw: Any) -> str:
    keys = ["title", "description", "keyphrase", "synonyms", "author", "lang", "slug", "canonical"]
    lines = [
        f"{key}: {draw(YAML_VALUES)}" for key in draw(st.lists(st.sampled_from(keys), max_size=6))
    ]
    if draw(st.booleans()):
        lines.append(f"seo-audit: {draw(YAML_VALUES)}")
    body = "\n\n".join(
        draw(
            st.lists(
                TEXT.map(lambda t: draw(st.sampled_from(["# ", "", "- ", "> "])) + t), max_size=8
            )
        )
    )
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


NAMES = st.one_of(
    st.sampled_from(
        ["x\n::error::injected.html", "\x1b[2Jclear.html", "\u202etxt.html", "a,b.html"]
    ),
    st.text(min_size=1, max_size=30).map(lambda t: t + ".html"),
)


def audit_document(document: Document) -> AuditReport:
    """The report `check` would make for one document: every rule, default config."""
    config = Config(root=Path.cwd())
    rules = load_rules(())
    try:
        page = page_of(document, config, AuditSettings())
        audit = audit_loaded(page, document.ref, config, rules)
    except InputError as error:
        failure = InputFailure(error.path, error.problem, document.ref.kind)
        return AuditReport(errors=(failure,), rules={}, categories=ordered(()))
    report = page_report(document.ref, audit, config)
    infos = {rule.id: rule.info for rule in rules.rules}
    return AuditReport(
        pages=(report,), rules=infos, categories=ordered(r.category for r in rules.rules)
    )


def document_from_bytes(data: bytes, name: str, fmt: str) -> Document | None:
    ref = SourceRef("text", name, name, Path.cwd())
    try:
        return document_of(ref, data, "markdown" if fmt == "markdown" else "html")
    except InputError:
        return None


def document_from_text(text: str, name: str, fmt: str) -> Document | None:
    try:
        return from_text(text, name, "markdown" if fmt == "markdown" else "html")
    except InputError:
        return None


# Control characters no terminal-facing output may carry (the tool's own colours are off here).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check_every_format(report: AuditReport) -> None:
    """Write the report in every format and parse each with a real parser."""
    for name, found in formats().items():
        stream = io.StringIO()
        found.write(report, stream, ReportOptions(color=False))
        _parse(name, stream.getvalue())


def _parse(name: str, text: str) -> None:
    if name in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif name == "jsonl":
        lines = text.splitlines()
        assert len(lines) == text.count("\n"), "a JSONL record splits under splitlines()"
        for line in lines:
            json.loads(line)
    elif name == "junit":
        ET.fromstring(text)
    elif name == "csv":
        list(csv.reader(io.StringIO(text)))
    elif name == "html":
        _Checked().feed(text)
    if name in ("text", "github", "markdown"):
        found = _CONTROL_RE.search(text)
        if found is not None:
            around = text[max(found.start() - 40, 0) : found.end() + 40]
            raise AssertionError(f"{name}: raw {found.group(0)!r} in {around!r}")


class _Checked(HTMLParser):
    """The HTML report: only the report's own script elements."""

    scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
            assert self.scripts <= 2, "a script element that the report did not write"


def html_property(page: str, name: str) -> None:
    document = document_from_text(page, name, "html")
    if document is not None:
        check_every_format(audit_document(document))


def draft_property(draft: str, name: str) -> None:
    document = document_from_text(draft, name.removesuffix(".html") + ".md", "markdown")
    if document is not None:
        check_every_format(audit_document(document))


def bytes_property(data: bytes, fmt: str) -> None:
    document = document_from_bytes(data, "bytes.html", fmt)
    if document is not None:
        check_every_format(audit_document(document))


# (property, its strategies): what the test and the long campaign both run.
PROPERTIES = (
    (html_property, (html_pages(), NAMES)),
    (draft_property, (drafts(), NAMES)),
    (bytes_property, (st.binary(max_size=2048), st.sampled_from(["html", "markdown"]))),
)
