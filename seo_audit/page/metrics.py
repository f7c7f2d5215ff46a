"""Figures the report prints beside the verdicts (the JSON report's `metrics`)."""

from __future__ import annotations

from seo_audit.lang import data
from seo_audit.page.model import Page
from seo_audit.text.title_width import title_width_px, without_site_name


def metrics(page: Page) -> dict[str, object]:
    """A new dict each call, from the Page's cached views. Rules read `page.metrics`, the
    same figures computed once and read-only; a report that goes to another process (--jobs)
    needs a dict it can pickle, which a read-only mapping is not."""
    figures = page.keyphrase_figures
    sentences = len(page.sentences)
    supported = data(page.language_code) is not None
    flags = page.transition_flags
    return {
        "word_count": page.word_count,
        # Japanese and Chinese are measured in characters: one of the two is None.
        "text_length_words": None if page.text_in_characters else page.text_length,
        "text_length_characters": page.text_length if page.text_in_characters else None,
        "keyphrase_count": figures.count if figures else None,
        "keyphrase_density": round(figures.density, 2) if figures else None,
        "sentence_count": sentences,
        "flesch_reading_ease": page.readability.flesch,
        "long_sentence_percent": _percent(len(page.long_sentences), sentences),
        "passive_sentence_percent": (
            _percent(len(page.passive_sentences), sentences) if supported else None
        ),
        "transition_sentence_percent": _percent(sum(flags), len(flags)) if supported else None,
        "title_width_px": title_width_px(without_site_name(page.title)[0]) if page.title else None,
        "meta_description_length": len(page.meta_description) if page.meta_description else None,
        "language": page.readability.language,
    }


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
