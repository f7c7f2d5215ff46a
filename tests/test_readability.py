"""Readability figures: offline, per language, and in the JSON report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from seo_audit.text.syllables import syllables
from seo_audit.text.title_width import title_width_px, without_site_name

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
    assert english.readability.flesch is not None and english.readability.flesch > 90
    german = page_from(
        markdown="---\nlang: de\n---\n"
        + "Der Hund läuft schnell über die Wiese und bellt laut. " * 3
    )
    assert german.readability.language == "de" and german.readability.flesch is not None
    polish = page_from(
        markdown="---\nlang: pl\n---\n" + "To jest prosty tekst w języku polskim. " * 3
    )
    assert polish.readability.flesch is None and not polish.readability.supported


# English words and their syllables as a dictionary gives them: one or more per spelling rule
# of the counter, and words the same rule must leave alone.
ENGLISH_SYLLABLES = {
    "cat": 1, "table": 2, "make": 1, "makes": 1, "named": 1, "wanted": 2, "boxes": 2,
    "changes": 2, "radio": 3, "recording": 3, "nation": 2, "special": 2, "region": 2,
    "million": 2, "union": 2, "opinion": 3, "behavior": 3, "virginia": 3, "associate": 4,
    "giant": 2, "video": 3, "people": 2, "george": 1, "pigeon": 2, "actual": 3, "quality": 3,
    "language": 2, "duo": 2, "quo": 1, "trying": 2, "flyer": 2, "lawyer": 2, "royal": 2,
    "yes": 1, "beyond": 2, "going": 2, "seeing": 2, "client": 2, "quiet": 2, "science": 2,
    "friend": 1, "patient": 2, "ancient": 2, "earlier": 3, "easiest": 3, "pier": 1,
    "priest": 1, "criticism": 4, "mcdonald": 3, "create": 2, "creature": 2, "reaction": 3,
    "reach": 1, "ready": 2, "theater": 3, "idea": 3, "areas": 3, "sea": 1, "european": 4,
    "ocean": 2, "bean": 1, "didn't": 2, "don’t": 1, "nashville": 2, "fire": 2, "centre": 2,
    "likely": 2, "safety": 2, "statement": 2, "element": 3, "settlement": 3, "useless": 2,
    "nevertheless": 4, "someone": 2, "league": 1, "unique": 2, "argue": 2, "there’s": 1,
    "it'll": 1, "business": 2, "apple": 2, "purple": 2, "added": 2, "tv": 1,
}  # fmt: skip


def test_english_syllables_follow_the_dictionary() -> None:
    counted = {word: syllables(word, "en") for word in ENGLISH_SYLLABLES}
    assert counted == ENGLISH_SYLLABLES


def test_syllables_in_other_languages_are_vowel_groups() -> None:
    assert syllables("Wiese", "de") == 2 and syllables("молоко", "ru") == 3
    assert syllables("Recording", "en") == 3  # case does not matter


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
    assert set(page.metrics) >= {
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


# English sentences and whether they carry a transition word.
ENGLISH_TRANSITIONS = {
    "First, grind the beans coarsely.": True,
    "It was the first time we tried it.": False,
    "Still, the brew tasted flat.": True,
    "The cafe is still open.": False,
    "Now we steep it for a day.": True,
    "According to the roaster, twelve hours is enough.": True,
    "If the water is warm, the brew turns bitter.": True,
    "The kit comes with a filter, including spare papers.": True,
    "The last batch was the best.": False,
}


def test_english_transition_words_depend_on_their_place() -> None:
    found = {
        sentence: page_from(markdown=sentence).transition_flags == (True,)
        for sentence in ENGLISH_TRANSITIONS
    }
    assert found == ENGLISH_TRANSITIONS
