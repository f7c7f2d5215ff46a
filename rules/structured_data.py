"""JSON-LD blocks that cannot be read at all."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page


@rule("structured-data-invalid", category="structured-data", severity="error", weight=2)
def structured_data_invalid(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """A JSON-LD block is not valid JSON.

    Search engines and other consumers drop a block that does not parse, with everything in
    it (Article, author, dates, video). The finding points at the line of the syntax error.
    FAQPage blocks are reported by faq-schema-invalid instead.
    """
    if not page.jsonld:
        yield NotApplicable("the page has no JSON-LD")
        return
    for block in page.jsonld:
        if block.error and "faqpage" not in block.raw.lower():
            yield Finding(
                f"A JSON-LD block is not valid JSON ({block.error}); consumers ignore all of "
                "it. Fix the syntax.",
                line=block.error_line,
            )
