"""URLs, sitemaps and crawls, against a real server each test starts on 127.0.0.1 (no mocked
client): robots.txt, redirects, loops, errors, Retry-After, timeouts, the size cap, charsets,
the per-host limit, and what the report says about each."""

from __future__ import annotations

import itertools
import json
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from http_site import Reply, Route, Site, page, redirect, xml
from typer.testing import CliRunner

from seo_audit.cli import app
from seo_audit.run import AuditSettings, run_batch
from seo_audit.sources.http import DEFAULT_USER_AGENT, WebOptions

from helpers import CORPUS, REPO, needs_corpus, run_cli, seo_audit_command

ROBOTS = Reply(200, "User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})


def corpus_pages(count: int) -> dict[str, Reply]:
    """The first `count` corpus pages, at /articles/<n>/, as their bytes (no charset)."""
    files = sorted(CORPUS.glob("*.html"))[:count]
    return {
        f"/articles/{n}/": Reply(200, f.read_bytes(), {"Content-Type": "text/html"})
        for n, f in enumerate(files)
    }


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def report_of(*args: str) -> tuple[dict[str, Any], Ran]:
    """`check --isolated --format json ARGS`, in this process (the installed command's
    start-up would cost a second a run; test_..._final_url_... runs that): the JSON report
    and what the command printed."""
    result = CliRunner().invoke(app, ["check", "--isolated", "--format", "json", *args])
    return json.loads(result.stdout), Ran(result.exit_code, result.stdout, result.stderr)


def errors_by_path(report: dict) -> dict[str, str]:
    return {e["path"]: e["message"] for e in report["errors"]}


def error_page(report: dict, path: str) -> dict[str, Any]:
    """An error page's entry: one finding, no score, its gate failed."""
    (found,) = [p for p in report["pages"] if p["path"] == path]
    assert found["score"] is None  # not a page to score: n/a
    assert [f["severity"] for f in found["findings"]] == ["error"]
    return found


def findings_of(report: dict, path: str, rule: str) -> list[str]:
    (found,) = [p for p in report["pages"] if p["path"] == path]
    return [f["message"] for f in found["findings"] if f["rule"] == rule]


@needs_corpus
def test_urls_are_audited_under_their_final_url_and_errors_name_the_url() -> None:
    routes: dict[str, Reply] = {"/robots.txt": ROBOTS, **corpus_pages(2)}
    routes["/old/"] = redirect("/articles/1/")
    with Site(routes) as site:
        report, result = report_of(
            site.url("/articles/0/"), site.url("/old/"), site.url("/gone/"), site.url("/private/x/")
        )
    assert result.returncode == 2  # inputs that could not be audited; the others were
    assert [p["path"] for p in report["pages"]] == [
        site.url("/articles/0/"),
        site.url("/articles/1/"),  # the final URL, not the one asked for
        site.url("/gone/"),  # the site's answer: a finding on the page, not an input error
    ]
    assert findings_of(report, site.url("/gone/"), "http-status") == [
        f"{site.url('/gone/')} answered 404 Not Found. Fix the link or the sitemap entry, or "
        "restore or redirect the page."
    ]
    error_page(report, site.url("/gone/"))
    assert errors_by_path(report) == {
        site.url("/private/x/"): f"not fetched: robots.txt disallows it for {DEFAULT_USER_AGENT}",
    }
    # robots.txt first, once; the disallowed page never asked for; our user agent on each.
    assert site.paths()[0] == "/robots.txt"
    assert site.paths().count("/robots.txt") == 1
    assert "/private/x/" not in site.paths()
    assert {r.user_agent for r in site.log} == {DEFAULT_USER_AGENT}


def test_an_error_page_alone_fails_the_gate_with_exit_1_and_has_no_score() -> None:
    with Site({"/robots.txt": ROBOTS}) as site:
        report, result = report_of(site.url("/gone/"))
        # The installed command: nothing on stderr (no library's warning about the empty body).
        text = run_cli("check", "--isolated", site.url("/gone/"))
        shown = run_cli("text", site.url("/gone/"))
    assert result.returncode == 1, result.stderr  # a finding of severity error, not exit 2
    assert report["errors"] == []
    page_entry = error_page(report, site.url("/gone/"))
    assert page_entry["findings"][0]["rule"] == "http-status"
    assert text.returncode == 1, text.stderr
    assert text.stdout.startswith(f"{site.url('/gone/')}  score n/a  FAILED\n")
    assert f"{site.url('/gone/')} answered 404 Not Found." in text.stdout
    assert text.stderr == ""
    # `seo-audit text` has no page to show: one line, exit 2.
    assert shown.returncode == 2
    assert (
        shown.stderr
        == f"seo-audit: {site.url('/gone/')}: answered 404 Not Found; no page to show\n"
    )


def test_the_user_agent_is_overridable_and_robots_are_read_for_it() -> None:
    robots = "User-agent: house-bot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    routes = {
        "/robots.txt": Reply(200, robots, {"Content-Type": "text/plain"}),
        "/a/": page("<article><h1>A</h1><p>Text.</p></article>"),
    }
    with Site(routes) as site:
        report, _ = report_of("--user-agent", "house-bot/2.0", site.url("/a/"))
    assert errors_by_path(report) == {
        site.url("/a/"): "not fetched: robots.txt disallows it for house-bot/2.0"
    }
    assert site.paths() == ["/robots.txt"]
    assert site.log[0].user_agent == "house-bot/2.0"


