"""Profiles are data: which properties Google recommends, which types it retired, which
hreflang codes it reads live in seo_audit/data/profiles/*.json, each with its source and the
date it was checked. Following Google's next change is an edit there, and these tests show
that the rules follow the data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from seo_audit.rules import structured_data
from seo_audit.run import AuditSettings, audit_one

PROFILES = Path(structured_data.__file__).parents[1] / "seo_audit" / "data" / "profiles"
if not PROFILES.is_dir():  # an installed package: the data sits inside seo_audit
    import seo_audit

    PROFILES = Path(seo_audit.__file__).parent / "data" / "profiles"

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><title>Cold brew at home</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Cold brew at home",
 "image": "https://example.com/brew.jpg", "datePublished": "2026-11-20T08:00:00+01:00",
 "author": {"@type": "Person", "name": "Jane Doe", "url": "https://example.com/jane/"}}
</script></head>
<body><h1>Cold brew at home</h1><p>By Jane Doe</p>
<img src="https://example.com/brew.jpg" alt="A jar">
<p>Coarse grounds, cold water and a day of patience.</p></body></html>
"""


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped profiles that the rules read instead, for one test."""
    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder)
    monkeypatch.setattr(structured_data, "PROFILES", folder)
    structured_data.load_profile.cache_clear()
    yield folder
    structured_data.load_profile.cache_clear()


def _edit(folder: Path, name: str, change: object) -> None:
    file = folder / f"{name}.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    file.write_text(json.dumps(data), encoding="utf-8")


def _findings(tmp_path: Path, html: str, rule: str) -> list[str]:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    _, report = audit_one(str(page), AuditSettings())
    return [f.message for f in report.findings if f.rule == rule]


def test_every_profile_names_its_source_and_when_it_was_checked() -> None:
    for file in sorted(PROFILES.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        assert data["profile"] == file.stem
        types = data.get("types")
        entries = types.values() if isinstance(types, dict) else ()
        sources = [data.get("source"), *(entry["source"] for entry in entries)]
        assert any(s and s.startswith("https://") for s in sources), file.name
        if data["checked"] is None:
            assert "not" in data["note"].lower(), f"{file.name}: say why it was not checked"
        else:
            date.fromisoformat(data["checked"])


def test_a_recommended_property_moved_to_advised_moves_its_finding(
    profiles: Path, tmp_path: Path
) -> None:
    assert _findings(tmp_path, ARTICLE, "article-data-missing") == [
        "The BlogPosting data has no dateModified. Google recommends them for the title, "
        "picture, dates and byline it shows "
        "(https://developers.google.com/search/docs/appearance/structured-data/article)."
    ]

    def demote(data: dict) -> None:  # type: ignore[type-arg]
        data["properties"]["dateModified"] = "advised"

    _edit(profiles, "article", demote)
    structured_data.load_profile.cache_clear()
    assert _findings(tmp_path, ARTICLE, "article-data-missing") == []
    assert _findings(tmp_path, ARTICLE, "article-data-advised") == [
        "The BlogPosting data has no dateModified."
    ]


def test_a_type_google_retires_next_is_one_entry(profiles: Path, tmp_path: Path) -> None:
    assert _findings(tmp_path, ARTICLE, "structured-data-deprecated") == []

    def retire(data: dict) -> None:  # type: ignore[type-arg]
        data["types"]["BlogPosting"] = {
            "feature": "article rich results",
            "ended": "2027-01-15",
            "source": "https://developers.google.com/search/updates",
        }

    _edit(profiles, "retired", retire)
    structured_data.load_profile.cache_clear()
    assert _findings(tmp_path, ARTICLE, "structured-data-deprecated") == [
        "BlogPosting markup no longer earns a Google rich result: article rich results ended "
        "15 January 2027 (https://developers.google.com/search/updates). The markup stays "
        "valid schema.org for other consumers."
    ]


def test_hreflang_codes_come_from_the_profile(profiles: Path, tmp_path: Path) -> None:
    page = ARTICLE.replace(
        "<title>",
        '<link rel="alternate" hreflang="en-UK" href="https://example.com/uk/">\n<title>',
    )
    assert len(_findings(tmp_path, page, "hreflang-invalid")) == 1

    def accept_uk(data: dict) -> None:  # type: ignore[type-arg]
        data["regions"].append("UK")

    _edit(profiles, "hreflang", accept_uk)
    structured_data.load_profile.cache_clear()
    assert _findings(tmp_path, page, "hreflang-invalid") == []


def test_the_site_facts_know_the_article_types_the_profile_names() -> None:
    # engine/index_facts.py (below the rules) keeps its own copy of the list.
    from seo_audit.engine.index_facts import ARTICLE_TYPES

    profile = json.loads((PROFILES / "article.json").read_text(encoding="utf-8"))
    assert set(profile["types"]) == ARTICLE_TYPES
