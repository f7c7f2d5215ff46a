"""Auditing folders: walking, parallel runs, cross-page rules, the site summary, the HTML
report, and a Dask cluster."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from helpers import CORPUS, EXAMPLES, needs_corpus, run_cli, wrap


def _json(*args: str, cwd: Path | None = None) -> dict:  # type: ignore[type-arg]
    result = run_cli("check", "--format", "json", "--isolated", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def _names(report: dict, folder: Path) -> list[str]:  # type: ignore[type-arg]
    return [
        Path(p["path"]).resolve().relative_to(folder.resolve()).as_posix() for p in report["pages"]
    ]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "guides").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "index.html").write_text(
        wrap(
            '<article><h1>Home</h1><p>Read <a href="guides/cold-brew.html">the guide</a> and '
            '<a href="guides/gone.html">an old one</a>.</p></article>',
            title="Coffee at home",
        )
    )
    (folder / "guides" / "cold-brew.html").write_text(
        wrap(
            '<article><h1>Cold brew</h1><p>Back <a href="../index.html">home</a>.</p></article>',
            title="Coffee at home",
        )
    )
    (folder / "guides" / "notes.md").write_text("# Notes\n\nNobody links here.\n")
    (folder / "guides" / "styles.css").write_text("body{}")
    (folder / ".hidden" / "secret.html").write_text(wrap("<p>Hidden.</p>"))
    return folder


def test_folder_walk_order_hidden_and_suffixes(site: Path) -> None:
    report = _json(str(site))
    assert _names(report, site) == ["guides/cold-brew.html", "guides/notes.md", "index.html"]


def test_include_and_exclude(site: Path) -> None:
    assert _names(_json("--include", "*.md", str(site)), site) == ["guides/notes.md"]
    assert _names(_json("--exclude", "guides/*", str(site)), site) == ["index.html"]


def test_gitignore_is_respected_in_a_work_tree(site: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    (site / ".gitignore").write_text("guides/notes.md\n")
    assert _names(_json(str(site)), site) == ["guides/cold-brew.html", "index.html"]
    assert len(_json("--no-gitignore", str(site))["pages"]) == 3


def test_symlink_loops_and_dangling_links_do_not_stop_the_batch(site: Path) -> None:
    os.symlink(site, site / "guides" / "loop")
    os.symlink(site / "nowhere.html", site / "dangling.html")
    result = run_cli("check", "--format", "json", "--isolated", str(site))
    report = json.loads(result.stdout)
    assert result.returncode == 2  # one input could not be read
    assert _names(report, site).count("index.html") == 1
    assert [Path(e["path"]).name for e in report["errors"]] == ["dangling.html"]
    assert "dangling.html" in result.stderr and "Traceback" not in result.stderr


def test_cross_page_rules_report_on_every_page_involved(site: Path) -> None:
    report = _json(str(site))
    by_name = {Path(p["path"]).name: {f["rule"] for f in p["findings"]} for p in report["pages"]}
    assert (
        "duplicate-title" in by_name["index.html"]
        and "duplicate-title" in by_name["cold-brew.html"]
    )
    assert "broken-internal-link" in by_name["index.html"]
    assert "broken-internal-link" not in by_name["cold-brew.html"]
    assert "orphan-page" in by_name["notes.md"] and "orphan-page" not in by_name["index.html"]
    # A single page is not a site: no cross-page findings.
    single = _json(str(site / "index.html"))
    assert not {f["rule"] for f in single["pages"][0]["findings"]} & {
        "duplicate-title",
        "broken-internal-link",
        "orphan-page",
    }


@pytest.mark.parametrize(
    "fmt", ["sarif", "junit", "github", "gitlab", "markdown", "csv", "html", "jsonl"]
)
def test_cross_page_findings_appear_in_every_format(site: Path, fmt: str) -> None:
    result = run_cli("check", "--isolated", "--format", fmt, str(site))
    assert ("duplicate-title" in result.stdout) or (
        fmt == "csv" and "duplicate-title" in result.stdout
    )


def test_site_summary(site: Path) -> None:
    report = _json(str(site))
    summary = report["summary"]
    assert summary["pages"] == 3
    assert sum(bucket["pages"] for bucket in summary["histogram"]) == 3
    top = {t["rule"]: t for t in summary["top_findings"]}
    assert top["duplicate-title"]["pages"] == 2
    assert summary["worst_pages"][0]["score"] == min(p["score"] for p in report["pages"])
    text = run_cli("check", "--isolated", str(site)).stdout
    assert "SITE SUMMARY" in text and "most frequent findings" in text and "█" in text


def test_parallel_equals_serial() -> None:
    serial = run_cli("check", "--format", "json", "--jobs", "1", str(EXAMPLES))
    parallel = run_cli("check", "--format", "json", "--jobs", "2", str(EXAMPLES))
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode


@needs_corpus
def test_parallel_equals_serial_on_the_corpus() -> None:
    serial = run_cli("check", "--format", "jsonl", "--isolated", "--jobs", "1", str(CORPUS))
    parallel = run_cli("check", "--format", "jsonl", "--isolated", "--jobs", "2", str(CORPUS))
    assert serial.stdout == parallel.stdout
    assert len(serial.stdout.splitlines()) == 91


def test_no_progress_bar_when_not_a_terminal(site: Path) -> None:
    result = run_cli("check", "--isolated", str(site))
    assert "auditing" not in result.stderr and "pages/s" not in result.stderr


def test_html_report_is_self_contained_and_escaped(tmp_path: Path, site: Path) -> None:
    evil = '<script>alert("title")</script></script><img src=x onerror=alert(1)>'
    (site / "evil.html").write_text(
        wrap(
            "<article><h1>X</h1><p>Text of the page.</p></article>", title=evil.replace("<", "&lt;")
        ),
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = run_cli("check", "--isolated", "--format", "html", "--output", str(out), str(site))
    assert result.returncode in (0, 1)
    text = out.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(text)
    scripts = tree.findall(".//script")
    assert len(scripts) == 2 and scripts[0].get("type") == "application/json"
    assert not tree.findall(".//img")
    assert "http://" not in text.replace('"http://x"', "") and "https://" not in text
    data = json.loads(scripts[0].text)
    titles = {p["title"] for p in data["pages"]}
    assert evil in titles  # the page text arrives intact, as data, not markup
    assert "</script" not in scripts[0].text
    assert tree.find(".//table[@id='pages']") is not None


def test_dask_cluster_runs_the_same_audit() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = run_cli(
            "check", "--format", "json", "--scheduler", cluster.scheduler_address, str(EXAMPLES)
        )
    local = run_cli("check", "--format", "json", str(EXAMPLES))
    assert remote.returncode == local.returncode and remote.stdout == local.stdout


def test_unreachable_scheduler_is_a_usage_error() -> None:
    pytest.importorskip("distributed")
    result = run_cli("check", "--scheduler", "tcp://127.0.0.1:9", str(EXAMPLES))
    assert result.returncode == 2 and "cannot reach" in result.stderr
    assert "Traceback" not in result.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine")
def test_html_report_sorts_and_filters_in_a_browser(tmp_path: Path, site: Path) -> None:
    out = tmp_path / "report.html"
    run_cli("check", "--isolated", "--format", "html", "--output", str(out), str(site))

    def rendered(fragment: str = "") -> lxml.html.HtmlElement:
        result = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp_path / 'chromium'}",
                "--dump-dom",
                out.as_uri() + fragment,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        return lxml.html.fromstring(result.stdout)

    rows = rendered().xpath("//table[@id='pages']/tbody/tr")
    scores = [int(row.xpath("./td[1]")[0].text_content()) for row in rows]
    assert len(rows) == 3 and scores == sorted(scores)  # worst first
    filtered = rendered("#filter=notes").xpath("//table[@id='pages']/tbody/tr")
    assert len(filtered) == 1 and "notes.md" in filtered[0].text_content()


def test_a_scheduler_that_accepts_but_never_answers_is_a_usage_error() -> None:
    pytest.importorskip("distributed")
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])  # accept, then never say a word
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        port = server.getsockname()[1]
        result = run_cli("check", "--scheduler", f"tcp://127.0.0.1:{port}", str(EXAMPLES))
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        server.close()
    assert result.returncode == 2 and "cannot reach" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_scheduler_address_is_a_usage_error() -> None:
    pytest.importorskip("distributed")
    result = run_cli("check", "--scheduler", "tcp://[::1", str(EXAMPLES))
    assert result.returncode == 2 and "--scheduler" in result.stderr
    assert "Traceback" not in result.stderr


def test_pages_go_to_dask_workers_as_absolute_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    from seo_audit.errors import UsageError
    from seo_audit.run.dask import absolute
    from seo_audit.sources import file_ref, stdin_ref

    monkeypatch.chdir(EXAMPLES.parent)
    ref = absolute(file_ref("examples/well-made-article.html"))
    assert ref.location == str(EXAMPLES / "well-made-article.html")
    assert ref.name == "examples/well-made-article.html"  # reports show it as typed
    with pytest.raises(UsageError, match="cannot be sent to a Dask cluster"):
        absolute(stdin_ref())