def test_a_redirect_chain_and_a_loop_are_findings() -> None:
    routes = {
        "/one/": redirect("/two/"),
        "/two/": redirect("/three/", 302),
        "/three/": page("<article><h1>Three</h1><p>Text.</p></article>"),
        "/loop-a/": redirect("/loop-b/"),
        "/loop-b/": redirect("/loop-a/"),
    }
    with Site(routes) as site:
        report, _ = report_of(site.url("/one/"), site.url("/loop-a/"))
    (message,) = findings_of(report, site.url("/three/"), "redirect-chain")
    assert message.startswith(
        f"Reached through 2 redirects ({site.url('/one/')} → 301 {site.url('/two/')} → "
        f"302 {site.url('/three/')})"
    )
    assert findings_of(report, site.url("/loop-a/"), "redirect-loop") == [
        f"Redirects in a loop: {site.url('/loop-a/')} → 301 {site.url('/loop-b/')} → "
        f"301 {site.url('/loop-a/')}. Break the loop."
    ]
    error_page(report, site.url("/loop-a/"))
    assert report["errors"] == []
    assert site.paths().count("/loop-a/") == 1  # the loop is seen, not walked again


def test_retry_after_is_honoured_on_503_and_a_long_one_is_not_waited_for() -> None:
    def busy(call: int) -> Reply:
        if call == 1:
            return Reply(503, "busy", {"Retry-After": "1", "Content-Type": "text/plain"})
        return page("<article><h1>Back</h1><p>Text.</p></article>")

    routes = {
        "/busy/": busy,
        "/closed/": Reply(503, "later", {"Retry-After": "3600", "Content-Type": "text/plain"}),
    }
    with Site(routes) as site:
        report, _ = report_of(site.url("/busy/"), site.url("/closed/"))
    assert [p["path"] for p in report["pages"]] == [site.url("/busy/"), site.url("/closed/")]
    (closed,) = findings_of(report, site.url("/closed/"), "http-status")
    assert closed.startswith(f"{site.url('/closed/')} answered 503 Service Unavailable.")
    assert report["errors"] == []
    busy_requests = [r for r in site.log if r.path == "/busy/"]
    assert len(busy_requests) == 2
    # The second attempt waited for what Retry-After asked (a lower bound: never sooner).
    assert busy_requests[1].started - busy_requests[0].started >= 0.95
    assert [r.path for r in site.log].count("/closed/") == 1


