"""Article structured data (Article, NewsArticle, BlogPosting… in JSON-LD or microdata):
Google's recommended properties, dates and authors. The data against what readers see is
rules/article_visible.py; author pages and the publisher across a site, rules/article_site.py.

Which types count and which properties Google recommends is the `article` profile
(seo_audit/data/profiles/article.json, with its source and the date it was checked): Google
marks no property as required, so nothing here is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from seo_audit.engine.index_facts import nodes_by_id, resolved
from seo_audit.engine.rule import Finding, NotApplicable, rule
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


def authors_of(item: StructuredItem, nodes: Mapping[str, Mapping[str, Any]]) -> list[Any]:
    value = item.data.get("author")
    found = [] if value is None else [a for a in as_array(value) if a is not None]
    return [resolved(a, nodes) for a in found]


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
        values = [resolved(v, nodes) for v in as_array(item.data.get(head))]
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
    nodes = nodes_by_id(page)
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
    nodes = nodes_by_id(page)
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


# The form every date problem points to, said as an example (not the page's date).
_EXAMPLE = "(write it as, for example, 2026-11-20T08:00:00+01:00)"


def _date_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _ISO_RE.match(text)
    if match is None and _ISO_RE.match(text.replace(" ", "T", 1)):
        return f"has a space where ISO 8601 puts a T {_EXAMPLE}"
    if match is None:
        return f"is not an ISO 8601 date {_EXAMPLE}"
    if int(text[:4]) < _EARLIEST_YEAR:
        return "is a placeholder, not the article's date"
    if match.group("time") is None:
        return f"has no time and time zone {_EXAMPLE}"
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
        people = [b for b in bylines if not same_name(folded_words(b), org)]
        if people:
            return (
                f"The author is the Organization “{cut(name, 60)}”, but the byline credits "
                f"“{cut(people[0], 60)}”. Give the person as a Person author."
            )
    return None


def same_name(one: Sequence[str], other: Sequence[str]) -> bool:
    """One name within the other, word for word ("Jane Doe" in "Jane Doe, CNN")."""
    if not one or not other:
        return False
    short, long = (one, other) if len(one) <= len(other) else (other, one)
    size = len(short)
    return any(list(long[i : i + size]) == list(short) for i in range(len(long) - size + 1))


def visible_bylines(page: Page) -> list[str]:
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
    nodes = nodes_by_id(page)
    items = [i for i in article_items(page) if authors_of(i, nodes)]
    if not items:
        yield NotApplicable("the page has no Article data with an author")
        return
    bylines = visible_bylines(page)
    for item in items:
        problems = [_author_problem(author, bylines) for author in authors_of(item, nodes)]
        for problem in dict.fromkeys(p for p in problems if p is not None):
            yield Finding(problem, line=item.line)
