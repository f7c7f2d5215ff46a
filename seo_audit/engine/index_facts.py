"""What the cross-page indexing and structured-data rules need of each page, kept small:
its canonical and where it was found, its hreflang annotations, the author pages its Article
data names, the person its profile page is about, and its publisher.

URLs are kept as keys (`url:host/path`, with the query where it tells pages apart, as for
hreflang's `?lang=de`), so the rules match pages with dicts, never pairwise.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from seo_audit.page.head import header_link_tags
from seo_audit.page.model import HEADING_TAGS, Page
from seo_audit.page.structured import as_array
from seo_audit.text.urls import join_url, split_url
from seo_audit.text.words import folded_words

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "LiveBlogPosting",
        "TechArticle",
        "Report",
    }
)


@dataclass(frozen=True)
class Hreflang:
    code: str  # lower-cased as written: "en-gb", "x-default"
    key: str  # the alternate's URL as a key, query kept
    line: int | None


@dataclass(frozen=True)
class AuthorLink:
    name: str  # folded words, space-joined
    key: str
    line: int | None
    shown: str = ""  # as written


@dataclass(frozen=True)
class IndexFacts:
    canonical: str | None = None  # the canonical URL as written, when absolute
    canonical_key: str | None = None
    canonical_line: int | None = None
    # Where the page is, not counting its canonical: --base-url plus its path, or the URL it
    # was fetched from.
    location_keys: tuple[str, ...] = ()
    hreflang: tuple[Hreflang, ...] = ()
    authors: tuple[AuthorLink, ...] = ()
    # The people a ProfilePage (or a page whose data is one Person) is about, folded.
    profile_names: tuple[str, ...] = ()
    publisher: tuple[str, str] | None = None  # (name, logo file) as the Article data gives
    publisher_line: int | None = None
    # What article the page is, compactly (article_fingerprint): CRC-32s of its title's and
    # its opening's content words, for canonical-target's "another article" check.
    title_words: tuple[int, ...] = ()
    lead_words: tuple[int, ...] = ()


def exact_key(url: str, key_of: Any) -> str | None:
    """`key_of(url)` (engine.site.url_key) with the query kept."""
    key = key_of(url)
    split = split_url(url)
    if key is None or split is None:
        return None
    return f"{key}?{split.query}" if split.query else key


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    split = split_url(url.strip())
    if split is None:
        return None
    if split.scheme in ("http", "https") and split.hostname:
        return url.strip()
    return join_url(base, url.strip()) if base else None


def nodes_by_id(page: Page) -> dict[str, Mapping[str, Any]]:
    """The page's typed nodes by `@id`: Yoast and other graphs give an author as
    `{"@id": "…#/schema/person/…"}` and the Person, with its name, elsewhere in the graph."""
    nodes: dict[str, Mapping[str, Any]] = {}
    for item in page.items:
        node_id = item.data.get("@id")
        if isinstance(node_id, str) and len(item.data) > 1:
            nodes.setdefault(node_id, item.data)
    return nodes


def resolved(value: Any, nodes: Mapping[str, Mapping[str, Any]]) -> Any:
    """A reference (`{"@id": …}` alone) replaced by the node it names, when the page has it."""
    if isinstance(value, Mapping) and set(value) <= {"@id"}:
        return nodes.get(str(value.get("@id")), value)
    return value


def _folded(name: Any) -> str:
    return " ".join(folded_words(name)) if isinstance(name, str) else ""


def _authors(
    page: Page, nodes: Mapping[str, Mapping[str, Any]], base: str | None, key_of: Any
) -> Iterator[AuthorLink]:
    for item in page.items:
        if not ARTICLE_TYPES & set(item.types):
            continue
        for author in as_array(item.data.get("author")):
            author = resolved(author, nodes)
            if not isinstance(author, Mapping):
                continue
            url = _absolute(author.get("url") if isinstance(author.get("url"), str) else None, base)
            key = key_of(url) if url else None
            name = author.get("name")
            if key and isinstance(name, str) and _folded(name):
                yield AuthorLink(_folded(name), key, item.line, " ".join(name.split()))


def _profile_names(page: Page, nodes: Mapping[str, Mapping[str, Any]]) -> tuple[str, ...]:
    names = []
    for item in page.items:
        if "ProfilePage" in item.types:
            for entity in as_array(item.data.get("mainEntity") or item.data.get("about")):
                entity = resolved(entity, nodes)
                if isinstance(entity, Mapping) and (name := _folded(entity.get("name"))):
                    names.append(name)
    if not names:
        people = [i for i in page.items if "Person" in i.types]
        others = [i for i in page.items if ARTICLE_TYPES & set(i.types)]
        if len(people) == 1 and not others:
            names.append(_folded(people[0].data.get("name")))
    return tuple(dict.fromkeys(n for n in names if n))


def _publisher(
    page: Page, nodes: Mapping[str, Mapping[str, Any]]
) -> tuple[tuple[str, str], int | None] | None:
    for item in page.items:
        if not ARTICLE_TYPES & set(item.types):
            continue
        publisher = resolved(item.data.get("publisher"), nodes)
        if isinstance(publisher, Mapping) and (name := publisher.get("name")):
            logo = resolved(publisher.get("logo"), nodes)
            if isinstance(logo, Mapping):
                logo = logo.get("url") or logo.get("contentUrl")
            logo_file = logo.split("?", 1)[0].rsplit("/", 1)[-1] if isinstance(logo, str) else ""
            return (" ".join(str(name).split()), logo_file), item.line
    return None


# Enough of the opening to tell two articles apart without keeping the text: 30 content
# words (not function words, three letters or more).
_LEAD_WORDS = 30


def _content_hashes(text: str, skip: frozenset[str], limit: int) -> tuple[int, ...]:
    found: dict[int, None] = {}
    for word in folded_words(text):
        if len(word) >= 3 and word not in skip:
            # CRC-32, not hash(): facts are built in worker processes and compared in another.
            found.setdefault(zlib.crc32(word.encode()), None)
            if len(found) >= limit:
                break
    return tuple(sorted(found))


def article_fingerprint(page: Page) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The page's title words (its H1, else its `<title>`) and its article's first content
    words, as CRC-32s; empty when the page has no text to tell."""
    skip = page.function_words
    h1 = next((h.text for h in page.headings if h.level == 1 and h.text), "")
    title = _content_hashes(h1 or page.title or "", skip, 20)
    words: list[str] = []
    for block in page.blocks:
        if block.in_content and not block.skipped and block.tag not in HEADING_TAGS:
            words.append(block.text)
            if sum(len(w.split()) for w in words) > 4 * _LEAD_WORDS:
                break
    return title, _content_hashes(" ".join(words), skip, _LEAD_WORDS)