def test_a_slow_page_times_out_and_the_others_are_audited() -> None:
    body = "<article><h1>Slow</h1><p>" + "word " * 200 + "</p></article>"
    slow = page(body)
    slow.trickle = 0.05  # ~60 s to send it all: past any timeout, each read well within
    routes = {"/slow/": slow, "/fast/": page("<article><h1>Fast</h1><p>Text.</p></article>")}
    with Site(routes) as site:
        started = time.monotonic()
        report, _ = report_of("--fetch-timeout", "1", site.url("/slow/"), site.url("/fast/"))
        took = time.monotonic() - started
    assert errors_by_path(report) == {site.url("/slow/"): "timed out after 1 s"}
    assert [p["path"] for p in report["pages"]] == [site.url("/fast/")]
    assert took < 30  # not the minute the trickle would take


def test_a_page_over_the_size_cap_is_not_read() -> None:
    big = page("<article><h1>Big</h1>" + "<p>Long text.</p>" * 20_000 + "</article>")
    routes = {"/big/": big, "/small/": page("<article><h1>Small</h1><p>Text.</p></article>")}
    settings = AuditSettings(isolated=True, web=WebOptions(max_bytes=64 * 1024))
    with Site(routes) as site:
        report = run_batch([site.url("/big/"), site.url("/small/")], settings)
    assert [(e.path, e.message) for e in report.errors] == [
        (site.url("/big/"), "is larger than 64 KiB; not audited")
    ]
    assert [p.path for p in report.pages] == [site.url("/small/")]


def test_the_charset_header_decides_the_decoding_and_a_conflict_is_a_finding() -> None:
    wrong = page("<article><h1>Café culture</h1><p>Crème brûlée.</p></article>", title="Café")
    wrong.headers = {"Content-Type": "text/html; charset=iso-8859-1"}
    routes = {"/cafe/": wrong}
    with Site(routes) as site:
        report, _ = report_of(site.url("/cafe/"))
    (found,) = report["pages"]
    # Read as browsers read it: the header wins over the page's own <meta charset>.
    assert found["title"] == "CafÃ©"
    assert findings_of(report, site.url("/cafe/"), "charset-conflict") == [
        "The server sends charset=iso-8859-1 but the page declares utf-8; browsers read it "
        "as the server says. Make the Content-Type header match the page's encoding."
    ]


def test_a_sitemap_index_with_a_gzipped_child() -> None:
    def urlset(*paths: str) -> str:
        entries = "".join(f"<url><loc>{{origin}}{p}</loc></url>" for p in paths)
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'

    routes: dict[str, Reply] = {
        f"/p{n}/": page(f"<article><h1>Page {n}</h1><p>Text {n}.</p></article>", f"Page {n}")
        for n in range(4)
    }
    with Site(routes) as site:
        origin = site.origin
        site.routes["/sitemap.xml"] = xml(
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{origin}/pages.xml.gz</loc></sitemap>"
            f"<sitemap><loc>{origin}/more.xml</loc></sitemap>"
            f"<sitemap><loc>{origin}/missing.xml</loc></sitemap></sitemapindex>"
        )
        site.routes["/pages.xml.gz"] = xml(
            urlset("/p0/", "/p1/").replace("{origin}", origin), gzipped=True
        )
        site.routes["/more.xml"] = xml(urlset("/p2/", "/p3/", "/p1/").replace("{origin}", origin))
        report, result = report_of("--sitemap", site.url("/sitemap.xml"))
    assert [p["path"] for p in report["pages"]] == [site.url(f"/p{n}/") for n in range(4)]
    assert errors_by_path(report) == {site.url("/missing.xml"): "HTTP 404 Not Found"}
    assert site.paths().count("/p1/") == 1  # listed twice, fetched once
    assert result.returncode == 2


def test_a_sitemap_file_that_is_not_a_sitemap_is_one_error(tmp_path: Path) -> None:
    file = tmp_path / "sitemap.xml"
    file.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<rss><channel>&e;</channel></rss>",
        encoding="utf-8",
    )
    report, result = report_of("--sitemap", str(file))
    assert errors_by_path(report) == {
        str(file): "is not a sitemap: its root is <rss>, not <urlset>"
    }
    assert "root:" not in result.stdout  # the entity was never resolved
    assert result.returncode == 2


