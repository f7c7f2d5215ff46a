"""One pass over every element for what several read-only readers look for: author and byline
markers (authors.py), dateline and breadcrumb markers (visible.py), microdata items
(structured.py), the <meta>, <link>, <base>, <script> and <time> elements (head.py,
build.py, visible.py), and how many elements the tree has (the extraction's cap, content.py).

Each reader used to walk the whole tree for itself: an XPath (`//*[contains(@class, 'author')
…]`, `//@class[contains(., 'readcrumb')]/..`, `//*[@itemscope]`, `count(//*)`), each with a
string made of every attribute tested, or `root.iter(tag)`, ~0.1 ms a walk even in C: ~2 ms a
page together. One walk that reads each element's attributes once costs ~0.6 ms and finds the
same elements in the same (document) order; the tests compare the two on the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import lxml.etree

# The attributes any reader looks at; the others (href, src, style…) are skipped unread.
_READ = frozenset({"class", "id", "rel", "itemprop", "aria-label", "itemscope"})
# The elements collected by tag, for the readers that want every one of them.
TAGGED = ("meta", "link", "base", "script", "time")


@dataclass(frozen=True)
class Markers:
    """Elements in document order, by what their attributes say (substrings, as written)."""

    # class contains "author" or "byline"; rel or itemprop contains "author"
    authors: tuple[Any, ...]
    # class contains "date", "publish" or "posted"; id contains "date"
    datelines: tuple[Any, ...]
    # class, id or aria-label contains a spelling of "breadcrumb"
    trails: tuple[Any, ...]
    itemscopes: tuple[Any, ...]  # elements with an itemscope attribute (microdata items)
    by_tag: Mapping[str, tuple[Any, ...]]  # each of TAGGED: its elements
    elements: int  # every element of the tree, the root too

    def tagged(self, tag: str) -> tuple[Any, ...]:
        """Every element of this tag (one of TAGGED), as `root.iter(tag)` gives them."""
        return self.by_tag[tag]


def scan_markers(root: Any) -> Markers:
    authors: list[Any] = []
    datelines: list[Any] = []
    trails: list[Any] = []
    itemscopes: list[Any] = []
    by_tag: dict[str, list[Any]] = {tag: [] for tag in TAGGED}
    count = 0
    for element in root.iter(lxml.etree.Element):
        count += 1
        same_tag = by_tag.get(element.tag)
        if same_tag is not None:
            same_tag.append(element)
        author = dateline = trail = scope = False
        for name, value in element.items():
            if name not in _READ:
                continue
            if name == "class":
                author = author or "author" in value or "byline" in value
                dateline = dateline or "date" in value or "publish" in value or "posted" in value
            elif name == "id":
                dateline = dateline or "date" in value
            elif name == "itemscope":
                scope = True
                continue
            elif name != "aria-label":  # rel, itemprop
                author = author or "author" in value
                continue  # a trail is said by class, id or aria-label only
            # "readcrumb" finds Breadcrumb and breadcrumb; sites also write breadCrumb and
            # BREADCRUMB. Spelled out, not any() over a tuple: this runs for every class and id.
            trail = trail or "readcrumb" in value or "readCrumb" in value or "READCRUMB" in value
        if author:
            authors.append(element)
        if dateline:
            datelines.append(element)
        if trail:
            trails.append(element)
        if scope:
            itemscopes.append(element)
    return Markers(
        tuple(authors),
        tuple(datelines),
        tuple(trails),
        tuple(itemscopes),
        MappingProxyType({tag: tuple(found) for tag, found in by_tag.items()}),
        count,
    )
