"""Is the article long enough for its kind of content?"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, rule
from seo_audit.page.model import Page

# Minimum words for good / ok / below that bad, by content type (Yoast's posts and cornerstone
# bands; "short" is ours, for news briefs and notes that are short on purpose).
BANDS = {"article": (300, 250), "cornerstone": (900, 400), "short": (150, 100)}
# The same in characters, for Japanese and Chinese (Yoast's Japanese posts and cornerstone
# bands; "short" at two characters a word, as Yoast's Japanese bands are to its English ones).
CHARACTER_BANDS = {"article": (600, 500), "cornerstone": (1800, 800), "short": (300, 200)}


@rule(
    "text-length",
    category="content",
    severity="warning",
    weight=2,
    options={"content_type": "article"},
    choices={"content_type": tuple(BANDS)},
)
def text_length(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The article is too short for its kind of content.

    Words are counted as Yoast counts text length, split at white space (a hyphenated word is
    one, punctuation standing alone is none): the page's one word count, which the report's
    header, keyphrase-density and subheading-distribution show too. Option
    `content_type`: `article` (300 words good, 250 close), `cornerstone` (900 and 400: your
    most important, most complete pages) or `short` (150 and 100). Japanese and Chinese, written
    without spaces, are measured in characters, as Yoast measures Japanese: 600 and 500 for an
    article, 1800 and 800 for cornerstone, 300 and 200 short.
    """
    content_type = str(options["content_type"])  # one of BANDS: the config checks `choices`
    characters = page.text_in_characters
    good, close = (CHARACTER_BANDS if characters else BANDS)[content_type]
    length, unit = page.text_length, "characters" if characters else "words"
    if length >= good:
        return
    yield Finding(
        f"The article has {length} {unit}; for a{'n' if content_type == 'article' else ''} "
        f"{content_type} page at least {good} are recommended. Add more substance.",
        verdict="ok" if length >= close else "bad",
    )