def _linked_site(count: int) -> dict[str, Reply]:
    """Pages /0/ … linking to the next two and to /private/; each links its images, a script
    and an iframe, none of which a crawl may fetch."""
    routes: dict[str, Reply] = {"/robots.txt": ROBOTS}
    for n in range(count):
        links = "".join(
            f'<a href="/{m}/">Page {m}</a> ' for m in (2 * n + 1, 2 * n + 2) if m < count
        )
        body = (
            f"<article><h1>Page {n}</h1><p>Text of page {n}. {links}"
            '<a href="/private/">Private</a> <a href="/files/report.pdf">PDF</a> '
            '<a href="https://elsewhere.example/">Another site</a></p>'
            '<img src="/img/photo.jpg" alt="A photo"><script src="/app.js"></script>'
            '<iframe src="/embed/" title="An embed"></iframe></article>'
        )
        routes[f"/{n}/"] = page(body, f"Page {n}")
    return routes


def test_a_crawl_follows_links_within_its_limits_and_fetches_nothing_else() -> None:
    with Site(_linked_site(40)) as site:
        report, _ = report_of("--crawl", site.url("/0/"), "--max-pages", "10", "--per-host", "2")
    pages = [p["path"] for p in report["pages"]]
    # Breadth first from /0/: 1, 2, then their links, in order, 10 pages in all.
    assert pages == [site.url(f"/{n}/") for n in range(10)]
    assert report["errors"] == []
    fetched = [p for p in site.paths() if p != "/robots.txt"]
    assert sorted(fetched) == sorted(f"/{n}/" for n in range(10))
    assert not any(
        p.startswith(("/img/", "/app.js", "/embed/", "/files/", "/private/")) for p in site.paths()
    )
    assert site.most_open <= 2  # the per-host limit


def test_a_crawl_stops_at_its_depth() -> None:
    with Site(_linked_site(40)) as site:
        report, _ = report_of("--crawl", site.url("/0/"), "--max-depth", "1")
    assert [p["path"] for p in report["pages"]] == [site.url(f"/{n}/") for n in range(3)]


def test_at_most_four_requests_at_a_time_to_a_host_by_default() -> None:
    slow = {path: reply for path, reply in _linked_site(30).items()}
    for reply in slow.values():
        reply.delay = 0.2  # long enough for requests to pile up if the limit did not hold
    with Site(slow) as site:
        report, _ = report_of("--crawl", site.url("/0/"))
    assert len(report["pages"]) == 30
    assert 2 <= site.most_open <= 4


def test_a_host_that_stops_answering_fails_its_pages_and_the_run_goes_on() -> None:
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: every connection is refused
    down = [f"http://127.0.0.1:{port}/{n}/" for n in range(5)]
    with Site({"/up/": page("<article><h1>Up</h1><p>Text.</p></article>")}) as site:
        report, result = report_of(*down, site.url("/up/"))
    assert [p["path"] for p in report["pages"]] == [site.url("/up/")]
    errors = errors_by_path(report)
    assert set(errors) == set(down)
    assert all(
        m.startswith(("not fetched: robots.txt could not be fetched (cannot connect",))
        for m in errors.values()
    ), errors
    assert all("\n" not in line for line in result.stderr.splitlines())


