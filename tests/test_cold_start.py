"""A writer's cold `check` loads only what it uses: trafilatura without the downloader and
the URL, date and justext libraries it never calls on a parsed tree (page/extractor.py), and
the lean import extracts exactly what the ordinary one does."""

from __future__ import annotations

import json

import pytest

from helpers import CORPUS, EXAMPLES, modules_loaded_by, run_python

UNUSED_BY_A_CHECK = ("courlan", "htmldate", "justext", "urllib3", "charset_normalizer", "certifi")
# Needed only for a page with a run of question headings (page/faq.py's medians); this page
# has none.
UNUSED_BY_THIS_PAGE = ("statistics", "decimal", "fractions")


def test_a_cold_check_of_one_page_does_not_load_what_it_never_calls() -> None:
    page = EXAMPLES / "film-news-with-problems.html"
    roots = {name.split(".")[0] for name in modules_loaded_by("--isolated", str(page))}
    assert "trafilatura" in roots  # it did extract the article
    for name in (*UNUSED_BY_A_CHECK, *UNUSED_BY_THIS_PAGE):
        assert name not in roots, name


def test_a_cold_check_does_not_import_importlib_metadata_for_trafilaturas_version() -> None:
    """No plugin declares the rules' group in the test install, so nothing needs
    importlib.metadata: trafilatura.xml's version string is read without it."""
    page = EXAMPLES / "film-news-with-problems.html"
    loaded = modules_loaded_by("--isolated", str(page))
    assert "trafilatura.xml" in loaded  # the module that imports it for its version
    assert "importlib.metadata" not in loaded
    assert "email" not in {name.split(".")[0] for name in loaded}


def test_trafilatura_reads_the_version_importlib_metadata_gives() -> None:
    code = """
import sys
from seo_audit.page.extractor import extract_function
extract_function()
lean = sys.modules["trafilatura.xml"].PKG_VERSION
from importlib.metadata import entry_points, version
print(lean, version("trafilatura"), callable(entry_points))
"""
    lean, real, real_module_after = run_python(code).split()
    assert lean == real and lean[0].isdigit()
    assert real_module_after == "True"  # afterwards importlib.metadata is the real one


def test_the_lean_import_extracts_what_the_ordinary_import_does() -> None:
    pages = sorted(CORPUS.glob("*.html"))[:25]
    if not pages:
        pytest.skip("the shared corpus is not beside the checkout")
    code = f"""
import json
import lxml.html
from seo_audit.page.extractor import extract_function
pages = {[str(p) for p in pages]!r}
options = dict(fast=True, include_tables=True, include_comments=False, favor_recall=False)
def texts(extract):
    out = []
    for path in pages:
        body = lxml.html.fromstring(open(path, "rb").read()).find("body")
        out.append(extract(body, **options))
    return out
lean = texts(extract_function())
import trafilatura
print(json.dumps([lean, texts(trafilatura.extract)]))
"""
    lean, ordinary = json.loads(run_python(code))
    assert sum(1 for text in lean if text) >= 20
    assert lean == ordinary
