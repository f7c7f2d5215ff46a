"""Figures the report prints beside the verdicts (the JSON report's `metrics`)."""

from __future__ import annotations

from seo_audit.lang import data
from seo_audit.page.model import Page
from seo_audit.page.readability import (
    long_sentences,
    passive_sentences,
    readability,
    transition_flags,
)
from seo_audit.text.title_width import title_width_px, without_site_name


def metrics(page: Page) -> dict[str, object]:
    figures = page.keyphrase_figures
    sentences = len(page.sentences)
    _, long = long_sentences(page)
    supported = data(page.language_code) is not None
    flags = transition_flags(page)
    body, passive = passive_sentences(page)
    return {
        "word_count": page.word_count,
        "text_length_words": page.text_length,
        "keyphrase_count": figures.count if figures else None,
        "keyphrase_density": round(figures.density, 2) if figures else None,
        "sentence_count": sentences,
        "flesch_reading_ease": readability(page).flesch,
        "long_sentence_percent": _percent(len(long), sentences),
        "passive_sentence_percent": _percent(len(passive), len(body)) if supported else None,
        "transition_sentence_percent": _percent(sum(flags), len(flags)) if supported else None,
        "title_width_px": title_width_px(without_site_name(page.title)[0]) if page.title else None,
        "meta_description_length": len(page.meta_description) if page.meta_description else None,
        "language": readability(page).language,
    }


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