def index_facts(page: Page, base_url: str | None, published: str | None, key_of: Any) -> IndexFacts:
    """The page's IndexFacts. `published` is its path under `base_url` (--base-url);
    `key_of` is engine.site.url_key (passed in: this module is imported by it)."""
    locations = []
    if base_url and published is not None:
        locations.append(join_url(base_url.rstrip("/") + "/", published))
    if page.http is not None:
        locations.append(page.http.final_url)
        if base_url:
            # A staging deploy audited with production's --base-url stands for production's
            # pages (as engine.site reads its links): its path under --base-url.
            split = split_url(page.http.final_url)
            if split is not None:
                tail = split.path.lstrip("/") + (f"?{split.query}" if split.query else "")
                locations.append(join_url(base_url.rstrip("/") + "/", tail))
    location_keys = tuple(
        dict.fromkeys(k for url in locations if url and (k := exact_key(url, key_of)))
    )
    canonical = next(
        (tag.href for tag in page.links_with_rel("canonical") if tag.href), page.canonical
    )
    canonical = canonical if canonical and _absolute(canonical, None) else None
    base = canonical or (page.http.final_url if page.http else None)
    hreflang = []
    tags = page.link_tags
    if page.http is not None:
        tags += header_link_tags(page.http.header_values("link"))
    for tag in tags:
        if "alternate" in tag.rel and tag.hreflang:
            url = _absolute(tag.href, None)  # relative ones are hreflang-invalid's
            if url and (key := exact_key(url, key_of)):
                hreflang.append(Hreflang(tag.hreflang.strip().lower(), key, tag.line))
    nodes = nodes_by_id(page)
    publisher = _publisher(page, nodes)
    title_words, lead_words = article_fingerprint(page)
    return IndexFacts(
        canonical=canonical,
        canonical_key=exact_key(canonical, key_of) if canonical else None,
        canonical_line=page.canonical_line,
        location_keys=location_keys,
        hreflang=tuple(hreflang),
        authors=tuple(_authors(page, nodes, base, key_of)),
        profile_names=_profile_names(page, nodes),
        publisher=publisher[0] if publisher else None,
        publisher_line=publisher[1] if publisher else None,
        title_words=title_words,
        lead_words=lead_words,
    )
