"""Who wrote the article: declared authors, meta tags, Article structured data, bylines."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from seo_audit.page.html import LineOf, clean_text, meta_content
from seo_audit.page.model import HEADING_TAGS, Author, StructuredItem
from seo_audit.page.tree import RawBlock
from seo_audit.sources.document import Declared
from seo_audit.text.notes import BYLINE_RE

# Elements whose class, rel or itemprop contains "author" or "byline" (page/markers.py)
# are candidates; their exact class tokens are checked here.
_AUTHOR_TOKENS = frozenset(
    (
        "author",
        "byline",
        "author-name",
        "post-author",
        "entry-author",
        "article-author",
        "by-author",
        "byline-author",
        "authors",
    )
)


def read_authors(
    root: Any,
    line_of: LineOf,
    declared: Declared,
    items: Sequence[StructuredItem],
    blocks: Sequence[RawBlock],
    marked: Sequence[Any],
) -> tuple[Author, ...]:
    """`marked`: the elements whose attributes mention an author (Markers.authors)."""
    authors = [
        Author(name, declared.line_of("author"), "front matter") for name in declared.authors
    ]
    content, element = meta_content(root, "author", "article:author")
    if content and not content.startswith("http"):
        authors.append(Author(content, line_of(element), "meta"))
    for item in items:
        if item.is_a("Article", "NewsArticle", "BlogPosting", "Report", "TechArticle"):
            value = item.data.get("author")
            for person in value if isinstance(value, list | tuple) else [value]:
                name = person.get("name") if isinstance(person, Mapping) else person
                if isinstance(name, str) and name.strip():
                    authors.append(Author(name.strip(), item.line, "json-ld"))
    for block in blocks:
        match = BYLINE_RE.match(block.text)
        if match:
            authors.append(Author(match.group("name").strip(" .,"), block.line, "byline"))
    for element in marked:
        if not isinstance(element.tag, str) or element.tag in HEADING_TAGS:
            continue
        tokens = (
            " ".join(
                (
                    element.get("rel") or "",
                    element.get("itemprop") or "",
                    element.get("class") or "",
                )
            )
            .lower()
            .split()
        )
        if _AUTHOR_TOKENS.intersection(tokens) and element.tag != "meta":
            text = clean_text(element)
            name = re.sub(r"^(?:by|posted by|written by)\s+", "", text, flags=re.I).strip(" .,")
            if 0 < len(name.split()) <= 6 and not any(a.name == name for a in authors):
                authors.append(Author(name, line_of(element), "byline"))
    return tuple(authors)
