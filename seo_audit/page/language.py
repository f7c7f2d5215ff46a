"""The language a page is analysed in, chosen once when the Page is built.

Precedence: `--lang` (the writer says what the text is) > the text's own language when it
clearly disagrees with what the page declares (a German article with `lang="en"` is read
with German rules, and `lang-mismatch` reports the declaration) > the page's declaration
(`<html lang>`, front matter `lang`) > the config's `lang` for pages that declare none > the
text's language when nothing is declared > English.
"""

from __future__ import annotations

from dataclasses import dataclass

from seo_audit.lang import primary_subtag
from seo_audit.lang._detect import detect


@dataclass(frozen=True)
class LanguageChoice:
    language: str | None  # what the rules read the text as (None: English by default)
    detected: str | None  # the text's language where it is not the declared one, else None


def choose_language(
    text: str, declared: str | None, default: str | None, override: str | None
) -> LanguageChoice:
    """`declared` is the page's own declaration, `default` the config's `lang`, `override`
    the command line's `--lang`."""
    detection = detect(text)
    stated = declared or default
    detected = None
    if detection.code is not None and (
        stated is None or detection.disagrees_with(primary_subtag(stated))
    ):
        detected = detection.code
    return LanguageChoice(override or detected or stated, detected)
