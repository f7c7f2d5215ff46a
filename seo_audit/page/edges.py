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

import re
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
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S*|[\w.-]+\.[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
_FORM_BOX_LEVELS = 4
_SENTENCE_ENDS = frozenset('.!?…:;"”’»)]')
_NOT_CLIMBED = frozenset({"article", "main", "body", "html"})
# The readers' comments: Disqus's thread, WordPress's #comments/#respond, a "comments" section.
_COMMENTS_RE = re.compile(r"(?:^|[\s_-])(?:disqus_thread|comments?|respond|comment-respond)$")
_NOTICE_WORDS = 40
# Share buttons, which close an article: WordPress plugins' and the common widgets' names.
_SHARE_RE = re.compile(r"share|sharing|sharedaddy|addtoany|wabtn|social-buttons")


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
    links (which belong to the block after it). A link that shows its address ("Tickets:
    www.example.com") is information the article gives, not a teaser."""
    length = 0
    # Only the element's inline content is walked: its nested blocks are blocks of their own.
    stack = list(element)
    while stack:
        child = stack.pop()
        tag = child.tag
        if tag == "a":
            text = " ".join("".join(child.itertext()).split())
            if not _ADDRESS_RE.fullmatch(text):
                length += len(text)
        elif tag.__class__ is str and tag not in BLOCK_TAGS:
            stack.extend(child)
    return length


def _is_prose(block: RawBlock, share: float) -> bool:
    return (
        block.tag not in HEADING_TAGS
        and not block.skipped
        and len(block.text.split()) >= _PROSE_WORDS
        and share < _PROSE_LINK_SHARE
    )


def continue_article(blocks: Sequence[RawBlock], keep: list[bool]) -> None:
    """Take the article's sibling containers (same tag and class) that are mostly prose, when
    they hold at least two paragraphs between them."""
    long_kept = [i for i, k in enumerate(keep) if k and is_long(blocks[i].shown)]
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
            taken = [
                found
                for found in _inside(blocks, keep, twins)
                if _mostly_prose(blocks, found, share)
            ]
            paragraphs = sum(_is_prose(blocks[i], share(i)) for found in taken for i in found)
            if paragraphs >= _CONTINUATION_PARAGRAPHS:
                for found in taken:
                    for index in found:
                        keep[index] = share(index) < _LINKS_SHARE
                return
        node = parent


def _inside(blocks: Sequence[RawBlock], keep: list[bool], twins: list[Any]) -> list[list[int]]:
    """For each container, the blocks in it that are not the article's yet."""
    owner = {element: number for number, twin in enumerate(twins) for element in twin.iter()}
    found: list[list[int]] = [[] for _ in twins]
    for index, block in enumerate(blocks):
        number = owner.get(block.element)
        if number is not None and not keep[index]:
            found[number].append(index)
    return found


def _mostly_prose(blocks: Sequence[RawBlock], found: list[int], share: _LinkShare) -> bool:
    """Most of the words in paragraphs: the rest of a story, not a box of teasers."""
    words = sum(len(blocks[i].text.split()) for i in found)
    prose = sum(len(blocks[i].text.split()) for i in found if _is_prose(blocks[i], share(i)))
    return bool(found) and prose >= _CONTINUATION_SHARE * words


def _common_ancestor(first: Any, last: Any) -> Any:
    # The set holds the elements, so lxml hands out the same proxy objects while it lives.
    chain = {first, *first.iterancestors()}
    if last in chain:
        return last
    return next((a for a in last.iterancestors() if a in chain), last.getroottree().getroot())


def drop_standfirst(blocks: Sequence[RawBlock], keep: list[bool], description: str) -> None:
    """A heading before the article's first paragraph that says what the page's description
    says is the standfirst the template prints from it (WordPress's excerpt, a news site's
    dek), not a section of the body: Yoast's analysis never sees it either."""
    summary = _comparable(description)
    if len(summary) < _STANDFIRST_CHARS:
        return
    for index, block in enumerate(blocks):
        if not keep[index]:
            continue
        if block.tag not in HEADING_TAGS and len(block.text.split()) >= _PROSE_WORDS:
            return  # the first paragraph (link text or not: the standfirst comes before it)
        if block.tag in HEADING_TAGS and block.tag != "h1":
            text = _comparable(block.text)
            shorter, longer = sorted((text, summary), key=len)
            if len(shorter) >= _STANDFIRST_CHARS and longer.startswith(shorter):
                keep[index] = False


def _comparable(text: str) -> str:
    """Folded, lower case, without the ellipsis or full stop a cut description ends with."""
    return folded(text).lower().rstrip(" .…")


def trim_chrome(blocks: Sequence[RawBlock], keep: list[bool]) -> None:
    """Drop the site's blocks the extractor kept with the article. After its last paragraph:
    blocks that are mostly link text or sit in a box with a form, and the heading just before
    them (the list's or the box's title). Anywhere: a heading with nothing of the article under
    it when it is a link (a teaser card's title) or comes after the last paragraph."""
    share = _LinkShare(blocks)
    _drop_comment_notices(blocks, keep)
    kept = [i for i, k in enumerate(keep) if k]
    if not kept:
        return
    # A box with a form (a sign-up, its thank-you and error states) is one that does not hold
    # the article's first block: the article's own containers may hold a comment form too.
    boxes = _form_boxes(blocks[kept[0]].element)
    article = set(blocks[kept[0]].element.iterancestors()) if boxes else set()

    def in_box(index: int) -> bool:
        return bool(boxes) and _in_form_box(blocks[index].element, article, boxes)

    end = next(
        (i for i in reversed(kept) if _ends_prose(blocks[i], share(i)) and not in_box(i)), None
    )
    if end is None:
        return
    trailing = [i for i in kept if i > end]
    dropped = {index for index in trailing if share(index) >= _LINKS_SHARE or in_box(index)}
    for index in dropped:
        keep[index] = False
    # From the end back, so each heading knows at once whether text follows it before the
    # next heading of its level or higher (one pass, however many headings a page has).
    body_after = [False] * 7  # by heading level: text seen since the last such heading
    for position in range(len(kept) - 1, -1, -1):
        index = kept[position]
        block = blocks[index]
        if index in dropped:
            continue
        if block.tag not in HEADING_TAGS:
            body_after = [True] * 7
            continue
        level = int(block.tag[1])
        following = kept[position + 1] if position + 1 < len(kept) else None
        if index > end and following in dropped:
            keep[index] = False  # the title of the list or box just dropped
        elif not body_after[level] and (index > end or share(index) >= _LINKS_SHARE):
            keep[index] = False
        for deeper in range(level, 7):
            body_after[deeper] = False


def _form_boxes(element: Any) -> set[Any]:
    """The elements a few levels up from each form of the page."""
    root = element.getroottree().getroot()
    boxes: set[Any] = set()
    for form in root.iter("form"):
        node = form
        for _ in range(_FORM_BOX_LEVELS):
            boxes.add(node)
            node = node.getparent()
            if node is None:
                break
    return boxes


def _in_form_box(element: Any, article: set[Any], boxes: set[Any]) -> bool:
    """Whether the element sits, a few levels down, in a box with a form that is not around
    the article (a newsletter's sign-up, its thank-you and error states)."""
    node = element
    for _ in range(_FORM_BOX_LEVELS):
        if node is None or node in article:
            return False
        if node in boxes:
            return True
        node = node.getparent()
    return False


def _ends_prose(block: RawBlock, share: float) -> bool:
    """A paragraph that ends as sentences do (a copyright line or a date does not)."""
    return _is_prose(block, share) and block.text.rstrip()[-1] in _SENTENCE_ENDS


def _drop_comment_notices(blocks: Sequence[RawBlock], keep: list[bool]) -> None:
    """The notice a site prints over its readers' comments ("comments that insult other
    readers will not be approved") is the comment section's, not the article's: the last kept
    block, when the comments come right after it and it is set apart from the article, in a
    box of its own (no other article block in its parent) or after the share buttons that end
    the article. The article's own last paragraph is neither, so it stays even when the
    comments follow it."""
    kept = [i for i, k in enumerate(keep) if k]
    while len(kept) > 1:
        element = blocks[kept[-1]].element
        parent = element.getparent()
        block = blocks[kept[-1]]
        # A notice is a line or two; a long paragraph is the article's, however it is boxed.
        if parent is None or len(block.text.split()) > _NOTICE_WORDS:
            return
        if not _before_comments(element):
            return
        before = blocks[kept[-2]].element
        # Blocks come in document order: the previous one is in the parent if any other is.
        own_box = parent.tag not in _NOT_CLIMBED and parent not in set(before.iterancestors())
        if not (own_box or _after_share_buttons(element, before)):
            return
        keep[kept.pop()] = False


def _before_comments(element: Any) -> bool:
    """Whether the readers' comments come next: after the element, or after the container it
    ends (a few levels up)."""
    node = element
    for _ in range(_FORM_BOX_LEVELS):
        following = _next_element(node)
        if following is not None:
            names = f"{following.get('id') or ''} {following.get('class') or ''}".lower()
            return any(_COMMENTS_RE.search(name) for name in names.split())
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return False
    return False


def _after_share_buttons(element: Any, before: Any) -> bool:
    """Whether share buttons stand between the article's previous block and this one."""
    line = {before, *before.iterancestors()}
    for sibling in element.itersiblings(preceding=True):
        if sibling in line:
            return False
        if isinstance(sibling.tag, str):
            names = f"{sibling.get('id') or ''} {sibling.get('class') or ''}".lower()
            if _SHARE_RE.search(names):
                return True
    return False


def _next_element(node: Any) -> Any:
    following = node.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()  # comments and processing instructions
    return following
