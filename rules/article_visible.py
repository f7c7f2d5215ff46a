"""Article structured data against what readers see: the headline against the H1 (or the
title), the author's name against the page's text, the image against the page's images.
Google's structured-data guidelines forbid marking up content that is not visible."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from seo_audit.engine.index_facts import nodes_by_id, resolved
from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page, StructuredItem
from seo_audit.page.structured import as_array
from seo_audit.page.visible import iso_date
from seo_audit.rules.article_data import article_items, authors_of, visible_bylines
from seo_audit.text.words import cut, folded_words


def _overlap(one: Sequence[str], other: Sequence[str]) -> float:
    """Share of the shorter text's words that the other has."""
    small, large = (one, other) if len(one) <= len(other) else (other, one)
    if not small:
        return 0.0
    pool = set(large)
    return sum(1 for word in small if word in pool) / len(small)


# A headline that shares less than half its words with every H1 is another text; rewording
# ("Apple's new iPad" / "Apple unveils its new iPad") stays above it.
_HEADLINE_OVERLAP = 0.5


def _image_tokens(value: Any, nodes: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """What identifies the images an `image` value points at (a URL, an ImageObject, or a
    list of them): the long parts of their file names."""
    tokens: set[str] = set()
    for entry in as_array(value):
        entry = resolved(entry, nodes)
        if isinstance(entry, Mapping):
            entry = entry.get("url") or entry.get("contentUrl") or ""
        if isinstance(entry, str):
            tokens |= _file_tokens(entry)
    return tokens


# CMSs and CDNs name one picture's sizes photo-1200x630.jpg, photo_t1200.jpg, photo-320-80.jpg
# or site-photo.jpg: the parts of a name that identify the picture are its long ones.
_TOKEN_RE = re.compile(r"[a-z0-9]{5,}")
_SIZE_TOKEN_RE = re.compile(r"^[a-z]?\d{2,4}(?:x\d{2,4})?$")


def _file_tokens(url: str) -> set[str]:
    last = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    stem = last.rsplit(".", 1)[0]
    return {t for t in _TOKEN_RE.findall(stem) if not _SIZE_TOKEN_RE.match(t)}


def _page_image_tokens(page: Page) -> set[str]:
    urls = [image.src for image in page.images]
    urls += [t.content for t in page.meta_tags if t.key in ("og:image", "twitter:image")]
    urls += [t.href for t in page.links_with_rel("image_src")]
    return {token for url in urls for token in _file_tokens(url)}


def _name_words(name: str) -> str:
    """The person's name in a name field, as folded words: without a leading "By" and
    without what follows a comma (article-data-author reports those)."""
    name = re.sub(r"^(?:by|posted by|written by)\s+", "", name.strip(), flags=re.I)
    # Not padded to whole words: pages glue the byline to what follows ("Jane DoeFOX News").
    return " " + " ".join(folded_words(name.split(",", 1)[0]))


def _visible_problems(
    page: Page, item: StructuredItem, nodes: Mapping[str, Mapping[str, Any]]
) -> Iterator[str]:
    headline = item.data.get("headline")
    h1s = [h.text for h in page.headings if h.level == 1 and h.text]
    titles = [*h1s, page.title or "", *(t.content for t in page.meta_all("og:title"))]
    if isinstance(headline, str) and headline.strip() and h1s:
        words = folded_words(headline)
        if all(_overlap(words, folded_words(text)) < _HEADLINE_OVERLAP for text in titles):
            yield (
                f"The headline “{cut(headline.strip(), 60)}” is not the page's H1 "
                f"(“{cut(h1s[0], 60)}”)."
            )
    names = [a.get("name") if isinstance(a, Mapping) else a for a in authors_of(item, nodes)]
    shown = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    visible = page.folded_visible_text
    if shown and not any(_name_words(n) in visible for n in shown):
        bylines = visible_bylines(page)
        credit = f"; the byline says “{cut(bylines[0], 60)}”" if bylines else ""
        yield f"The author “{cut(shown[0], 60)}” appears nowhere on the page{credit}."
    date_problem = _date_problem(page, item)
    if date_problem:
        yield date_problem
    wanted = _image_tokens(item.data.get("image"), nodes)
    if wanted and not wanted & _page_image_tokens(page):
        yield "The image is not among the page's images (nor its og:image)."


def _days(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def _date_problem(page: Page, item: StructuredItem) -> str | None:
    """`datePublished` is more than a day from every publication date the page shows (a
    day either way: the data may be in UTC and the page in local time). A page showing only
    its update date is fine when `dateModified` is that date."""
    published = item.data.get("datePublished")
    shown = page.visible_dates
    if not isinstance(published, str) or not shown or (day := iso_date(published)) is None:
        return None
    dates = [day]
    modified = item.data.get("dateModified")
    if isinstance(modified, str) and (changed := iso_date(modified)):
        dates.append(changed)
    if any(abs(_days(d) - _days(v.date)) <= 1 for d in dates for v in shown):
        return None
    where = f" (line {shown[0].line})" if shown[0].line is not None else ""
    return (
        f"datePublished {day} is not the date the page shows, “{cut(shown[0].text, 40)}” "
        f"{shown[0].date}{where}."
    )


@rule("article-data-visible", category="structured-data", severity="warning", weight=1)
def article_data_visible(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The Article data says something readers do not see: a `headline` that is neither the
    H1 nor the title, an `author` named nowhere on the page, an `image` that is not among the
    page's images.

    Google's structured-data guidelines forbid marking up content that is not visible on the
    page. The headline matches when half its words are in an H1, the `<title>` or `og:title`
    (rewording is fine); an author's name (without a leading "By" or what follows a comma)
    is looked for in all the page's visible text; images match by the long parts of their
    file names (CDNs add sizes: photo-1200x630, photo_t1200), among the page's <img>,
    og:image and twitter:image. `datePublished` must be within a day of the publication
    date the page shows (a `<time datetime>` marked as published, or the only date in the
    article, or a "Published …" dateline in English), or `dateModified` within a day of it;
    without such a date nothing is compared.
    """
    items = article_items(page)
    if not items:
        yield NotApplicable("the page has no Article data")
        return
    nodes = nodes_by_id(page)
    for item in items:
        for problem in dict.fromkeys(_visible_problems(page, item, nodes)):
            yield Finding(f"{problem} Mark up what the page shows.", line=item.line)
