"""How often the keyphrase appears in the article body, with Yoast's bands."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page


@rule(
    "keyphrase-density",
    category="keyphrase",
    severity="warning",
    weight=3,
    requires_keyphrase=True,
    options={"min": 0.5, "max": 3.0},
)
def keyphrase_density(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The keyphrase appears too rarely or too often in the article body.

    Counted as Yoast counts it: one occurrence is a sentence that holds every content word of
    the keyphrase, in any order. Density = occurrences / words × 100, and the bands are applied
    to density × (0.7 + L/3), where L is the number of content words, so a long keyphrase needs
    fewer uses. Good from 0.5 to 3 (options `min`, `max`); a single use is too few; above 3
    is too many, above 4 is stuffing. Texts under 100 words use counts instead: 1 to 2 uses is
    right.
    Only the article body counts: navigation, sidebars, comments and footers do not.
    """
    if page.text_in_characters:
        # Words are matched between spaces, which Japanese and Chinese do not use.
        yield NotApplicable(f"keyphrase density is not counted in “{page.language_code}”")
        return
    figures = page.keyphrase_figures
    if figures is None or figures.words == 0:
        yield NotApplicable("the page has no body text")
        return
    keyphrase = page.keyphrase.text if page.keyphrase else ""
    # Density is Yoast's (over words split at hyphens too), but a writer sees one count: the
    # text length the report's header and text-length show.
    count, words = figures.count, page.text_length
    uses = f"{count} time{'s' if count != 1 else ''} in {words} words ({figures.density:.1f}%)"
    if count == 0:
        yield Finding(
            f"The keyphrase “{keyphrase}” does not appear in the article body. Use it at least "
            "once where it fits naturally."
        )
        return
    if words < 100:
        maximum = 2 if words > 50 else 1
        if count > maximum:
            yield Finding(
                f"The keyphrase appears {uses}; for a text this short, {maximum} is the most. "
                "Replace some uses with synonyms or pronouns."
            )
        return
    adjusted = figures.adjusted_density
    low, high = float(options["min"]), float(options["max"])
    # Yoast's recommended minimum; two uses are enough when it is at most 2 (short texts).
    minimum = max(2, math.ceil(low * words / (100 * (0.7 + figures.length / 3))))
    two_are_enough = count == 2 and minimum <= 2
    if count == 1 or (adjusted < low and not two_are_enough):
        yield Finding(
            f"The keyphrase appears only {uses}. Use it about {minimum} times so the topic is "
            "clear."
        )
    elif adjusted > high + 1:
        yield Finding(
            f"The keyphrase appears {uses}: that reads as keyword stuffing. Use it at most "
            f"{_most(high, words, figures.length)} times in {words} words; use synonyms or "
            "rephrase."
        )
    elif adjusted > high and not two_are_enough:
        yield Finding(
            f"The keyphrase appears {uses}, more than the text needs: at most "
            f"{_most(high, words, figures.length)} times in {words} words. Replace a few uses "
            "with synonyms or pronouns."
        )


def _most(high: float, words: int, length: int) -> int:
    """The most uses that keep the adjusted density within the band (at least 2)."""
    return max(2, math.floor(high * words / (100 * (0.7 + length / 3))))
