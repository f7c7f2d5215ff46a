"""A language is one module in seo_audit/lang: found by its file name, complete on its own."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

import seo_audit.lang
from seo_audit.lang import OPTIONAL, REQUIRED, SUPPORTED, Language, data, languages

LANG_DIR = Path(seo_audit.lang.__file__).parent


def test_supported_is_the_language_files_present() -> None:
    files = sorted(p.stem for p in LANG_DIR.glob("*.py") if not p.stem.startswith("_"))
    assert list(SUPPORTED) == files
    assert [language.code for language in languages()] == files


@pytest.mark.parametrize("code", SUPPORTED)
def test_every_language_module_defines_what_a_language_needs(code: str) -> None:
    module = importlib.import_module(f"seo_audit.lang.{code}")
    assert [name for name in REQUIRED if not hasattr(module, name)] == []
    language = data(code)
    assert isinstance(language, Language) and language.code == code
    assert len(language.transition_examples) == 3
    assert language.faq_headings and language.faq_topic_prepositions
    # Every shipped language has a stemmer, a Flesch formula and syllable rules: none falls
    # back to matching words as written or to one syllable a word.
    assert {"SNOWBALL", "FLESCH", "SYLLABLES"} <= set(OPTIONAL)
    assert language.snowball and language.flesch and language.syllables


def test_an_unknown_or_private_name_is_no_language() -> None:
    assert data("pl") is None
    assert data("_common") is None


def test_a_language_module_dropped_into_the_package_is_found(tmp_path: Path) -> None:
    # A copy of the package with one more file: nothing else is edited to add a language.
    copy = tmp_path / "lang_copy"
    shutil.copytree(LANG_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "xx.py").write_text(
        "from seo_audit.lang.en import *  # noqa: F403\n"
        "TRANSITION_EXAMPLES = ('furthermore', 'thus', 'for one thing')\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("lang_copy")
        assert "xx" in package.SUPPORTED
        assert sorted(package.SUPPORTED) == list(package.SUPPORTED)
        xx = package.data("xx")
        assert xx.code == "xx" and xx.transition_examples[0] == "furthermore"
        assert xx.is_passive("The rice was cooked by the chef.")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "lang_copy" or m.startswith("lang_copy.")]:
            del sys.modules[name]
