"""Figures the report prints beside the verdicts (the JSON report's `metrics`)."""

from __future__ import annotations

from seo_audit.lang import data
from seo_audit.page import Page
from seo_audit.readability import (
    long_sentences,
    passive_sentences,
    readability,
    transition_flags,
)
from seo_audit.title_width import title_width_px, without_site_name


def metrics(page: Page) -> dict[str, object]:
    figures = page.keyphrase_figures
    sentences = len(page.sentences)
    _, long = long_sentences(page)
    return {
        "word_count": page.word_count,
        "text_length_words": page.text_length,
        "keyphrase_count": figures.count if figures else None,
        "keyphrase_density": round(figures.density, 2) if figures else None,
        "sentence_count": sentences,
        "flesch_reading_ease": readability(page).flesch,
        "long_sentence_percent": round(100 * len(long) / sentences, 1) if sentences else None,
        "passive_sentence_percent": _share(page, "passive"),
        "transition_sentence_percent": _share(page, "transition"),
        "title_width_px": title_width_px(without_site_name(page.title)[0]) if page.title else None,
        "meta_description_length": len(page.meta_description) if page.meta_description else None,
        "language": readability(page).language,
    }


def _share(page: Page, what: str) -> float | None:
    if data(page.language_code) is None or not page.sentences:
        return None
    if what == "passive":
        body, passive = passive_sentences(page)
        return round(100 * len(passive) / len(body), 1) if body else None
    flags = transition_flags(page)
    return round(100 * sum(flags) / len(flags), 1)