def test_crawl_and_sitemap_together_report_coverage() -> None:
    routes = {
        "/robots.txt": ROBOTS,
        "/": page(
            '<article><h1>Home</h1><p>Read <a href="/guide/">the guide</a> and '
            '<a href="/unlisted/">a new post</a>.</p></article>',
            "Home",
        ),
        "/guide/": page("<article><h1>Guide</h1><p>The guide.</p></article>", "Guide"),
        "/unlisted/": page("<article><h1>New</h1><p>A new post.</p></article>", "New"),
        "/orphan/": page("<article><h1>Orphan</h1><p>Nobody links here.</p></article>", "Orphan"),
        "/old-guide/": redirect("/guide/"),
    }
    with Site(routes) as site:
        o = site.origin
        site.routes["/sitemap.xml"] = xml(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(
                f"<url><loc>{o}{p}</loc></url>" for p in ("/", "/old-guide/", "/orphan/", "/gone/")
            )
            + "</urlset>"
        )
        report, _ = report_of("--crawl", site.url("/"), "--sitemap", site.url("/sitemap.xml"))
    assert [p["path"] for p in report["pages"]] == [
        site.url(p) for p in ("/", "/guide/", "/unlisted/", "/orphan/", "/gone/")
    ]
    assert findings_of(report, site.url("/unlisted/"), "sitemap-missing-page") == [
        f"The sitemap does not list {site.url('/unlisted/')}. Add it."
    ]
    assert findings_of(report, site.url("/orphan/"), "sitemap-orphan") == [
        "No page the crawl reached links to this one; only the sitemap lists it. Link to it "
        "from related pages."
    ]
    assert findings_of(report, site.url("/"), "sitemap-orphan") == []
    # /old-guide/ redirects to /guide/, which the crawl reached first: audited once, as /guide/.
    assert findings_of(report, site.url("/gone/"), "http-status") == [
        f"{site.url('/gone/')} answered 404 Not Found (listed in the sitemap). Fix the link or "
        "the sitemap entry, or restore or redirect the page."
    ]
    error_page(report, site.url("/gone/"))
    assert report["errors"] == []


def test_the_python_api_audits_urls_sitemaps_and_crawls() -> None:
    from seo_audit.sources.crawl import CrawlLimits

    routes: dict[str, Route] = {
        "/a/": page('<article><h1>A</h1><p>Text. <a href="/b/">B</a></p></article>', "A"),
        "/b/": page('<article><h1>B</h1><p>Text. <a href="/c/">C</a></p></article>', "B"),
        "/c/": page("<article><h1>C</h1><p>Text.</p></article>", "C"),
    }
    with Site(routes) as site:
        site.routes["/sitemap.xml"] = xml(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{site.url('/c/')}</loc></url></urlset>"
        )
        named = run_batch([site.url("/a/")], AuditSettings(isolated=True))
        listed = run_batch([], AuditSettings(isolated=True, sitemaps=(site.url("/sitemap.xml"),)))
        crawled = run_batch(
            [],
            AuditSettings(
                isolated=True, crawls=(site.url("/a/"),), crawl_limits=CrawlLimits(max_pages=2)
            ),
        )
    assert [(p.path, p.title) for p in named.pages] == [(site.url("/a/"), "A")]
    assert [p.path for p in listed.pages] == [site.url("/c/")]
    assert [p.path for p in crawled.pages] == [site.url("/a/"), site.url("/b/")]


