"""`check --output-dir OUT [--resume]`: a batch written as partitions, errors.jsonl and, last,
summary.json, and a journal that lets a stopped run go on where it stopped.

Every test runs the installed command on small folders made here, and compares what the
folder holds with what `--format jsonl` / `--format json` print for the same pages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from seo_audit.formats.partitioned import PARQUET_COLUMNS
from seo_audit.run.journal import JOURNAL, decode, encode, lock_folder, read_index

from helpers import EXAMPLES, REPO, run_cli, seo_audit_command, wrap


def _site(tmp_path: Path, count: int, name: str = "site") -> Path:
    """`count` pages; the first and the last share a title (duplicate-title, a cross-page
    finding), so with two pages a partition they lie in different partitions."""
    site = tmp_path / name
    site.mkdir()
    for index in range(count):
        title = "Cold brew at home, step by step" if index in (0, count - 1) else f"Post {index}"
        body = (
            f"<h1>Post {index}</h1><p>Some text about post number {index}, with a few more "
            f"words so the page reads as an article.</p>"
        )
        (site / f"post-{index:03}.html").write_text(wrap(body, title=title), encoding="utf-8")
    return site


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("check", "--isolated", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _lines(*files: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for file in files for line in file.read_text("utf-8").splitlines()]


def _partitions(out: Path) -> list[Path]:
    return sorted((out / "pages").glob("part-*"))


def _summary(out: Path) -> dict:  # type: ignore[type-arg]
    loaded: dict = json.loads((out / "summary.json").read_text("utf-8"))  # type: ignore[type-arg]
    return loaded


def test_partitions_hold_the_jsonl_records_with_cross_page_findings(tmp_path: Path) -> None:
    site = _site(tmp_path, 6)
    (site / "gone.html").symlink_to("missing.html")  # an input that cannot be read
    out = tmp_path / "out"
    written = _check(str(site), "--output-dir", str(out), "--partition-pages", "2")
    printed = _check(str(site), "--format", "jsonl")
    whole = json.loads(_check(str(site), "--format", "json").stdout)

    parts = _partitions(out)
    assert [p.name for p in parts] == [f"part-0000{i}.jsonl" for i in range(3)]
    expected = [json.loads(line) for line in printed.stdout.splitlines()]
    pages = [record for record in expected if "error" not in record]
    assert _lines(*parts) == pages
    assert [len(_lines(p)) for p in parts] == [2, 2, 2]
    # The shared title is found across partitions: on the first page and on the last.
    duplicates = [
        record["path"]
        for record in _lines(*parts)
        if any(f["rule"] == "duplicate-title" for f in record["findings"])
    ]
    assert duplicates == [str(site / "post-000.html"), str(site / "post-005.html")]

    assert _lines(out / "errors.jsonl") == [r for r in expected if "error" in r]
    assert [e["path"] for e in _lines(out / "errors.jsonl")] == [str(site / "gone.html")]
    summary = _summary(out)
    assert summary["pages"] == 6 and summary["errors"] == 1
    # Inputs audited by this run: the six pages and the one that could not be read.
    assert summary["audited"] == 7 and summary["from_journal"] == 0
    assert [p["file"] for p in summary["partitions"]] == [f"pages/{p.name}" for p in parts]
    assert [p["first"] for p in summary["partitions"]] == [0, 2, 4]
    assert summary["gate"] == whole["gate"]
    assert summary["summary"] == whole["summary"]
    assert len(summary["settings"]) == 16 and summary["seo_audit"]
    # The same exit code as the single-file formats: 2, for the input that could not be read.
    assert written.returncode == printed.returncode == 2
    assert "wrote 6 pages in 3 partitions" in written.stderr
    assert "gone.html" in written.stderr
    assert not list(out.glob("**/*.tmp"))


def test_parquet_rows_are_the_jsonl_records_flattened(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    site = tmp_path / "site"
    site.mkdir()
    for example in ("film-news-with-problems.html", "well-made-article.html"):
        (site / example).write_bytes((EXAMPLES / example).read_bytes())
    out = tmp_path / "out"
    written = _check(str(site), "--output-dir", str(out), "--format", "parquet")
    printed = _check(str(site), "--format", "jsonl")
    assert written.returncode == printed.returncode == 1  # the film page fails the gate
    [part] = _partitions(out)
    assert part.name == "part-00000.parquet"
    table = parquet.read_table(part)
    assert tuple(table.column_names) == PARQUET_COLUMNS
    rows, records = table.to_pylist(), _lines_of(printed.stdout)
    assert [r["path"] for r in rows] == [r["path"] for r in records]
    for row, record in zip(rows, records, strict=True):
        assert row["score"] == record["score"] and row["title"] == record["title"]
        assert row["passed"] == record["gate"]["passed"]
        assert row["gate_reason"] == record["gate"].get("reason")
        assert row["kind"] == "file" and row["format"] == "html"
        for severity, column in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
            assert row[column] == sum(f["severity"] == severity for f in record["findings"])
        unset = {"column": None, "end_line": None, "end_column": None, "baselined": False}
        assert row["findings"] == [unset | f for f in record["findings"]]
        assert dict(row["categories"]) == record["categories"]
        assert {k: v["verdict"] for k, v in row["rules"]} == {
            k: v["verdict"] for k, v in record["rules"].items()
        }
        assert json.loads(row["metrics"]) == record["metrics"]
    film = rows[0]
    assert film["errors"] > 0 and film["passed"] is False


def _lines_of(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in text.splitlines()]


def test_parquet_without_pyarrow_is_one_usage_line(tmp_path: Path) -> None:
    hidden = tmp_path / "no-pyarrow"
    (hidden / "pyarrow").mkdir(parents=True)
    (hidden / "pyarrow" / "__init__.py").write_text("raise ImportError('no pyarrow here')\n")
    env = {**os.environ, "PYTHONPATH": str(hidden), "NO_COLOR": "1"}
    site, out = _site(tmp_path, 2), tmp_path / "out"
    result = subprocess.run(
        [*seo_audit_command(), "check", str(site), "--output-dir", str(out), "-f", "parquet"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO.parent,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "seo-audit: --format parquet needs pyarrow: pip install 'seo-audit[parquet]'"
    ]
    assert not out.exists()


def test_what_output_dir_refuses(tmp_path: Path) -> None:
    site, out = _site(tmp_path, 2), tmp_path / "out"
    refused = {
        ("-f", "html"): "--output-dir writes jsonl or parquet partitions, not html",
        ("-o", str(tmp_path / "r.jsonl")): "--output-dir and --output: choose one",
        ("--statistics",): "--output-dir: not with --statistics",
    }
    for extra, message in refused.items():
        result = _check(str(site), "--output-dir", str(out), *extra)
        assert result.returncode == 2 and message in result.stderr, extra
    resume_alone = _check(str(site), "--resume")
    assert (
        resume_alone.returncode == 2 and "--resume: only with --output-dir" in resume_alone.stderr
    )
    assert not out.exists()

    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    for flags in ((), ("--resume",)):
        result = _check(str(site), "--output-dir", str(other), *flags)
        assert result.returncode == 2
        assert "is not empty and holds no seo-audit run" in result.stderr
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]

    assert _check(str(site), "--output-dir", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = _check(str(site), "--output-dir", str(out))
    assert again.returncode == 2 and "holds an earlier run; add --resume" in again.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_folder_another_run_is_writing_is_refused(tmp_path: Path) -> None:
    site, out = _site(tmp_path, 2), tmp_path / "out"
    out.mkdir()
    held = lock_folder(out)  # as a run still going holds it
    if held is None:
        pytest.skip("no advisory locks on this system")
    try:
        second = _check(str(site), "--output-dir", str(out), "--resume")
    finally:
        os.close(held)
    assert second.returncode == 2
    assert f"--output-dir: {out} is being written by another run" in second.stderr
    assert not (out / "summary.json").exists() and not (out / "pages").exists()
    # Stopped before its first record (only the lock file was made): still this tool's folder.
    after = _check(str(site), "--output-dir", str(out), "--resume")
    assert after.returncode == 0 and _summary(out)["audited"] == 2


def test_resume_audits_only_new_and_changed_pages(tmp_path: Path) -> None:
    site, out = _site(tmp_path, 4), tmp_path / "out"
    assert _check(str(site), "--output-dir", str(out)).returncode == 0
    assert _summary(out)["audited"] == 4
    changed = site / "post-001.html"
    changed.write_text(changed.read_text().replace("Post 1", "Post one, rewritten"))
    (site / "post-001b.html").write_text(wrap("<h1>New</h1><p>A page added later.</p>"))

    resumed = _check(str(site), "--output-dir", str(out), "--resume", "--partition-pages", "2")
    assert "3 of 5 pages from the journal, 2 to audit: 1 changed since" in resumed.stderr
    summary = _summary(out)
    assert summary["audited"] == 2 and summary["from_journal"] == 3
    fresh = tmp_path / "fresh"
    _check(str(site), "--output-dir", str(fresh), "--partition-pages", "2")
    assert [p.read_bytes() for p in _partitions(out)] == [
        p.read_bytes() for p in _partitions(fresh)
    ]
    assert len(_partitions(out)) == 3  # the earlier run's single partition was replaced
    assert any("rewritten" in str(r["title"]) for r in _lines(*_partitions(out)))

    # Nothing changed: every page from the journal, the same partitions again.
    unchanged = _check(str(site), "--output-dir", str(out), "--resume", "--partition-pages", "2")
    assert "5 of 5 pages from the journal, 0 to audit" in unchanged.stderr
    assert _summary(out)["audited"] == 0
    assert [p.read_bytes() for p in _partitions(out)] == [
        p.read_bytes() for p in _partitions(fresh)
    ]


def test_a_changed_config_makes_the_journal_stale_but_a_gate_change_does_not(
    tmp_path: Path,
) -> None:
    site, out = _site(tmp_path, 3), tmp_path / "out"
    config = tmp_path / "seo-audit.toml"
    config.write_text('ignore = ["meta-description-missing"]\n')
    first = run_cli(
        "check", "--config", str(config), "--fail-on", "warning", str(site),
        "--output-dir", str(out),
    )  # fmt: skip
    assert first.returncode == 1, first.stderr  # the duplicate title is a warning

    gate = run_cli(
        "check", "--config", str(config), str(site), "--output-dir", str(out), "--resume"
    )
    assert gate.returncode == 0 and "3 of 3 pages from the journal" in gate.stderr
    assert _summary(out)["audited"] == 0 and _summary(out)["gate"]["passed"] is True

    config.write_text('ignore = ["meta-description-missing", "duplicate-title"]\n')
    stale = run_cli(
        "check", "--config", str(config), str(site), "--output-dir", str(out), "--resume"
    )
    assert (
        "0 of 3 pages from the journal, 3 to audit: 3 audited with other settings "
        "(config, rules or version)" in stale.stderr
    )
    assert _summary(out)["audited"] == 3
    assert not any(
        f["rule"] == "duplicate-title" for r in _lines(*_partitions(out)) for f in r["findings"]
    )


def test_a_torn_last_journal_record_is_ignored(tmp_path: Path) -> None:
    site, out = _site(tmp_path, 3), tmp_path / "out"
    _check(str(site), "--output-dir", str(out))
    journal = out / JOURNAL
    data = journal.read_bytes()
    journal.write_bytes(data[:-25])  # the last record cut short, as a killed run leaves it
    assert len(read_index(out)) == 2

    resumed = _check(str(site), "--output-dir", str(out), "--resume")
    assert "2 of 3 pages from the journal, 1 to audit" in resumed.stderr
    assert _summary(out)["audited"] == 1
    assert len(read_index(out)) == 3
    assert journal.stat().st_size == len(data)  # the torn tail was cut, then written anew


def _count(out: Path) -> int:
    try:
        return len(read_index(out))
    except OSError:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs SIGINT")
def test_resume_after_a_real_interrupt_writes_what_an_uninterrupted_run_does(
    tmp_path: Path,
) -> None:
    slow = tmp_path / "slow"  # while this file exists, the house rule takes 0.4 s a page
    slow.write_text("")
    house = tmp_path / "house"
    house.mkdir()
    (house / "house_pause.py").write_text(
        "import os, time\nfrom seo_audit.rule import rule\n\n\n"
        '@rule("house-pause", category="house", severity="info")\n'
        "def house_pause(page, options):\n"
        f"    if os.path.exists({str(slow)!r}):\n"
        "        time.sleep(0.4)\n"
        "    yield from ()\n"
    )
    site, out = _site(tmp_path, 16), tmp_path / "out"
    args = ["check", "--isolated", "--rules-dir", str(house), "-j", "1", str(site)]
    process = subprocess.Popen(
        [*seo_audit_command(), *args, "--output-dir", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO.parent,
        env={**os.environ, "NO_COLOR": "1"},
    )
    deadline = time.monotonic() + 60
    while _count(out) < 4 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "run the same command with --resume to go on" in err and "Traceback" not in err
    assert not (out / "summary.json").exists()
    kept = _count(out)
    assert 4 <= kept < 16, (kept, err)

    slow.unlink()
    resumed = run_cli(*args, "--output-dir", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{kept} of 16 pages from the journal, {16 - kept} to audit" in resumed.stderr
    summary = _summary(out)
    assert summary["audited"] == 16 - kept and summary["from_journal"] == kept
    whole = tmp_path / "whole"
    again = run_cli(*args, "--output-dir", str(whole))
    assert again.returncode == 0
    assert [p.read_bytes() for p in _partitions(out)] == [
        p.read_bytes() for p in _partitions(whole)
    ]
    assert _summary(whole)["gate"] == summary["gate"]


def test_the_journal_reads_back_only_its_own_types() -> None:
    from seo_audit.run import AuditSettings, build_plan
    from seo_audit.run.audit import audit_chunk

    plan = build_plan([str(EXAMPLES)], AuditSettings())
    outcomes = audit_chunk(plan, plan.sources)
    assert len(outcomes) >= 3
    for outcome in outcomes:
        value = outcome.audit if outcome.audit is not None else outcome.error
        assert decode(json.loads(json.dumps(encode(value)))) == value
    with pytest.raises(ValueError, match="not a journal value"):
        decode({"@": "Popen", "args": ["rm", "-rf", "/"]})
    with pytest.raises(TypeError, match="cannot record"):
        encode(object())


def _keep_records(journal: Path, count: int) -> None:
    """The journal cut after its first `count` records, as a run stopped there leaves it."""
    with open(journal, "rb") as stream:
        for _ in range(count):
            head = json.loads(stream.readline())
            stream.seek(head["n"] + 1, os.SEEK_CUR)
        end = stream.tell()
    with open(journal, "r+b") as stream:
        stream.truncate(end)


def test_a_dask_run_writes_and_resumes_the_same_folder(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    site = _site(tmp_path, 6)
    local = tmp_path / "local"
    assert _check(str(site), "--output-dir", str(local), "--partition-pages", "4").returncode == 0
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        on_dask = ("--scheduler", cluster.scheduler_address, "--partition-pages", "4")
        out = tmp_path / "out"
        first = _check(str(site), "--output-dir", str(out), *on_dask)
        assert first.returncode == 0, first.stderr
        _keep_records(out / JOURNAL, 2)
        resumed = _check(str(site), "--output-dir", str(out), "--resume", *on_dask)
    assert resumed.returncode == 0, resumed.stderr
    assert "2 of 6 pages from the journal, 4 to audit" in resumed.stderr
    assert _summary(out)["audited"] == 4
    # The duplicate title between a journaled page and a page audited on the cluster is found.
    assert [p.read_bytes() for p in _partitions(out)] == [
        p.read_bytes() for p in _partitions(local)
    ]
    assert _summary(out)["gate"] == _summary(local)["gate"]


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs file size limits")
def test_a_journal_that_cannot_be_written_is_one_line_and_resume_goes_on(tmp_path: Path) -> None:
    import resource

    site, out = _site(tmp_path, 8), tmp_path / "out"

    def small_files() -> None:  # as a full disk: writes past 12 KB fail (EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (12_000, 12_000))

    command = ["check", "--isolated", "-j", "1", str(site), "--output-dir", str(out)]
    full = subprocess.run(
        [*seo_audit_command(), *command],
        capture_output=True,
        text=True,
        cwd=REPO.parent,
        env={**os.environ, "NO_COLOR": "1"},
        preexec_fn=small_files,
        timeout=120,
    )
    assert full.returncode == 2 and "Traceback" not in full.stderr
    assert full.stderr.splitlines() == [
        f"seo-audit: {out / JOURNAL}: cannot write the journal (File too large)"
    ]
    kept = _count(out)
    assert 0 < kept < 8
    resumed = _check(str(site), "--output-dir", str(out), "--resume")
    assert resumed.returncode == 0
    assert _summary(out)["from_journal"] == kept and _summary(out)["audited"] == 8 - kept


def test_an_exports_posts_are_journaled_by_the_export_file(tmp_path: Path) -> None:
    export = tmp_path / "export.xml"
    export.write_bytes((REPO / "tests" / "fixtures" / "wxr" / "export.xml").read_bytes())
    out = tmp_path / "out"
    first = _check(str(export), "--output-dir", str(out))
    posts = _summary(out)["pages"]
    assert posts >= 2 and _summary(out)["audited"] >= posts, first.stderr
    inputs = _summary(out)["audited"]  # the posts, and any that could not be audited
    again = _check(str(export), "--output-dir", str(out), "--resume")
    assert f"{inputs} of {inputs} pages from the journal, 0 to audit" in again.stderr
    assert again.returncode == first.returncode
    os.utime(export)  # the export changed: each of its posts may have
    touched = _check(str(export), "--output-dir", str(out), "--resume")
    assert f"0 of {inputs} pages from the journal, {inputs} to audit: {inputs} changed" in (
        touched.stderr
    )
    assert _summary(out)["audited"] == inputs


def test_the_journal_is_compacted_to_each_pages_latest_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seo_audit.run import AuditSettings, build_plan, executor_for, finalize
    from seo_audit.run.journal import Journal

    monkeypatch.chdir(REPO.parent)  # where run_cli runs: --isolated's config root is there
    site, out = _site(tmp_path, 3), tmp_path / "out"
    settings = AuditSettings(isolated=True)
    changed = site / "post-001.html"
    for edit in range(5):  # the same page changed between runs: a record each time
        body = f"<h1>Edit {edit}</h1><p>The page, edited {edit} times.</p>"
        changed.write_text(wrap(body, title=f"Edit {edit}"))
        plan = build_plan([str(site)], settings)
        journal = Journal(out, plan, resume=True)
        todo = journal.todo()
        report = finalize(plan, journal.outcomes(executor_for(todo, 1).run(todo)))
        assert len(report.pages) == 3
        assert journal.audited == (3 if edit == 0 else 1)
    before = (out / JOURNAL).stat().st_size
    assert journal.compact(slack=100) is False  # 7 records for 3 pages: within the slack
    assert journal.compact(slack=0) is True
    assert (out / JOURNAL).stat().st_size < before
    kept = read_index(out)
    assert len(kept) == 3
    resumed = _check(str(site), "--output-dir", str(out), "--resume")
    assert "3 of 3 pages from the journal, 0 to audit" in resumed.stderr
    assert [r["title"] for r in _lines(*_partitions(out))][1] == "Edit 4"


def test_summary_json_lists_the_first_thousand_failing_pages_and_counts_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from seo_audit.formats.partitioned import FAILED_PAGES_LISTED, summary_document
    from seo_audit.results.model import AuditReport, Gate, PageReport

    def every_failing_page(report: AuditReport) -> None:
        raise AssertionError("every failing page held in memory at once")

    # It held every failing page (8 MB at 8,000 pages): the summary's spill is read instead.
    monkeypatch.setattr(AuditReport, "failing_pages", property(every_failing_page))

    def page(index: int) -> PageReport:
        gate = Gate(False, "scores 10, under --fail-under 50")
        return PageReport(f"p{index:04}.html", 10, {}, None, None, None, None, {}, (), gate=gate)

    report = AuditReport(pages=tuple(page(i) for i in range(FAILED_PAGES_LISTED + 3)))
    document = summary_document(report, [], "jsonl", "0123456789abcdef", {"audited": 1003})
    gate, summary = document["gate"], document["summary"]
    assert gate["passed"] is False and gate["verdict"].startswith("FAILED")
    assert gate["failed_pages"][0] == "p0000.html" and len(gate["failed_pages"]) == 1000
    assert gate["failed_pages_not_listed"] == summary["failed_pages_not_listed"] == 3
    assert summary["failed"] == 1003 and len(summary["failed_pages"]) == 1000
    assert summary["failed_pages"][-1] == {
        "path": "p0999.html",
        "score": 10,
        "reason": "scores 10, under --fail-under 50",
    }


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_folder_run_shows_the_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    site, out = _site(tmp_path, 6), tmp_path / "out"
    # A machine format: written on stdout it has no bar; into a folder it has one.
    command = ["check", "--isolated", str(site), "--output-dir", str(out), "-f", "jsonl"]
    controller, terminal = os.openpty()
    process = subprocess.Popen(
        [*seo_audit_command(), *command],
        stdout=subprocess.PIPE,
        stderr=terminal,
        cwd=REPO.parent,
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100"},
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal's other end closed: the run ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    stdout, _ = process.communicate(timeout=120)
    assert process.returncode == 0 and stdout == b""
    assert b"auditing" in shown and b"pages/s" in shown
    assert b"wrote 6 pages in 1 partition" in shown
    assert _summary(out)["pages"] == 6


def test_the_journal_asks_the_plan_about_fetching_once_not_once_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Plan.fetches walks every ref: asked for each page it made a 100,000-page run quadratic.
    from dataclasses import replace

    from seo_audit.run import AuditSettings, build_plan
    from seo_audit.run.journal import Journal
    from seo_audit.run.plan import Plan

    site = _site(tmp_path, 1)
    plan = build_plan([str(site)], AuditSettings(isolated=True))
    plan = replace(plan, sources=tuple(replace(plan.sources[0], name=f"p{i}") for i in range(2000)))
    asked = []
    walk = Plan.fetches.fget
    assert walk is not None
    monkeypatch.setattr(Plan, "fetches", property(lambda p: asked.append(1) or walk(p)))
    journal = Journal(tmp_path / "out", plan, resume=True)
    assert journal.todo() is plan and len(asked) == 1
