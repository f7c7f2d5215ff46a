"""Readability figures: offline, per language, and in the JSON report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from seo_audit.readability import readability, syllables
from seo_audit.title_width import title_width_px, without_site_name

from helpers import EXAMPLES, page_from

# Run the command with every way out to the network closed: any attempt raises.
OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from seo_audit.cli import main
sys.argv = ["seo-audit", "check", "--format", "json", sys.argv[1]]
main()
"""


def test_readability_works_with_the_network_unavailable(tmp_path: Path) -> None:
    # From another folder: `python -c` puts the working folder first on sys.path, and the
    # checkout's seo_audit/ must not shadow the installed package.
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE, str(EXAMPLES / "well-made-article.html")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "network access attempted" not in result.stderr
    metrics = json.loads(result.stdout)["pages"][0]["metrics"]
    assert 40 < metrics["flesch_reading_ease"] <= 100
    assert metrics["sentence_count"] > 20
    assert metrics["passive_sentence_percent"] is not None


def test_flesch_per_language_and_unsupported_languages() -> None:
    english = page_from(markdown="The cat sat on the mat. It was a warm day. " * 3)
    assert readability(english).flesch is not None and readability(english).flesch > 90
    german = page_from(
        markdown="---\nlang: de\n---\n"
        + "Der Hund läuft schnell über die Wiese und bellt laut. " * 3
    )
    assert readability(german).language == "de" and readability(german).flesch is not None
    polish = page_from(
        markdown="---\nlang: pl\n---\n" + "To jest prosty tekst w języku polskim. " * 3
    )
    assert readability(polish).flesch is None and not readability(polish).supported


def test_syllables() -> None:
    assert [syllables(w, "en") for w in ("cat", "table", "make", "radio", "recording")] == [
        1,
        2,
        1,
        3,
        3,
    ]
    assert syllables("Wiese", "de") == 2 and syllables("молоко", "ru") == 3


def test_title_width_matches_the_browser_metrics() -> None:
    # Widths checked against the Yoast harness's Chromium-matched Arial metrics.
    assert (
        title_width_px("Sourdough Starter From Scratch: A Seven-Day Guide | Crumb & Crust") == 623
    )
    assert title_width_px("Мир и война") == 116
    assert title_width_px("WWW") > title_width_px("iii") * 3
    assert without_site_name("Headline words here - WSJ") == ("Headline words here", "WSJ")
    assert without_site_name("A title with no site") == ("A title with no site", "")


def test_json_metrics_names() -> None:
    page = page_from(markdown="# Title\n\nCold brew is coffee steeped in cold water.\n")
    from seo_audit.analysis import metrics

    assert set(metrics(page)) >= {
        "sentence_count",
        "flesch_reading_ease",
        "long_sentence_percent",
        "passive_sentence_percent",
        "transition_sentence_percent",
        "title_width_px",
        "meta_description_length",
        "text_length_words",
        "word_count",
        "keyphrase_count",
        "keyphrase_density",
    }