def test_ctrl_c_writes_a_partial_report_with_output(tmp_path: Path) -> None:
    routes = _linked_site(60)
    for reply in routes.values():
        reply.delay = 0.15
    out = tmp_path / "partial.json"
    with Site(routes) as site:
        process = subprocess.Popen(
            [
                *seo_audit_command(),
                "check",
                "--isolated",
                "--format",
                "json",
                "-o",
                str(out),
                "--crawl",
                site.url("/0/"),
                "--per-host",
                "1",
                "-j",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO.parent,
        )
        deadline = time.monotonic() + 60
        while len(site.log) < 16 and time.monotonic() < deadline:
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    report = json.loads(out.read_text(encoding="utf-8"))
    assert 1 <= len(report["pages"]) < 60
    assert "interrupted: the report holds the" in stderr


def test_a_check_of_files_never_loads_the_fetcher() -> None:
    from helpers import EXAMPLES, modules_loaded_by

    loaded = modules_loaded_by("--isolated", str(EXAMPLES / "film-news-with-problems.html"))
    for name in ("httpx", "protego", "seo_audit.sources.http", "seo_audit.sources.crawl"):
        assert name not in loaded, name


def test_a_crawl_reports_links_to_pages_that_answered_404_on_the_linking_pages() -> None:
    routes = {
        "/": page(
            '<article><h1>Home</h1><p>Read <a href="/a/">the first post</a> and '
            '<a href="/gone/">the old guide</a>.</p></article>',
            "Home",
        ),
        "/a/": page(
            '<article><h1>A</h1><p>As <a href="/gone/">our guide</a> says, and '
            '<a href="/removed/">a removed page</a>.</p></article>',
            "A",
        ),
        "/removed/": Reply(410, "gone", {"Content-Type": "text/html"}),
    }
    with Site(routes) as site:
        report, result = report_of("--crawl", site.url("/"))
    assert result.returncode == 1
    assert [p["path"] for p in report["pages"]] == [
        site.url(p) for p in ("/", "/a/", "/gone/", "/removed/")
    ]
    assert findings_of(report, site.url("/"), "link-target-error") == [
        "The link to /gone/ (“the old guide”) answered HTTP 404 Not Found when fetched. Fix "
        "the address, or restore or redirect the page."
    ]
    assert findings_of(report, site.url("/a/"), "link-target-error") == [
        "The link to /gone/ (“our guide”) answered HTTP 404 Not Found when fetched. Fix the "
        "address, or restore or redirect the page.",
        "The link to /removed/ (“a removed page”) answered HTTP 410 Gone when fetched. Fix "
        "the address, or restore or redirect the page.",
    ]
    # The error pages themselves: where the crawl found each (the first link to it).
    assert findings_of(report, site.url("/gone/"), "http-status") == [
        f"{site.url('/gone/')} answered 404 Not Found; linked from {site.url('/')} (“the old "
        "guide”). Fix the link or the sitemap entry, or restore or redirect the page."
    ]
    assert findings_of(report, site.url("/removed/"), "http-status") == [
        f"{site.url('/removed/')} answered 410 Gone; linked from {site.url('/a/')} (“a removed "
        "page”). Fix the link or the sitemap entry, or restore or redirect the page."
    ]
    for path in ("/gone/", "/removed/"):
        error_page(report, site.url(path))
    assert report["errors"] == []


def test_the_final_url_is_the_page_in_every_format(tmp_path: Path) -> None:
    import csv

    routes = {
        "/old/": redirect("/new/"),
        "/new/": page("<article><p>No heading here.</p></article>", "New"),
    }
    sarif, table, html = tmp_path / "r.sarif", tmp_path / "r.csv", tmp_path / "r.html"
    with Site(routes) as site:
        result = run_cli(
            "check",
            "--isolated",
            site.url("/old/"),
            "--format",
            "sarif",
            "-o",
            str(sarif),
            "--report",
            f"csv={table}",
            "--report",
            f"html={html}",
        )
    assert result.returncode == 1, result.stderr
    final = site.url("/new/")
    runs = json.loads(sarif.read_text(encoding="utf-8"))["runs"]
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for found in runs[0]["results"]
        for location in found["locations"]
    }
    assert uris == {final}
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {row["path"] for row in rows} == {final}
    assert final in html.read_text(encoding="utf-8")
    assert site.url("/old/") not in html.read_text(encoding="utf-8")


def test_malformed_urls_and_bad_flags_are_one_line_each_never_a_traceback() -> None:
    result = run_cli("check", "--isolated", "http://[::1/x", "http://127.0.0.1:99999/", "http:///x")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-3:] == [
        "seo-audit: http://[::1/x: is not a valid address (an unbalanced [ or ] in the host)",
        "seo-audit: http://127.0.0.1:99999/: is not a valid address (the port is not a number "
        "from 0 to 65535)",
        "seo-audit: http:///x: is not a valid address (no host)",
    ]
    for flags, message in (
        (["--crawl", "site/"], "--crawl: 'site/' is not an http(s) URL"),
        (["--crawl", "http://127.0.0.1:1/", "--max-pages", "0"], "--max-pages: must be 1 or more"),
        (["--crawl", "http://127.0.0.1:1/", "--max-depth", "-1"], "--max-depth: must be 0 or more"),
        (["--fetch-timeout", "0", "http://127.0.0.1:1/"], "--fetch-timeout: must be a number"),
        (["--scheduler", "tcp://127.0.0.1:1", "http://127.0.0.1:1/"], "--scheduler: URLs"),
    ):
        result = run_cli("check", "--isolated", *flags)
        assert result.returncode == 2, flags
        assert message in result.stderr, (flags, result.stderr)
        assert "Traceback" not in result.stderr


