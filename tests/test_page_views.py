"""The Page's derived views: computed once, shared by every rule, and read-only all the way
down, so one rule cannot change what the next one reads."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from seo_audit.page import Page

from helpers import page_from, wrap

FAQ_JSONLD = """<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
  {"@type": "Question", "name": "Can the score be recorded remotely?",
   "acceptedAnswer": {"@type": "Answer", "text": "Yes, it was recorded in two cities."}}]}
</script>
<div itemscope itemtype="https://schema.org/Person">
  <span itemprop="name">Ada Lovelace</span><span itemprop="award">One</span>
  <span itemprop="award">Two</span>
</div>"""
BODY = """<h1>How the film score was recorded</h1>
<p>The score was recorded by a small orchestra. However, the strings were added later.
The choir was taped in a church. Each take was checked by the composer.</p>
<h2>Frequently asked questions</h2>
<h3>Can the score be recorded remotely?</h3>
<p>Yes, it was recorded in two cities.</p>
<h3>Who wrote the music?</h3>
<p>The composer wrote it over a summer.</p>"""


@pytest.fixture
def page() -> Page:
    return page_from(wrap(BODY + FAQ_JSONLD))


VIEWS = (
    "readability",
    "long_sentence_limit",
    "long_sentences",
    "passive_sentences",
    "transition_flags",
    "faq_sections",
    "folded_visible_text",
    "metrics",
)


@pytest.mark.parametrize("name", VIEWS)
def test_each_view_is_computed_once(page: Page, name: str) -> None:
    assert getattr(page, name) is getattr(page, name)


def test_views_are_tuples_and_read_only_mappings(page: Page) -> None:
    assert isinstance(page.passive_sentences, tuple) and len(page.passive_sentences) >= 3
    assert isinstance(page.long_sentences, tuple)
    assert isinstance(page.transition_flags, tuple) and any(page.transition_flags)
    assert isinstance(page.faq_sections, tuple) and page.faq_sections
    assert all(isinstance(section.entries, tuple) for section in page.faq_sections)
    with pytest.raises(TypeError):
        page.metrics["word_count"] = 0  # type: ignore[index]
    assert isinstance(page.metrics, Mapping) and page.metrics["sentence_count"]


def test_a_caller_cannot_empty_a_view_for_the_next(page: Page) -> None:
    passive = page.passive_sentences
    with pytest.raises((TypeError, AttributeError)):
        passive.clear()  # type: ignore[attr-defined]
    assert page.passive_sentences == passive and passive


def test_structured_data_is_read_only_all_the_way_down(page: Page) -> None:
    faq = page.items_of_type("FAQPage")[0]
    with pytest.raises(TypeError):
        page.items[0].data["@type"] = "X"  # type: ignore[index]
    with pytest.raises(TypeError):
        page.jsonld[0].data["@type"] = "X"
    question = faq.data["mainEntity"][0]
    assert isinstance(faq.data["mainEntity"], tuple)
    with pytest.raises(TypeError):
        question["acceptedAnswer"]["text"] = "No."
    assert faq.data is page.jsonld[0].data  # an item is its block's data, not a copy
    assert page.items_of_type("FAQPage")[0].is_a("FAQPage")


def test_microdata_is_read_only_too(page: Page) -> None:
    person = page.items_of_type("Person")[0]
    assert person.source == "microdata" and person.data["award"] == ("One", "Two")
    with pytest.raises(TypeError):
        person.data["name"] = "X"  # type: ignore[index]
