"""Figures the report prints beside the verdicts."""

from __future__ import annotations

from seo_audit.page import Page


def metrics(page: Page) -> dict[str, object]:
    figures = page.keyphrase_figures
    return {
        "word_count": page.word_count,
        "keyphrase_count": figures.count if figures else None,
        "keyphrase_density": round(figures.density, 2) if figures else None,
    }
