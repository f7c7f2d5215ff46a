"""Inventories: `check --inventory FILE` audits the pages a text or CSV list names, without
the planner walking folders or stat'ing the pages."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from seo_audit.run import AuditSettings, build_plan

from helpers import CORPUS, needs_corpus, run_cli

PAGES = sorted(CORPUS.glob("*.html"))[:3] if CORPUS.is_dir() else []


def audit(*args: str, stdin: str | None = None, cwd: Path | None = None) -> tuple[dict, int, str]:  # type: ignore[type-arg]
    result = run_cli("check", "--isolated", "--format", "json", *args, stdin=stdin, cwd=cwd)
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result.returncode, result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder with two corpus pages under their own names, and a list beside them."""
    if not PAGES:
        pytest.skip(f"no corpus at {CORPUS}")
    (tmp_path / "news").mkdir()
    shutil.copy(PAGES[0], tmp_path / "news" / "first.html")
    shutil.copy(PAGES[1], tmp_path / "news" / "second.html")
    return tmp_path


@needs_corpus
def test_a_text_list_is_audited_in_its_order(site: Path) -> None:
    listing = site / "pages.txt"
    listing.write_text(
        "# the pages of the spring release\n"
        "news/second.html\n"
        "\n"
        f"{PAGES[2]}\n"
        "news/first.html\n"
        "news/second.html\n"  # listed twice, audited once
        "news/missing.html\n"
    )
    report, code, _ = audit("--inventory", str(listing))
    # Relative paths are the list's: they name pages beside it, wherever the run starts.
    assert [p["path"] for p in report["pages"]] == [
        "news/second.html",
        str(PAGES[2]),
        "news/first.html",
    ]
    assert [(e["path"], e["message"]) for e in report["errors"]] == [
        ("news/missing.html", "no such file")
    ]
    assert code == 2


@needs_corpus
def test_a_csv_list_names_its_pages_in_a_path_column(site: Path) -> None:
    listing = site / "inventory.csv"
    listing.write_text('title,path\n"First, the story",news/first.html\nSecond,news/second.html\n')
    report, _, _ = audit("--inventory", str(listing))
    assert [p["path"] for p in report["pages"]] == ["news/first.html", "news/second.html"]
    wrong = site / "wrong.csv"
    wrong.write_text("title,location\nFirst,news/first.html\n")
    report, code, stderr = audit("--inventory", str(wrong))
    assert report["pages"] == []
    assert f"{wrong}: has no path or url column" in stderr
    assert code == 2


@needs_corpus
def test_the_list_can_come_from_stdin(site: Path) -> None:
    report, _, _ = audit("--inventory", "-", stdin="news/first.html\n", cwd=site)
    assert [p["path"] for p in report["pages"]] == ["news/first.html"]


def test_the_report_never_overwrites_the_list(tmp_path: Path) -> None:
    listing = tmp_path / "pages.txt"
    listing.write_text("a.html\n")
    result = run_cli("check", "--inventory", str(listing), "-o", str(listing))
    assert result.returncode == 2
    assert f"--output: {listing} is one of the pages to audit" in result.stderr
    assert listing.read_text() == "a.html\n"


def test_an_unreadable_list_is_one_line(tmp_path: Path) -> None:
    report, code, stderr = audit("--inventory", str(tmp_path / "nope.txt"))
    assert report["pages"] == []
    assert [e["path"] for e in report["errors"]] == [str(tmp_path / "nope.txt")]
    assert f"{tmp_path / 'nope.txt'}: cannot be read (No such file or directory)" in stderr
    assert code == 2


@needs_corpus
def test_the_site_rules_run_over_the_listed_pages(site: Path) -> None:
    shutil.copy(PAGES[0], site / "news" / "copy.html")
    listing = site / "pages.txt"
    listing.write_text("news/first.html\nnews/copy.html\nnews/second.html\n")
    report, _, _ = audit("--inventory", str(listing))
    duplicated = [
        p["path"]
        for p in report["pages"]
        if any(f["rule"] == "duplicate-title" for f in p["findings"])
    ]
    assert duplicated == ["news/first.html", "news/copy.html"]


def test_the_planner_stats_no_listed_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = tmp_path / "pages.txt"
    names = [f"archive/{n // 100}/page-{n}.html" for n in range(1000)]
    listing.write_text("\n".join(names) + "\n")
    touched: list[str] = []
    for name in ("stat", "lstat"):
        real = getattr(os, name)

        def spy(path: object, *args: object, _real=real, **kwargs: object) -> object:  # type: ignore[no-untyped-def]
            touched.append(os.fspath(path))  # type: ignore[arg-type]
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, spy)
    plan = build_plan([], AuditSettings(isolated=True, inventory=str(listing)))
    monkeypatch.undo()
    assert [ref.name for ref in plan.sources] == names
    assert plan.errors == ()
    assert not [p for p in touched if "page-" in p]


