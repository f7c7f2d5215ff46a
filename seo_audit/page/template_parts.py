"""Site chrome: the parts of a page its template prints around every article (masthead, logo,
navigation, sidebar, footer, related-content and promotion boxes), named from the tree.

Read before the article pass prunes the tree, so every element still has its ancestors. The
name is what a finding shows the site's developer ("footer", "aside.sidebar",
"header#masthead"); an empty name means the element is in no chrome.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

from seo_audit.text.words import cut

# Landmark roles of the template (ARIA): banner is the masthead, contentinfo the footer.
_CHROME_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary", "search"})
_CHROME_TAGS = frozenset({"nav", "aside", "footer"})
# A <header> is chrome only when its role or name says so (role=banner, "site-header",
# "masthead"): pages without <article> put their headline in a bare <header>, and inside an
# article the header is the article's own.
_ARTICLE_TAGS = frozenset({"article", "main"})
# Parts of class and id names ("site-header__inner", "related-guides", "ArticleEventPromo")
# that real templates give their chrome. "header" alone is not one: "article-header" holds
# the headline.
_CHROME_PARTS = frozenset(
    {
        "banner",
        "logo",
        "masthead",
        "branding",
        "sidebar",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "related",
        "recirc",
        "promo",
        "newsletter",
        "adblock",
        "comment",
        "comments",
        "cookie",
        "consent",
        "gdpr",
    }
)
# Two-part names: the site's title, name, header or footer ("site-title", "siteName"). Not
# "blog-title" (a Japanese blog's post title) nor "brand" (CNBC's "BrandPageWrapper" holds
# the whole article).
_SITE_PARTS = frozenset({"title", "name", "header", "footer", "logo", "branding"})
# Words that make a chrome part describe something else: "content__header--no-promo" (CBS's
# article header) is not a promo, and "has-sidebar" or "page-with-nav" is a layout wrapper
# around the whole page, headline included.
_NOT_THE_PART = frozenset({"no", "non", "not", "without", "has", "with"})
_PART_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _parts(name: str) -> list[str]:
    return [part.lower() for part in _PART_RE.findall(name)]


@lru_cache(maxsize=8192)
def _is_chrome_name(name: str) -> bool:
    # Cached: templates repeat the same few class names on every heading's ancestors.
    parts = _parts(name)
    if any(
        part in _CHROME_PARTS and (i == 0 or parts[i - 1] not in _NOT_THE_PART)
        for i, part in enumerate(parts)
    ):
        return True
    return any(a == "site" and b in _SITE_PARTS for a, b in pairwise(parts))


_NAME_CHARACTERS = 40  # class names are the page's own text: keep a message readable


def _describe(element: Any, name: str = "") -> str:
    if not name:
        return str(element.tag)
    mark = "#" if name == (element.get("id") or "").strip() else "."
    return f"{element.tag}{mark}{cut(name, _NAME_CHARACTERS)}"


def chrome_of(element: Any) -> str:
    """The nearest site-chrome element holding `element` (itself included), named for a
    finding; "" when it sits in none."""
    # Class names count only inside the article or main: a layout wrapper above it holds the
    # whole page, headline included, and the article element itself may be named oddly
    # (NBC's <article class="url-breadcrumb">).
    names_count = True
    for node in [element, *element.iterancestors()]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in {"body", "html"}:
            break
        role = (node.get("role") or "").strip().lower()
        if role in _CHROME_ROLES or tag in _CHROME_TAGS:
            return _describe(node, _chrome_name(node))
        if _is_article(node):
            names_count = False
        name = _chrome_name(node) if names_count else ""
        if name:
            return _describe(node, name)
    return ""


def _is_article(node: Any) -> bool:
    return node.tag in _ARTICLE_TAGS or (node.get("role") or "").strip().lower() == "main"


def _chrome_name(node: Any) -> str:
    """The id or class token that says the element is chrome, "" if none does."""
    ident = (node.get("id") or "").strip()
    if ident and _is_chrome_name(ident):
        return ident
    tokens = (node.get("class") or "").split()
    return next((token for token in tokens if _is_chrome_name(token)), "")
