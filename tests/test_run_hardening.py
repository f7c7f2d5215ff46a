"""One page, one rule or one worker must never cost the run: rule code that exits, loops or
lies about its findings, workers that die, and signals to the parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from helpers import REPO, run_cli, seo_audit_command, wrap

RULE_HEAD = "import os, sys, time\nfrom seo_audit.rule import Finding, rule\n\n\n"


def _folder(tmp_path: Path, count: int, marked: int | None = None) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for index in range(count):
        title = "MARKED page" if index == marked else f"Post {index}"
        body = f"<h1>Post {index}</h1><p>Some text about post number {index}.</p>"
        (site / f"post-{index:03}.html").write_text(wrap(body, title=title), encoding="utf-8")
    return site


def _house(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "house"
    folder.mkdir()
    text = RULE_HEAD + '@rule("house-test", category="house", severity="info")\n'
    text += "def house_test(page, options):\n" + body
    (folder / "house_test.py").write_text(text, encoding="utf-8")
    return folder


def _check(*args: str) -> tuple[subprocess.CompletedProcess[str], dict]:  # type: ignore[type-arg]
    result = run_cli("check", "--isolated", "--format", "json", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result, json.loads(result.stdout) if result.stdout.strip() else {}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_kills_its_worker_costs_only_that_page(tmp_path: Path, jobs: str) -> None:
    house = _house(
        tmp_path,
        '    if page.title and "MARKED" in page.title:\n        os._exit(9)\n    yield from ()\n',
    )
    site = _folder(tmp_path, 10, marked=6)
    result, report = _check("--rules-dir", str(house), "-j", jobs, str(site))
    assert result.returncode == 2
    assert len(report["pages"]) == 9
    assert [e["path"] for e in report["errors"]] == [str(site / "post-006.html")]
    assert "worker auditing this page died" in report["errors"][0]["message"]
    assert "post-006.html: the worker auditing this page died" in result.stderr


@pytest.mark.parametrize(
    ("body", "contains"),
    [
        ("    sys.exit(0)\n    yield from ()\n", "SystemExit"),
        ("    raise KeyboardInterrupt\n    yield from ()\n", "KeyboardInterrupt"),
        ("    yield Finding(42)\n", "message must be a string"),
        ('    yield Finding("x", line="3")\n', "line must be a whole number"),
    ],
)
def test_rule_code_that_exits_or_yields_garbage_is_that_rules_error(
    tmp_path: Path, body: str, contains: str
) -> None:
    house = _house(tmp_path, body)
    site = _folder(tmp_path, 2)
    result, report = _check("--rules-dir", str(house), "-j", "1", str(site))
    assert result.returncode in (0, 1)  # the gate decides, not the rule's exit
    assert len(report["pages"]) == 2 and report["errors"] == []
    for page in report["pages"]:
        assert page["rules"]["house-test"]["verdict"] == "internal error"
        internal = [f for f in page["findings"] if f["rule"] == "house-test"]
        assert contains in internal[0]["message"]
    for name in ("text", "csv", "sarif", "junit", "html", "markdown", "github", "gitlab"):
        formatted = run_cli("check", "--isolated", "--rules-dir", str(house), "-f", name, str(site))
        assert formatted.returncode in (0, 1) and "Traceback" not in formatted.stderr, name


def test_a_looping_rule_hits_the_page_time_limit(tmp_path: Path) -> None:
    house = _house(tmp_path, "    while True:\n        pass\n    yield from ()\n")
    site = _folder(tmp_path, 2)
    (tmp_path / "seo-audit.toml").write_text(f'rules-dir = ["{house}"]\npage-timeout = 1\n')
    start = time.monotonic()
    result = run_cli("check", "--format", "json", "-j", "1", str(site))
    assert time.monotonic() - start < 30
    report = json.loads(result.stdout)
    assert result.returncode == 2 and report["pages"] == []
    messages = [e["message"] for e in report["errors"]]
    assert messages == ["took longer than 1 s (in rule house-test); skipped (page-timeout)"] * 2


def test_the_time_limit_flag_and_zero_for_none(tmp_path: Path) -> None:
    house = _house(tmp_path, "    time.sleep(1.5)\n    yield from ()\n")
    page = _folder(tmp_path, 1) / "post-000.html"
    slow, report = _check("--rules-dir", str(house), "--page-timeout", "0.5", str(page))
    assert slow.returncode == 2 and "took longer than 0.5 s" in report["errors"][0]["message"]
    unlimited, report = _check("--rules-dir", str(house), "--page-timeout", "0", str(page))
    assert unlimited.returncode in (0, 1) and len(report["pages"]) == 1
    bad = run_cli("check", "--page-timeout", "-1", str(page))
    assert bad.returncode == 2 and "--page-timeout" in bad.stderr


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [*seo_audit_command(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO.parent,
        env=env,
    )


def _wait_for_workers(process: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = _children(process.pid)
        if len(workers) >= count:
            return workers
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
def test_a_worker_killed_mid_run_costs_nothing(tmp_path: Path) -> None:
    house = _house(tmp_path, "    time.sleep(0.05)\n    yield from ()\n")
    site = _folder(tmp_path, 80)
    process = _start(
        "check", "--isolated", "-f", "json", "--rules-dir", str(house), "-j", "2", str(site)
    )
    workers = _wait_for_workers(process, 2)
    time.sleep(0.5)
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer would
    out, err = process.communicate(timeout=120)
    report = json.loads(out)
    assert "Traceback" not in err
    assert len(report["pages"]) == 80 and report["errors"] == []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_stops_the_run_and_its_workers(tmp_path: Path, name: str) -> None:
    house = _house(tmp_path, "    time.sleep(0.2)\n    yield from ()\n")
    site = _folder(tmp_path, 80)
    report = tmp_path / "report.json"
    process = _start(
        "check",
        "--isolated",
        "-f",
        "json",
        "-o",
        str(report),
        "--rules-dir",
        str(house),
        "-j",
        "2",
        str(site),
    )
    workers = _wait_for_workers(process, 2)
    number = getattr(signal, name)
    process.send_signal(number)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + number
    assert "interrupted" in err and "Traceback" not in err
    assert not report.exists()
    time.sleep(0.5)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


def test_a_plugin_that_exits_at_import_is_named_and_can_be_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "exiting_plugin.py").write_text("import sys\nsys.exit(0)\n", encoding="utf-8")
    info = tmp_path / "exiting_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: exiting-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[seo_audit.rules]\nexiting = exiting_plugin\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    page = _folder(tmp_path, 1) / "post-000.html"
    result = run_cli("check", "--isolated", str(page))
    assert result.returncode == 2
    assert "rule plugin 'exiting' failed to load: SystemExit" in result.stderr
    assert "--no-plugins" in result.stderr
    skipped = run_cli("check", "--isolated", "--no-plugins", str(page))
    assert skipped.returncode in (0, 1) and "Post 0" in skipped.stdout
