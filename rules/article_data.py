"""Article structured data (Article, NewsArticle, BlogPosting… in JSON-LD or microdata):
Google's recommended properties, dates, authors, and the data matched against what readers
see.

Which types count and which properties Google recommends is the `article` profile
(seo_audit/data/profiles/article.json, with its source and the date it was checked): Google
marks no property as required, so nothing here is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule, site_rule
from seo_audit.engine.site import SiteFacts
from seo_audit.page.model import Page, StructuredItem
from seo_audit.page.structured import as_array, type_names
from seo_audit.rules.structured_data import load_profile
from seo_audit.text.words import cut, folded_words

_ISO_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?P<time>T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
# Before the web: a year like 0001 is a CMS's empty date, not the article's.
_EARLIEST_YEAR = 1990
# Several people in one name, or more than a name: "Jane Doe and John Roe", "Jane Doe,
# Senior Editor", "By Jane Doe".
_SEVERAL_RE = re.compile(r"\s(?:and|&|und|et|y|e|og|och|en)\s|,|;|\s/\s|^(?:by|posted by)\s", re.I)


def article_items(page: Page) -> tuple[StructuredItem, ...]:
    return page.items_of_type(*load_profile("article")["types"])


def _kind(item: StructuredItem) -> str:
    types: Sequence[str] = load_profile("article")["types"]
    return next((t for t in item.types if t in types), item.types[0])


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return any(_filled(v) for k, v in value.items() if not k.startswith("@")) or bool(
            value.get("@id")
        )
    if isinstance(value, Sequence):
        return any(_filled(v) for v in value)
    return value is not None


def _by_id(page: Page) -> dict[str, Mapping[str, Any]]:
    """The page's typed nodes by `@id`: Yoast and other graphs give the author as
    `{"@id": "…#/schema/person/…"}` and the Person, with its name, elsewhere in the graph."""
    nodes: dict[str, Mapping[str, Any]] = {}
    for item in page.items:
        node_id = item.data.get("@id")
        if isinstance(node_id, str) and len(item.data) > 1:
            nodes.setdefault(node_id, item.data)
    return nodes


def _resolved(value: Any, nodes: Mapping[str, Mapping[str, Any]]) -> Any:
    if isinstance(value, Mapping) and set(value) <= {"@id"}:
        return nodes.get(str(value.get("@id")), value)
    return value


def _authors(item: StructuredItem, nodes: Mapping[str, Mapping[str, Any]]) -> list[Any]:
    value = item.data.get("author")
    found = [] if value is None else [a for a in as_array(value) if a is not None]
    return [_resolved(a, nodes) for a in found]


def _missing(item: StructuredItem, level: str, nodes: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The properties of the profile at `level` the item lacks. `author.name`: an author
    object without a name (a plain-text author is article-data-author's); nothing about
    the authors when there is no author at all."""
    profile = load_profile("article")
    alternatives: Mapping[str, Sequence[str]] = profile.get("alternatives", {})
    missing = []
    for path, wanted in profile["properties"].items():
        head, _, rest = path.partition(".")
        if wanted != level or (rest and not _filled(item.data.get(head))):
            continue
        names = [path, *alternatives.get(path, ())]
        if not rest:
            if not any(_filled(item.data.get(n)) for n in names):
                missing.append(path)
            continue
        values = [_resolved(v, nodes) for v in as_array(item.data.get(head))]
        objects = [v for v in values if isinstance(v, Mapping)]
        subs = [n.partition(".")[2] for n in names]
        if any(not any(_filled(o.get(s)) for s in subs) for o in objects):
            missing.append(path)
    return missing


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@rule("article-data-missing", category="structured-data", severity="warning", weight=1)
def article_data_missing(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The Article data lacks properties Google recommends: `headline`, `image`,
    `datePublished`, `dateModified`, `author`, and a `name` for each author.

    Google requires none of them, but uses them for the title, picture, dates and byline it
    shows. The list is the `article` profile's "recommended" properties.
    """
    items = article_items(page)
    if not items:
        yield NotApplicable("the page has no Article data")
        return
    source = load_profile("article")["source"]
    nodes = _by_id(page)
    for item in items:
        missing = _missing(item, "recommended", nodes)
        if missing:
            yield Finding(
                f"The {_kind(item)} data has no {_listed(missing)}. Google recommends them "
                f"for the title, picture, dates and byline it shows ({source}).",
                line=item.line,
            )


@rule("article-data-advised", category="structured-data", severity="info", weight=0)
def article_data_advised(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """An author in the Article data has no `url` (or `sameAs`) leading to a page about them.

    Google uses it to tell authors of the same name apart and to connect the article to its
    author's profile page. The list is the `article` profile's "advised" properties.
    """
    items = article_items(page)
    if not items:
        yield NotApplicable("the page has no Article data")
        return
    nodes = _by_id(page)
    for item in items:
        missing = _missing(item, "advised", nodes)
        if missing:
            profile = load_profile("article")
            named = [_with_alternatives(path, profile) for path in missing]
            advice = " ".join(
                dict.fromkeys(profile["why"][p] for p in missing if p in profile["why"])
            )
            yield Finding(
                f"The {_kind(item)} data has no {_listed(named)}. {advice}".rstrip(),
                line=item.line,
            )


def _with_alternatives(path: str, profile: Mapping[str, Any]) -> str:
    others = profile.get("alternatives", {}).get(path, ())
    return f"{path} (or {', '.join(others)})" if others else path


def _date_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _ISO_RE.match(text)
    if match is None and _ISO_RE.match(text.replace(" ", "T", 1)):
        return "has a space where ISO 8601 puts a T (2026-11-20T08:00:00+01:00)"
    if match is None:
        return "is not an ISO 8601 date (2026-11-20T08:00:00+01:00)"
    if int(text[:4]) < _EARLIEST_YEAR:
        return "is a placeholder, not the article's date"
    if match.group("time") is None:
        return "has no time and time zone (2026-11-20T08:00:00+01:00)"
    if match.group("zone") is None:
        return "has no time zone, so Google assumes one"
    return None


def _parsed(value: Any) -> datetime | None:
    if not isinstance(value, str) or not _ISO_RE.match(value.strip()):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


@rule("article-data-dates", category="structured-data", severity="warning", weight=1)
def article_data_dates(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """A date in the Article data is not ISO 8601 with a time zone, or `dateModified` is
    earlier than `datePublished`.

    Google reads `2026-11-20T08:00:00+01:00`; without a time zone it assumes one, and a
    date it cannot read is dropped.
    """
    items = [
        i for i in article_items(page) if "datePublished" in i.data or "dateModified" in i.data
    ]
    if not items:
        yield NotApplicable("the page has no dated Article data")
        return
    for item in items:
        for name in ("datePublished", "dateModified"):
            problem = _date_problem(item.data.get(name))
            if problem is not None:
                shown = cut(str(item.data[name]).strip(), 40)
                yield Finding(f"{name} “{shown}” {problem}.", line=item.line)
        published, modified = (
            _parsed(item.data.get("datePublished")),
            _parsed(item.data.get("dateModified")),
        )
        if (
            published is not None
            and modified is not None
            and (published.tzinfo is None) == (modified.tzinfo is None)
            and modified < published
        ):
            yield Finding(
                f"dateModified ({item.data['dateModified']}) is earlier than datePublished "
                f"({item.data['datePublished']}). Fix whichever is wrong.",
                line=item.line,
            )


def _author_problem(author: Any, bylines: Sequence[str]) -> str | None:
    if isinstance(author, str):
        return (
            f"The author is plain text (“{cut(author, 60)}”); give a Person with a name and "
            "url, so search engines know it is a person."
        )
    if not isinstance(author, Mapping):
        return None
    types = type_names(author.get("@type"))
    name = author.get("name")
    if types and not {"Person", "Organization"} & set(types) and not author.get("@id"):
        return (
            f"The author's type is “{cut(types[0], 40)}”; use Person (or Organization). Types "
            "are case-sensitive."
        )
    if isinstance(name, str) and _SEVERAL_RE.search(name.strip()):
        return (
            f"The author's name “{cut(name, 60)}” holds several names or more than a name; "
            "give one author entry per person, each with the name alone."
        )
    if "Organization" in types and isinstance(name, str) and name.strip():
        org = folded_words(name)
        people = [b for b in bylines if not _same_name(folded_words(b), org)]
        if people:
            return (
                f"The author is the Organization “{cut(name, 60)}”, but the byline credits "
                f"“{cut(people[0], 60)}”. Give the person as a Person author."
            )
    return None


def _same_name(one: Sequence[str], other: Sequence[str]) -> bool:
    """One name within the other, word for word ("Jane Doe" in "Jane Doe, CNN")."""
    if not one or not other:
        return False
    short, long = (one, other) if len(one) <= len(other) else (other, one)
    size = len(short)
    return any(list(long[i : i + size]) == list(short) for i in range(len(long) - size + 1))


def _bylines(page: Page) -> list[str]:
    return [a.name for a in page.authors if a.source == "byline"]


@rule("article-data-author", category="structured-data", severity="warning", weight=1)
def article_data_author(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """An author in the Article data is not one person or organisation as Google reads it:
    plain text instead of a Person, a type other than Person or Organization (`person`,
    `Thing`), several names in one ("Jane Doe and John Roe", "Jane Doe, Editor", "By Jane
    Doe"), or an Organization where the byline credits a person.

    Google's author guidelines: one entry per author, the name alone in `name`, Person for
    people.
    """
    nodes = _by_id(page)
    items = [i for i in article_items(page) if _authors(i, nodes)]
    if not items:
        yield NotApplicable("the page has no Article data with an author")
        return
    bylines = _bylines(page)
    for item in items:
        problems = [_author_problem(author, bylines) for author in _authors(item, nodes)]
        for problem in dict.fromkeys(p for p in problems if p is not None):
            yield Finding(problem, line=item.line)


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
        entry = _resolved(entry, nodes)
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
    names = [a.get("name") if isinstance(a, Mapping) else a for a in _authors(item, nodes)]
    shown = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    visible = page.folded_visible_text
    if shown and not any(_name_words(n) in visible for n in shown):
        bylines = _bylines(page)
        credit = f"; the byline says “{cut(bylines[0], 60)}”" if bylines else ""
        yield f"The author “{cut(shown[0], 60)}” appears nowhere on the page{credit}."
    wanted = _image_tokens(item.data.get("image"), nodes)
    if wanted and not wanted & _page_image_tokens(page):
        yield "The image is not among the page's images (nor its og:image)."


@rule("article-data-visible", category="structured-data", severity="warning", weight=1)
def article_data_visible(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The Article data says something readers do not see: a `headline` that is not the H1,
    an `author` that is not the visible byline, an `image` that is not among the page's
    images.

    Google's structured-data guidelines forbid marking up content that is not visible on the
    page. The headline matches when half its words are in an H1 (rewording is fine); authors
    match by name, word for word; images by file name (without the size suffix CMSs add),
    among the page's <img>, og:image and twitter:image.
    """
    items = article_items(page)
    if not items:
        yield NotApplicable("the page has no Article data")
        return
    nodes = _by_id(page)
    for item in items:
        for problem in dict.fromkeys(_visible_problems(page, item, nodes)):
            yield Finding(f"{problem} Mark up what the page shows.", line=item.line)


@site_rule("author-page", severity="warning", weight=1)
def author_page(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """An author's `url` in the Article data leads to an audited page that is not about that
    author: no ProfilePage (or Person) data with the same name.

    Search engines connect an article to its author through that page (Google's
    recommendation for `author.url`). Authors whose page is not among the audited pages are
    not judged.
    """
    by_key: dict[str, SiteFacts] = {}
    for page in pages:
        for key in (*page.index.location_keys, page.index.canonical_key):
            if key:
                by_key.setdefault(key, page)
    for page in pages:
        for author in page.index.authors:
            target = by_key.get(author.key)
            if target is None or target is page or author.name in target.index.profile_names:
                continue
            about = target.index.profile_names
            says = f"is about “{about[0]}”" if about else "has no ProfilePage or Person data"
            yield (
                page.path,
                Finding(
                    f"The author “{author.name}” links to {target.path}, which {says}. Give "
                    "the author page ProfilePage data with a Person of the same name.",
                    line=author.line,
                ),
            )


@site_rule("publisher-identity", severity="warning", weight=1)
def publisher_identity(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """The Article data names different publishers (Organization name, or logo) across the
    site.

    One site is one publisher to search engines; a second name or logo is usually a theme
    default or an old brand left in one template. The pages that differ from the most common
    identity are reported.
    """
    identities = Counter(page.index.publisher for page in pages if page.index.publisher)
    if len(identities) < 2:
        return
    (common, count), *_ = identities.most_common(1)
    for page in pages:
        identity = page.index.publisher
        if identity is None or identity == common:
            continue
        name, logo = identity
        if name.casefold() == common[0].casefold():
            what = f"the logo {logo or '(none)'} instead of {common[1] or '(none)'}"
        else:
            what = f"the publisher “{name}” instead of “{common[0]}”"
        yield (
            page.path,
            Finding(
                f"The Article data names {what}, which {count} other page"
                f"{'s' if count != 1 else ''} use. Use one publisher name and logo site-wide.",
                line=page.index.publisher_line,
            ),
        )
