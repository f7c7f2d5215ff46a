"""Whether the page declares the language its text is written in."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.lang import primary_subtag
from seo_audit.lang._detect import MIN_LETTERS, MIN_WORDS
from seo_audit.page.model import Page
from seo_audit.text.words import count_characters

# The languages seo-audit can tell a text is in (seo_audit/lang/_detect.py), by name.
NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ru": "Russian",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
}


def _named(code: str) -> str:
    return NAMES.get(code, f"“{code}”")


@rule("lang-mismatch", category="meta", severity="warning", weight=1)
def lang_mismatch(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page declares one language and its text is written in another.

    Search engines show and rank a page for the language it declares, and screen readers read
    it aloud with that language's voice, so a German article with `lang="en"` is read out as
    mangled English. The text's language is told offline from its function words ("der",
    "und", "nicht"), or its script (Japanese, Chinese, Korean), and only when it clearly leads:
    short texts, an English article quoting another language and pages that are mostly code
    or tables stay quiet. The other rules then read the text in its own language (`--lang`
    overrides both).
    """
    if not page.lang:
        yield NotApplicable("the page declares no language (see lang-missing)")
        return
    detected = page.detected_language
    if detected is None:
        if page.text_in_characters:
            enough = count_characters(page.text) >= MIN_LETTERS
        else:
            enough = page.word_count >= MIN_WORDS
        if not enough:
            yield NotApplicable("too little article text to tell its language")
        return
    declared = primary_subtag(page.lang)
    analysed = primary_subtag(page.language or detected)
    read_as = "" if analysed == declared else f" seo-audit read it as {_named(analysed)}."
    attribute = "`lang:` in the front matter" if page.format == "markdown" else "<html lang>"
    yield Finding(
        f"The page declares its language as “{page.lang}” ({_named(declared)}), but the "
        f"text is {_named(detected)}. Search engines and screen readers go by the declaration: "
        f"set {attribute} to “{detected}”.{read_as}"
    )
