"""What the extractor's text cannot tell about the article's edges, read from the tree.

- An article split over several containers by ad rows: trafilatura takes the first container
  its patterns match, so the rest of the article (siblings of the same tag and class) is lost.
  They are taken back when they hold prose.
- The site's own blocks after the article's end: teaser cards ("You may also like…", "Top
  stories"), lists of links and sign-up boxes, which trafilatura keeps when they sit in the same
  container. After the last paragraph of prose, a block that is mostly link text is not the
  article's, nor is a heading with nothing of the article under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from seo_audit.page.align import folded, is_long
from seo_audit.page.model import HEADING_TAGS
from seo_audit.page.tree import BLOCK_TAGS, RawBlock

# A paragraph of prose has a sentence's worth of words, most of them not link text.
_PROSE_WORDS = 8
_PROSE_LINK_SHARE = 0.5
# After the article's end, a block this much link text is a teaser or a list of links.
_LINKS_SHARE = 0.6
# How far up from the article's container its continuation is looked for: the container, its
# wrapper, and the wrapper's wrapper (an ad row between two chunks of a story).
_CONTINUATION_LEVELS = 3
_CONTINUATION_PARAGRAPHS = 2
_CONTINUATION_SHARE = 0.6
# A standfirst is a sentence or more; a shorter heading matching the description is a title.
_STANDFIRST_CHARS = 40
_NOT_CLIMBED = frozenset({"article", "main", "body", "html"})


class _LinkShare:
    """The share of each block's text that is link text, computed when asked."""

    def __init__(self, blocks: Sequence[RawBlock]) -> None:
        self.blocks = blocks
        self.known: dict[int, float] = {}

    def __call__(self, index: int) -> float:
        share = self.known.get(index)
        if share is None:
            block = self.blocks[index]
            element = block.element
            if element.tag == "a" or any(True for _ in element.iterancestors("a")):
                share = 1.0  # a whole card or headline inside one link
            else:
                share = min(1.0, _own_link_text(element) / max(1, len(block.text)))
            self.known[index] = share
        return share


def _own_link_text(element: Any) -> int:
    """The length of the link text in the element's own text, not in blocks nested in it: a
    link holding a block (a teaser's title and date in one <a>) is not seen by the walker's
    links (which belong to the block after it)."""
    length = 0
    for link in element.iter("a"):
        parent = link.getparent()
        while parent is not None and parent is not element and parent.tag not in BLOCK_TAGS:
            parent = parent.getparent()
        if parent is element:
            length += len(" ".join("".join(link.itertext()).split()))
    return length


def _is_prose(block: RawBlock, share: float) -> bool:
    return (
        block.tag not in HEADING_TAGS
        and not block.skipped
        and len(block.text.split()) >= _PROSE_WORDS
        and share < _PROSE_LINK_SHARE
    )


def continue_article(blocks: Sequence[RawBlock], keep: list[bool]) -> None:
    """Take the article's sibling containers (same tag and class) when they hold prose."""
    long_kept = [i for i, k in enumerate(keep) if k and is_long(folded(blocks[i].shown))]
    if not long_kept:
        return
    share = _LinkShare(blocks)
    node = _common_ancestor(blocks[long_kept[0]].element, blocks[long_kept[-1]].element)
    for _ in range(_CONTINUATION_LEVELS):
        parent = node.getparent()
        if parent is None or node.tag in _NOT_CLIMBED:
            return
        kind = node.get("class")
        twins = [
            sibling
            for sibling in parent
            if kind
            and sibling is not node
            and sibling.tag == node.tag
            and sibling.get("class") == kind
        ]
        if twins:
            inside = {element for twin in twins for element in twin.iter()}
            found = [i for i, block in enumerate(blocks) if not keep[i] and block.element in inside]
            if _mostly_prose(blocks, found, share):
                for index in found:
                    keep[index] = share(index) < _LINKS_SHARE
                return
        node = parent


def _mostly_prose(blocks: Sequence[RawBlock], found: list[int], share: _LinkShare) -> bool:
    """Paragraphs, more than one, and most of the words: the rest of a story, not a box with
    an author's bio or a teaser's blurb."""
    prose = [i for i in found if _is_prose(blocks[i], share(i))]
    words = sum(len(blocks[i].text.split()) for i in found)
    prose_words = sum(len(blocks[i].text.split()) for i in prose)
    return len(prose) >= _CONTINUATION_PARAGRAPHS and prose_words >= _CONTINUATION_SHARE * words


def _common_ancestor(first: Any, last: Any) -> Any:
    if first is last:
        return first
    chain = {id(first)} | {id(a) for a in first.iterancestors()}
    if id(last) in chain:
        return last
    for ancestor in last.iterancestors():
        if id(ancestor) in chain:
            return ancestor
    return last.getroottree().getroot()


def drop_standfirst(blocks: Sequence[RawBlock], keep: list[bool], description: str) -> None:
    """A heading before the article's first paragraph that says what the page's description
    says is the standfirst the template prints from it (WordPress's excerpt, a news site's
    dek), not a section of the body: Yoast's analysis never sees it either."""
    summary = _comparable(description)
    if len(summary) < _STANDFIRST_CHARS:
        return
    share = _LinkShare(blocks)
    for index, block in enumerate(blocks):
        if not keep[index]:
            continue
        if _is_prose(block, share(index)):
            return
        if block.tag in HEADING_TAGS and block.tag != "h1":
            text = _comparable(block.text)
            shorter, longer = sorted((text, summary), key=len)
            if len(shorter) >= _STANDFIRST_CHARS and longer.startswith(shorter):
                keep[index] = False


def _comparable(text: str) -> str:
    """Folded, lower case, without the ellipsis or full stop a cut description ends with."""
    return folded(text).lower().rstrip(" .…")


def trim_chrome(blocks: Sequence[RawBlock], keep: list[bool]) -> None:
    """Drop what follows the article's last paragraph and is no part of it: link-dense blocks,
    then headings with nothing left under them (a teaser's title, a sign-up box's)."""
    share = _LinkShare(blocks)
    kept = [i for i, k in enumerate(keep) if k]
    end = next((i for i in reversed(kept) if _is_prose(blocks[i], share(i))), None)
    if end is None:
        return
    trailing = [i for i in kept if i > end]
    for index in trailing:
        if share(index) >= _LINKS_SHARE:
            keep[index] = False
    heading: int | None = None
    for index in [i for i in trailing if keep[i]]:
        if blocks[index].tag in HEADING_TAGS:
            if heading is not None:
                keep[heading] = False  # the previous heading had nothing under it
            heading = index
        else:
            heading = None
    if heading is not None:
        keep[heading] = False
