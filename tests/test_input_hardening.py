"""Bad input never crashes, hangs or silently changes the audit (issue 10): each reproduction
from the attack campaign is one test here. A bad input is a finding, or one error line naming
the file and the problem; never an exception that escapes, never a different page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import page_from, run_cli, wrap
from seo_audit.engine.site import site_facts
from seo_audit.sources import file_ref
from seo_audit.text.urls import host_of, join_url, split_url, url_problem

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
