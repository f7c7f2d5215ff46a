"""`seo-audit check --watch`: the real command in a subprocess, watching a temporary folder;
files are changed and the redrawn output is read (no timing assertions: each step waits, with
a generous limit, until the output shows what it should)."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import EXAMPLES, seo_audit_command

# How long a step may take on a loaded machine before the test gives up.
PATIENCE = 60.0


class Watching:
    def __init__(self, folder: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR"}}
        env["NO_COLOR"] = "1"
        self.process = subprocess.Popen(
            [*seo_audit_command(), "check", "--watch", "."],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # the end

    def screen(self) -> list[str]:
        """The lines of the next redraw, up to its closing 'watching …' line."""
        drawn: list[str] = []
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            drawn.append(line)
            if line.startswith("watching") or line in ("", "stopped watching"):
                return drawn
        raise AssertionError(f"no redraw within {PATIENCE} s; so far: {drawn}")


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, Watching]]:
    shutil.copy(EXAMPLES / "draft-cold-brew.md", tmp_path / "cold-brew.md")
    shutil.copy(EXAMPLES / "well-made-article.html", tmp_path / "sourdough.html")
    watching = Watching(tmp_path)
    yield tmp_path, watching
    if watching.process.poll() is None:
        watching.process.kill()
    watching.process.wait(timeout=PATIENCE)


def test_watch_redraws_the_changed_page_and_reloads_the_config(
    watched: tuple[Path, Watching],
) -> None:
    folder, watching = watched
    first = watching.screen()
    assert first[0].startswith("── ") and "audited: 2 pages" in first[0]
    assert any(line.startswith("cold-brew.md: score ") for line in first)
    assert first[-1].startswith("watching 2 pages")

    # The writer fills in the placeholder and saves: only that page is redrawn, its
    # findings listed (errors first, line:col), the other page on one status line.
    draft = folder / "cold-brew.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "[insert\ntasting notes from the test batch]", "chocolate and plum"
        ),
        encoding="utf-8",
    )
    redraw = watching.screen()
    text = "\n".join(redraw)
    assert "changed: 1 page" in redraw[0], text
    assert redraw[1].startswith("cold-brew.md: score "), text
    assert "editorial-placeholder-text" not in text
    assert any(line.startswith("  ") and " warning text-length " in line for line in redraw)
    assert "others:" in redraw and any(line.startswith("sourdough.html: ") for line in redraw)

    # A config file appears: every page is audited again, with it.
    (folder / "seo-audit.toml").write_text('ignore = ["text-length"]\n', encoding="utf-8")
    again = watching.screen()
    assert "audited: 2 pages" in again[0], again
    assert not any("text-length" in line for line in again)

    # Ctrl-C stops watching cleanly.
    watching.process.send_signal(signal.SIGINT)
    assert watching.screen()[-1] == "stopped watching"
    assert watching.process.wait(timeout=PATIENCE) == 0


def test_watch_keeps_going_past_a_broken_config(watched: tuple[Path, Watching]) -> None:
    folder, watching = watched
    watching.screen()
    (folder / "seo-audit.toml").write_text("ignore = [\n", encoding="utf-8")
    broken = watching.screen()
    assert any("seo-audit.toml" in line for line in broken), broken
    assert broken[-1].startswith("watching; fix the problem")
    (folder / "seo-audit.toml").write_text("ignore = []\n", encoding="utf-8")
    assert "audited: 2 pages" in watching.screen()[0]
    watching.process.send_signal(signal.SIGINT)
    assert watching.process.wait(timeout=PATIENCE) == 0


def test_watch_names_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = subprocess.run(
        [*seo_audit_command(), "check", "--watch", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"seo-audit: --watch: {tmp_path / 'nowhere'}: no such file or folder"
    )
