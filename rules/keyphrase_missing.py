"""Is there a focus keyphrase to check the page against?"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, rule
from seo_audit.page.model import Page


@rule("keyphrase-missing", category="keyphrase", severity="warning", weight=1)
def keyphrase_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """No focus keyphrase is set for the page.

    The keyphrase is the search phrase the page should rank for. seo-audit takes it from
    `--keyphrase`, then from the front matter (`keyphrase`, `focus_keyphrase`, `focus_keyword`,
    `keyword`), then from an editor's leftover note in the page ("focus keyword: …").
    Without one, every other keyphrase rule is skipped (not failed).
    """
    if page.keyphrase is None:
        where = (
            "add `keyphrase:` to the draft's front matter"
            if page.format == "markdown"
            else "map the page to one in the config's keyword map (`keyphrases`)"
        )
        yield Finding(
            f"No focus keyphrase is set, so the keyphrase checks were skipped. Pass one with "
            f"--keyphrase, or {where}."
        )