def test_a_staging_crawl_is_judged_against_production_with_base_url() -> None:
    routes: dict[str, Route] = {"/robots.txt": ROBOTS}
    with Site(routes) as site:
        staging = site.origin
        site.routes["/"] = page(
            f'<article><h1>Home</h1><p>Read <a href="{staging}/guide/">the guide</a> and '
            f'<a href="{staging}/private/notes/">the notes</a>.</p></article>',
            "Home",
        )
        site.routes["/guide/"] = page(
            f'<article><h1>Guide</h1><p>Back <a href="{staging}/">home</a>.</p></article>',
            "Guide",
        )
        report, _ = report_of(
            "--crawl",
            site.url("/"),
            "--base-url",
            "https://example.com/",
            "--select",
            "broken-internal-link",
        )
    # Links to the staging host are links to production: the guide is a page the crawl
    # audited; the notes (robots.txt kept the crawl out) are judged, not taken for another
    # site's page.
    assert findings_of(report, site.url("/"), "broken-internal-link") == [
        f"The link to {staging}/private/notes/ is not among the 2 audited pages under "
        "https://example.com/. Fix the address, or audit the page it points to with the others."
    ]
    assert findings_of(report, site.url("/guide/"), "broken-internal-link") == []


def test_the_crawl_delay_of_robots_txt_spaces_the_requests() -> None:
    robots = "User-agent: *\nCrawl-delay: 0.5\n"
    routes: dict[str, Route] = {"/robots.txt": Reply(200, robots, {"Content-Type": "text/plain"})}
    routes.update(
        {f"/{n}/": page(f"<article><h1>P{n}</h1><p>Text.</p></article>") for n in range(3)}
    )
    with Site(routes) as site:
        report, _ = report_of(*(site.url(f"/{n}/") for n in range(3)))
    assert len(report["pages"]) == 3
    starts = sorted(r.started for r in site.log if r.path != "/robots.txt")
    # Never sooner than the delay asks (a lower bound, whatever the machine's load).
    assert all(later - earlier >= 0.45 for earlier, later in itertools.pairwise(starts))


def test_the_run_timeout_fails_the_pages_not_fetched_in_time() -> None:
    routes: dict[str, Route] = {}
    for n in range(6):
        slow = page(f"<article><h1>P{n}</h1><p>Text.</p></article>", f"P{n}")
        slow.delay = 0.6
        routes[f"/{n}/"] = slow
    with Site(routes) as site:
        report, _ = report_of(
            "--run-timeout", "1", "--per-host", "1", *(site.url(f"/{n}/") for n in range(6))
        )
    errors = errors_by_path(report)
    assert errors, "some pages could not be fetched within a second"
    assert set(errors.values()) == {"not fetched: the run's time limit (1 s) was reached"}
    assert len(report["pages"]) + len(errors) == 6  # each page audited or one error line


def test_text_and_the_single_page_api_read_a_url() -> None:
    from seo_audit.run import audit_one

    routes = {"/a/": page("<article><h1>Cold brew</h1><p>Steep it overnight.</p></article>", "A")}
    with Site(routes) as site:
        result = CliRunner().invoke(app, ["text", site.url("/a/")])
        audited, report = audit_one(site.url("/a/"), AuditSettings(isolated=True))
    assert result.exit_code == 0, result.stderr
    assert "Steep it overnight." in result.stdout
    assert audited.http is not None and audited.http.status == 200
    assert report.title == "A"


def test_a_robots_txt_over_500_kib_is_read_up_to_its_cap_not_dropped() -> None:
    robots = "User-agent: *\nDisallow: /private/\n" + "# padding\n" * 70_000  # ~700 KiB
    routes = {
        "/robots.txt": Reply(200, robots, {"Content-Type": "text/plain"}),
        "/a/": page("<article><h1>A</h1><p>Text.</p></article>"),
    }
    with Site(routes) as site:
        report, _ = report_of(site.url("/a/"), site.url("/private/b/"))
    assert [p["path"] for p in report["pages"]] == [site.url("/a/")]
    assert errors_by_path(report) == {
        site.url("/private/b/"): f"not fetched: robots.txt disallows it for {DEFAULT_USER_AGENT}"
    }