@needs_corpus
def test_a_list_of_warc_files_audits_their_records(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from test_warc import FIRST, LATIN, MISSING, SECOND, write_archive

    write_archive(tmp_path / "a.warc.gz")
    (tmp_path / "archives.txt").write_text("a.warc.gz\n")
    report, _, _ = audit("--inventory", str(tmp_path / "archives.txt"))
    assert [p["path"] for p in report["pages"]] == [FIRST, SECOND, LATIN, MISSING]


@needs_corpus
def test_a_glob_names_the_pages_on_a_filesystem(site: Path) -> None:
    pytest.importorskip("fsspec")
    (site / "news" / "notes.txt").write_text("not a page\n")
    (site / "news" / "old").mkdir()
    shutil.copy(PAGES[2], site / "news" / "old" / "third.html")
    report, _, _ = audit("--inventory", f"{site}/news/**")
    # Sorted, pages only (not the .txt, not the folder), each known by its path.
    assert [p["path"] for p in report["pages"]] == [
        f"{site}/news/first.html",
        f"{site}/news/old/third.html",
        f"{site}/news/second.html",
    ]
    report, code, stderr = audit("--inventory", "nosuchscheme://bucket/*.html")
    assert report["pages"] == []
    assert "nosuchscheme://bucket/*.html: cannot be listed (" in stderr
    assert code == 2


@needs_corpus
def test_pages_in_a_bucket_are_read_by_the_workers() -> None:
    fsspec = pytest.importorskip("fsspec")
    from seo_audit.run import executor_for, finalize

    bucket = fsspec.filesystem("memory")
    bucket.pipe("/crawl/2024/a.html", PAGES[0].read_bytes())
    bucket.pipe("/crawl/2024/b.html", PAGES[0].read_bytes())  # the same page twice
    bucket.pipe("/crawl/2024/c.html", PAGES[1].read_bytes())
    try:
        plan = build_plan([], AuditSettings(isolated=True, inventory="memory://crawl/*/*.html"))
        assert {ref.kind for ref in plan.sources} == {"fsspec"}
        report = finalize(plan, executor_for(plan, 1).run(plan))
    finally:
        bucket.rm("/crawl", recursive=True)
    names = ["memory:///crawl/2024/a.html", "memory:///crawl/2024/b.html"]
    assert [page.path for page in report.pages] == [*names, "memory:///crawl/2024/c.html"]
    duplicated = [
        page.path
        for page in report.pages
        if any(r.rule_id == "duplicate-title" and r.findings for r in page.results)
    ]
    assert duplicated == names


@needs_corpus
def test_urls_in_a_list_are_fetched_from_a_real_server(site: Path) -> None:
    from http_site import Reply, Site

    html = {"Content-Type": "text/html; charset=utf-8"}
    routes = {
        "/robots.txt": Reply(200, "User-agent: *\nDisallow:\n", {"Content-Type": "text/plain"}),
        "/news/a/": Reply(200, PAGES[0].read_bytes(), html),
    }
    with Site(routes) as server:
        listing = site / "urls.csv"
        listing.write_text(f"url,owner\n{server.url('/news/a/')},desk\n{server.url('/nope/')},x\n")
        first = str(site / "news" / "first.html")
        report, code, _ = audit("--inventory", str(listing), first)
        requested = server.paths()
    # A list and a path on the command line together; the URL fetched, the 404 a page with
    # its http-status error finding (the site's answer, not an input error).
    # (Fetched pages are reported after the files, as the URL inputs order them.)
    pages = sorted(p["path"] for p in report["pages"])
    assert pages == sorted([server.url("/news/a/"), server.url("/nope/"), first])
    (nope,) = [p for p in report["pages"] if p["path"] == server.url("/nope/")]
    assert [f["rule"] for f in nope["findings"]] == ["http-status"]
    assert report["errors"] == []
    assert requested.count("/news/a/") == 1
    assert code == 1


@needs_corpus
def test_a_parquet_list_names_its_pages_in_a_path_column(site: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    import pyarrow.parquet as parquet

    listing = site / "inventory.parquet"
    table = pyarrow.table(
        {"size": [1, 2, 3], "path": ["news/second.html", None, "news/first.html"]}
    )
    parquet.write_table(table, listing)
    report, _, _ = audit("--inventory", str(listing))
    assert [p["path"] for p in report["pages"]] == ["news/second.html", "news/first.html"]
    wrong = site / "wrong.parquet"
    parquet.write_table(pyarrow.table({"key": ["news/first.html"]}), wrong)
    report, code, stderr = audit("--inventory", str(wrong))
    assert report["pages"] == []
    assert f"{wrong}: has no path or url column" in stderr
    assert code == 2
    broken = site / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    report, code, stderr = audit("--inventory", str(broken))
    assert f"{broken}: is not a readable Parquet file (" in stderr
    assert code == 2


@needs_corpus
def test_a_folder_in_the_list_is_one_error_and_the_other_pages_are_audited(site: Path) -> None:
    listing = site / "pages.txt"
    listing.write_text("news\nnews/first.html\n")
    report, code, stderr = audit("--inventory", str(listing))
    assert [p["path"] for p in report["pages"]] == ["news/first.html"]
    assert [(e["path"], e["message"]) for e in report["errors"]] == [
        ("news", "is a folder, not a page")
    ]
    assert code == 2 and "internal error" not in stderr
