"""What readers see that structured data restates: the publication date shown on the page and
the breadcrumb trail. Both are read conservatively: a date counts only where the page marks
it as the publication date (or shows exactly one date in the article), a trail only where an
element calls itself a breadcrumb. Rules compare them with the Article and BreadcrumbList data
(rules/article_visible.py, rules/breadcrumbs.py) and stay quiet when nothing was found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from seo_audit.page.html import LineOf, clean_text
from seo_audit.page.model import VisibleDate, VisibleTrail

_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
# "March 3, 2026", "Mar. 3 2026", "3 March 2026", "2026-03-03": English datelines only; a
# date in another language is not read (no finding rather than a wrong one).
_TEXT_DATE_RES = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b"),
)
# Class/id/itemprop words that say "this is when it was published" …
_PUBLISHED_RE = re.compile(r"publish|posted|pubdate|dateline|post-date|entry-date|article-date")
# … or "this is another date" (an update, a comment's, a teaser's for another article).
_OTHER_RE = re.compile(r"updat|modif|revis|comment|related|recommend|sidebar|teaser|more-")
_OTHER_TAGS = frozenset({"aside", "footer", "nav"})
_UPDATED_TEXT_RE = re.compile(r"\b(?:updated|modified|revised|edited)\b", re.I)
# Elements that hold a trail: not an <article> whose class happens to say "url-breadcrumb",
# and not a crumb (<li>, <a>) alone.
_TRAIL_TAGS = frozenset({"nav", "ol", "ul", "div", "p", "span"})
_TRAIL_TEXT = 400  # characters: more is a page section, not a breadcrumb
# What sites put between crumbs when the crumbs are not list items.
_SEPARATORS = frozenset({">", "/", "›", "»", "→", "|", "·", "•", "-", "–", "—", "\\"})


def iso_date(value: str) -> str | None:
    """The date part of an ISO 8601 value ("2026-03-03T10:00:00+02:00" -> "2026-03-03")."""
    match = _ISO_RE.match(value)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    return _valid(year, month, day)


def _valid(year: int, month: int, day: int) -> str | None:
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def text_date(text: str) -> str | None:
    """The first English date written in a dateline, as YYYY-MM-DD."""
    for pattern in _TEXT_DATE_RES:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else _MONTHS.get(groups["month"].lower())
        if month is not None:
            return _valid(int(groups["year"]), month, int(groups["day"]))
    return None


def _markers(element: Any) -> str:
    return " ".join(
        (element.get("class") or "", element.get("id") or "", element.get("itemprop") or "")
    ).lower()


def _kind(element: Any) -> str:
    """The kind "published", "other" or "" of an element, from its own markers and its three
    nearest ancestors' (the nearest that says wins), and the tags it sits in."""
    found = ""
    node = element
    for depth in range(4):
        if node is None or not isinstance(node.tag, str):
            break
        words = _markers(node)
        if depth == 0 and (node.get("pubdate") is not None or "datepublished" in words):
            return "published"
        if not found:
            if _OTHER_RE.search(words) or "datemodified" in words:
                found = "other"
            elif _PUBLISHED_RE.search(words):
                found = "published"
        node = node.getparent()
    if any(a.tag in _OTHER_TAGS for a in element.iterancestors() if isinstance(a.tag, str)):
        return "other"
    return found


def _said_updated(element: Any) -> bool:
    """The words just before the date call it an update ("Updated <time>…")."""
    parent = element.getparent()
    before = ""
    if parent is not None:
        previous = element.getprevious()
        before = (previous.tail if previous is not None else parent.text) or ""
        if previous is not None:
            before = clean_text(previous) + " " + before
    return bool(_UPDATED_TEXT_RE.search(before[-40:] + " " + clean_text(element)))


_DATELINE_TEXT = 80  # characters: more is a paragraph that mentions a date, not a dateline


def _longer(element: Any, limit: int) -> bool:
    """The element's text is over `limit` characters (white space aside), read only as far
    as needed: a wrapper <body class="… date …"> is not read whole."""
    total = 0
    for text in element.itertext():
        total += len("".join(text.split()))
        if total > limit:
            return True
    return False


def read_visible_dates(
    times: Sequence[Any], datelines: Sequence[Any], line_of: LineOf
) -> tuple[VisibleDate, ...]:
    """`times`: the page's <time> elements; `datelines`: the elements whose class or id
    mentions a date (Markers.tagged("time"), Markers.datelines)."""
    marked: list[VisibleDate] = []
    plain: list[VisibleDate] = []
    for element in times:
        date = iso_date(element.get("datetime") or "") or text_date(clean_text(element))
        if date is None or _said_updated(element):
            continue
        found = VisibleDate(date, clean_text(element), line_of(element))
        kind = _kind(element)
        if kind == "published":
            marked.append(found)
        elif not kind:
            plain.append(found)
    if not marked:
        # A dateline without <time>: an element marked as the publication date, short.
        for element in datelines:
            if element.tag == "time" or _longer(element, _DATELINE_TEXT):
                continue
            text = clean_text(element)
            if element.find(".//time") is not None:
                continue
            if _kind(element) == "published" and not _UPDATED_TEXT_RE.search(text):
                date = text_date(text)
                if date is not None:
                    marked.append(VisibleDate(date, text, line_of(element)))
    if marked:
        return tuple(marked)
    # Unmarked <time>s count only when the page shows one date: with several (a list of
    # posts, a comment thread) nothing says which is the article's.
    if len({d.date for d in plain}) == 1:
        return tuple(plain)
    return ()


def _crumb_names(element: Any) -> list[str]:
    items = element.findall(".//li")
    if items:
        names = [clean_text(item) for item in items if not item.findall(".//li")]
    else:
        parts = [p for p in element.iter() if p.tag in ("a", "span") and not len(p)]
        names = [clean_text(p) for p in parts] if parts else clean_text(element).split("›")
    names = [n.strip(" ".join(_SEPARATORS)).strip() for n in names]
    return [n for n in names if n and n not in _SEPARATORS]


def read_visible_trail(trails: Sequence[Any], line_of: LineOf) -> VisibleTrail | None:
    """The first of `trails` (the elements whose aria-label, class or id says breadcrumb:
    Markers.trails) that holds at least two crumbs (the outermost: a nav marked breadcrumb
    around an ol marked too)."""
    for element in trails:
        if element.tag not in _TRAIL_TAGS or _longer(element, _TRAIL_TEXT):
            continue
        lists = [e for e in element.iter("ol", "ul") if e.getparent().tag not in ("li",)]
        if len(lists) > 1:
            # Two trails (a post in two sections): which one the data means is anyone's guess.
            return None
        names = _crumb_names(element)
        if len(names) >= 2:
            return VisibleTrail(tuple(names), line_of(element))
    return None
