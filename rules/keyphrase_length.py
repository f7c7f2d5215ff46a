"""Is the keyphrase a phrase people search for, not a sentence?"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, rule
from seo_audit.page.model import Page


@rule(
    "keyphrase-length",
    category="keyphrase",
    severity="warning",
    weight=1,
    requires_keyphrase=True,
    options={"max_words": 4, "acceptable_words": 8},
)
def keyphrase_length(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The keyphrase has too many content words.

    Counted in content words (function words such as "the", "of", "how" do not count; a phrase
    in double quotes counts as one), as Yoast does: 1–4 is good, 5–8 is long, more is too long.
    """
    assert page.keyphrase is not None and page.matcher is not None
    matcher = page.matcher  # the page language's function words
    length = matcher.length
    if length == 0:
        yield Finding(
            f"The keyphrase “{page.keyphrase.text}” has no words in it. Set a real search phrase.",
            line=page.keyphrase.line,
        )
    elif length > int(options["acceptable_words"]):
        yield Finding(
            f"The keyphrase has {length} content words; searchers rarely type that many. Keep "
            f"it to {options['max_words']} or fewer.",
            line=page.keyphrase.line,
        )
    elif length > int(options["max_words"]):
        yield Finding(
            f"The keyphrase has {length} content words, a little long. Try "
            f"{options['max_words']} or fewer.",
            line=page.keyphrase.line,
            verdict="ok",
        )


@rule(
    "keyphrase-function-words-only",
    category="keyphrase",
    severity="warning",
    weight=1,
    requires_keyphrase=True,
)
def keyphrase_function_words_only(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The keyphrase is made of function words only ("how to", "the best of").

    Nobody searches for those alone, and every page matches them. Add the words that say what
    the page is about.
    """
    assert page.keyphrase is not None and page.matcher is not None
    if page.matcher.only_function_words and not page.matcher.exact:
        yield Finding(
            f"The keyphrase “{page.keyphrase.text}” has only function words. Add the words that "
            "name the topic.",
            line=page.keyphrase.line,
        )
