"""Which blocks are the article body.

trafilatura (fast mode) finds the article text best on the real corpus, but it returns text,
not elements. We keep our own blocks, which carry source lines, and mark as content the ones
whose text trafilatura kept (align.py, kept.py: compared as a reader sees them, long blocks
with a tolerant match). What its text cannot tell is read from the tree (edges.py): the rest
of an article split over containers by ad rows, the site's teasers and sign-up boxes after the
article's end, and a standfirst that repeats the page's description.
See benchmarks/extraction.py for the measurement (mean F1 0.978 on ../shared/corpus/articles,
no page below 0.80) and docs/decisions.md (issue 13, part 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from seo_audit.page.align import align, folded
from seo_audit.page.edges import continue_article, drop_standfirst, trim_chrome
from seo_audit.page.html import meta_content
from seo_audit.page.kept import KeptText, TooCostly
from seo_audit.page.tree import FURNITURE_TAGS, SITE_CHROME_TAGS, RawBlock

LANDMARKS_OUTSIDE = frozenset({"nav", "header", "footer", "aside", "form"})
# trafilatura's time grows with the square of the elements it is given (libxml2 evaluating its
# `//p//text()`: 10,000 paragraphs with inline markup take 0.5 s, 40,000 take 8 s, 600,000
# ran past 900 s). Above this many elements in the pruned body (the corpus's largest has
# 1,105) the article is found by landmarks instead (docs/decisions.md, issue 10).
MAX_EXTRACTION_ELEMENTS = 20_000
_DESCRIPTIONS = ("description", "og:description")


def select_content(
    root: Any, blocks: Sequence[RawBlock], elements_before: int | None = None
) -> list[bool]:
    """`elements_before`: how many elements the tree had before pruning (Markers.elements),
    if known: at most the cap, the pruned body is under it too, and is not counted again."""
    # Navigation, asides and the site's header and footer are not among the blocks at all:
    # the walker skips them (tree.FURNITURE_TAGS).
    keep: list[bool] = []
    under_cap = elements_before is not None and elements_before <= MAX_EXTRACTION_ELEMENTS
    if under_cap or _extractable(root):
        extracted = _extract(root)
        try:
            keep = align(blocks, KeptText(extracted)) if extracted else []
        except TooCostly:  # text built to make counting slow: landmarks instead
            keep = []
    if not any(keep):
        return _fallback(blocks)
    # What the extractor's text does not tell: an article it took only the start of, and the
    # site's teasers and sign-up boxes it took with the article.
    continue_article(blocks, keep)
    trim_chrome(blocks, keep)
    head = root.find("head")  # not the whole tree: a page's <meta> are in its head
    description, _ = (None, None) if head is None else meta_content(head, *_DESCRIPTIONS)
    drop_standfirst(blocks, keep, description or "")
    return keep


def _extractable(root: Any) -> bool:
    body = root.find("body")
    elements = (root if body is None else body).xpath("count(.//*)")
    return bool(elements <= MAX_EXTRACTION_ELEMENTS)


_PRUNE_XPATH = "|".join(
    [f".//{tag}" for tag in ("script", "style", "svg", "noscript", "template", "iframe")]
    + [f".//{tag}" for tag in sorted(FURNITURE_TAGS)]
    + [
        f".//{tag}[not(ancestor::article) and not(ancestor::main)]"
        for tag in sorted(SITE_CHROME_TAGS)
    ]
)


def prune_for_extraction(body: Any) -> None:
    """Drop what is never the article before trafilatura copies and cleans the tree: scripts,
    styles, frames, navigation, asides and the site's header and footer. It would remove them
    itself, but copying and cleaning them first costs it about 2 ms a page (same F1).
    Text after a dropped element is kept (drop_tree keeps the tail)."""
    for element in body.xpath(_PRUNE_XPATH):
        if element.getparent() is not None:
            element.drop_tree()


def _extract(root: Any) -> str:
    from seo_audit.page.extractor import extract_function

    extract = extract_function()  # trafilatura's, without the dependencies it never calls here

    # trafilatura copies the tree before cleaning it, so ours stays intact (checked). It needs
    # lxml.html elements: on plain etree ones it finds 0.81 F1 on the corpus, not 0.97.
    # The body alone: trafilatura copies what it is given, and the head is all scripts.
    body = root.find("body")
    text = extract(root if body is None else body, options=_extraction_options())
    return folded(text or "")


@cache
def _extraction_options() -> Any:
    """One trafilatura Extractor for every page (building one per call was ~3 % of its time;
    it copies the options it changes, so sharing is safe): fast, tables, no comments, neither
    precision nor recall, as `extract`'s keywords would build it. Imported after
    `extract_function`, so `trafilatura.settings` is the module already loaded."""
    from trafilatura.settings import Extractor

    return Extractor(
        fast=True, tables=True, comments=False, precision=False, recall=False, output_format="txt"
    )


def _fallback(blocks: Sequence[RawBlock]) -> list[bool]:
    """Short pages and drafts trafilatura declines: <article> or <main>, else the body's blocks
    outside navigation, header, footer and asides."""
    scoped = [_inside(block.element, {"article", "main"}) for block in blocks]
    if any(scoped):
        return scoped
    return [not _inside(block.element, LANDMARKS_OUTSIDE) for block in blocks]


def _inside(element: Any, tags: set[str] | frozenset[str]) -> bool:
    if element.tag in tags:
        return True
    return any(ancestor.tag in tags for ancestor in element.iterancestors())