def test_a_crawl_leaves_nofollow_links_alone_and_applies_base_href() -> None:
    routes = {
        "/": page(
            '<article><h1>Home</h1><p><a rel="nofollow" href="/ads/">Sponsored</a> '
            '<a href="/quiet/">A quiet page</a> <a href="/blog/">Blog</a></p></article>',
            "Home",
        ),
        "/quiet/": Reply(
            200,
            '<!DOCTYPE html><html lang="en"><head><meta name="robots" content="noindex, '
            'nofollow"><title>Quiet</title></head><body><a href="/hidden/">Hidden</a>'
            "</body></html>",
            {"Content-Type": "text/html"},
        ),
        "/blog/": page(
            '<base href="/blog/archive/"><article><h1>Blog</h1><p><a href="2019/">2019</a>'
            "</p></article>",
            "Blog",
        ),
        "/blog/archive/2019/": page("<article><h1>2019</h1><p>Old posts.</p></article>", "2019"),
    }
    with Site(routes) as site:
        report, _ = report_of("--crawl", site.url("/"))
    assert [p["path"] for p in report["pages"]] == [
        site.url(p) for p in ("/", "/quiet/", "/blog/", "/blog/archive/2019/")
    ]
    assert "/ads/" not in site.paths() and "/hidden/" not in site.paths()


def test_every_format_names_fetched_pages_and_error_pages_by_url() -> None:
    from seo_audit.formats import formats

    routes = {
        "/old/": redirect("/new/"),
        "/new/": page("<article><p>No heading here.</p></article>", "New"),
    }
    with Site(routes) as site:
        for name in formats():
            result = CliRunner().invoke(
                app, ["check", "--isolated", "-f", name, site.url("/old/"), site.url("/gone/")]
            )
            assert result.exit_code == 1, (name, result.stderr)  # the 404's error finding
            assert result.stderr == "", name  # the 404 is no input error
            # As each medium writes it (GitHub's workflow commands escape ":" as %3A).
            out = result.stdout.replace("%3A", ":")
            final, asked, gone = (site.url(p) for p in ("/new/", "/old/", "/gone/"))
            assert final in out, name
            assert asked not in out, name
            assert gone in out, name
            # Its finding: the message, or in CSV's page rows the rule that failed.
            assert ("http-status" if name == "csv" else "404 Not Found") in out, name


def test_a_robots_txt_answering_5xx_means_nothing_is_fetched_from_that_site() -> None:
    routes = {
        "/robots.txt": Reply(500, "oops", {"Content-Type": "text/plain"}),
        "/a/": page("<article><h1>A</h1><p>Text.</p></article>"),
    }
    with Site(routes) as site:
        report, _ = report_of(site.url("/a/"))
    assert errors_by_path(report) == {site.url("/a/"): "not fetched: robots.txt answered HTTP 500"}
    assert site.paths() == ["/robots.txt"]


def test_the_progress_bar_shows_the_fetched_pages_and_the_current_hosts_rate() -> None:
    import os
    import re

    routes: dict[str, Route] = {"/robots.txt": ROBOTS}
    for n in range(6):
        routes[f"/{n}/"] = page(
            f'<article><h1>P{n}</h1><p><a href="/{n + 1}/">Next</a>.</p></article>'
        )
    # A terminal as rich sees one (the bar is only drawn on a terminal).
    env = dict(os.environ, COLUMNS="160", FORCE_COLOR="1", TTY_INTERACTIVE="1")
    with Site(routes) as site:
        done = subprocess.run(
            [*seo_audit_command(), "check", "--isolated", "--progress", "--crawl", site.url("/0/")],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", done.stderr)
    # The run's rate, then the host last fetched from and its rate over its recent pages.
    assert re.search(r"7 fetched \(\d+/s; 127\.0\.0\.1 \d+\.\d/s\)", drawn), drawn[-500:]
