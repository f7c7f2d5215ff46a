"""What cross-page rules need to know about each page, small enough to keep for every page
of a large batch (no trees, no text), and how links and pages are matched.

A page is known by keys: `url:host/path` from its canonical URL or from --base-url plus its
path in the folder, and `file:path` from its path in the folder. Paths are normalised so that
`guides/cold-brew/`, `guides/cold-brew/index.html` and `guides/cold-brew.html` are one page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from seo_audit.engine.index_facts import IndexFacts, index_facts
from seo_audit.page.directives import Suppression
from seo_audit.page.model import Page
from seo_audit.sources.files import PAGE_SUFFIXES
from seo_audit.sources.ref import SourceRef
from seo_audit.text.urls import host_of, join_url, split_url

if TYPE_CHECKING:
    from seo_audit.sources.fetched import WebFacts

_INDEX_NAMES = tuple(f"index{suffix}" for suffix in PAGE_SUFFIXES)


@dataclass(frozen=True)
class SiteLink:
    href: str
    line: int | None
    keys: tuple[str, ...]  # what the link could point to; empty when it leaves the site
    text: str = ""  # the anchor text, as a finding about the link quotes it


@dataclass(frozen=True)
class SiteFacts:
    path: str
    keys: tuple[str, ...]
    title: str | None
    title_line: int | None
    meta_description: str | None
    meta_description_line: int | None
    keyphrase: str | None
    keyphrase_line: int | None
    links: tuple[SiteLink, ...]
    suppressions: tuple[Suppression, ...] = ()
    # The keyphrase as the page rules match it (content words in the page's language, by word
    # form where they match so): pages compete when these are equal.
    keyphrase_forms: tuple[str, ...] = ()
    # Canonical, hreflang, author pages and publisher, for the indexing site rules.
    index: IndexFacts = field(default_factory=IndexFacts)
    # A fetched page's address, redirects and sitemap/crawl membership (sources.http).
    web: WebFacts | None = None


def _normal_path(path: str) -> str:
    path = posixpath.normpath("/" + path.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    for name in _INDEX_NAMES:
        if path == name or path.endswith("/" + name):
            path = path[: -len(name)]
            break
    for suffix in PAGE_SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return path.strip("/")


def url_key(url: str) -> str | None:
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    return f"url:{host}/{_normal_path(parts.path)}"


def _host(url: str | None) -> str | None:
    return (host_of(url) or None) if url else None


def site_facts(page: Page, ref: SourceRef, base_url: str | None) -> SiteFacts:
    relative = ref.site_path
    # A draft's layout publishes it at a pretty URL (posts/cold-brew.md at posts/cold-brew/):
    # its relative links point from there, unless they name another draft's file.
    draft = page.format == "markdown"
    published = relative
    if draft and relative is not None:
        published = (_normal_path(relative) + "/").lstrip("/")
    page_url = page.canonical if url_key(page.canonical or "") else None
    if page_url is None and base_url and published is not None:
        page_url = join_url(base_url.rstrip("/") + "/", published)
    if page_url is None and page.http is not None:
        page_url = page.http.final_url  # a fetched page is where it was fetched from
    # A staging deploy audited with the production --base-url: its absolute links to the
    # staging host are links to the production pages.
    staging = _host(page.http.final_url) if page.http is not None and base_url else None
    keys = []
    if page_url and (key := url_key(page_url)):
        keys.append(key)
    if (
        base_url
        and relative is not None
        and (joined := join_url(base_url.rstrip("/") + "/", relative))
        and (key := url_key(joined))
    ):
        keys.append(key)
    if relative is not None:
        keys.append(f"file:{_normal_path(relative)}")
    site_host = _host(base_url) or _host(page_url)
    file_url = (
        join_url(base_url.rstrip("/") + "/", relative)
        if base_url and relative is not None
        else None
    )
    links = []
    for link in page.links:
        if not link.in_content or not _is_page_link(link.href) or _is_asset(link.href):
            continue
        # A draft linking another draft's file (b.md) links from its own file's place.
        base = file_url if draft and _names_a_page_file(link.href) else page_url
        href = link.href
        if staging and base_url and staging != site_host and _host(href) == staging:
            href = on_production(href, base_url)
        targets = _link_keys(href, base, relative, site_host, draft)
        links.append(SiteLink(link.href, link.line, targets, link.text))
    keyphrase = page.keyphrase
    return SiteFacts(
        path=page.path,
        keys=tuple(dict.fromkeys(keys)),
        title=page.title,
        title_line=page.title_line,
        meta_description=page.meta_description,
        meta_description_line=page.meta_description_line,
        keyphrase=keyphrase.text if keyphrase else None,
        keyphrase_line=keyphrase.line if keyphrase else None,
        links=tuple(link for link in links if link.keys),
        suppressions=page.suppressions,
        keyphrase_forms=tuple(sorted(page.matcher.forms)) if page.matcher else (),
        index=index_facts(page, base_url, published, url_key),
        web=_web_facts(ref),
    )


def _web_facts(ref: SourceRef) -> WebFacts | None:
    if ref.payload is None:
        return None  # a file: the fetcher is never imported
    from seo_audit.sources.fetched import web_facts

    return web_facts(ref)


def on_production(url: str, base_url: str) -> str:
    """A staging URL's path and query under the production address (--base-url)."""
    parts = split_url(url.strip())
    if parts is None:
        return url
    tail = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
    return join_url(base_url.rstrip("/") + "/", tail) or url


def _is_page_link(href: str) -> bool:
    href = href.strip()
    if not href or href.startswith("#"):
        return False
    parts = split_url(href)
    if parts is None:
        return False  # malformed: it points nowhere (link-malformed reports it)
    scheme = parts.scheme.lower() if ":" in href.split("/", 1)[0] else ""
    return scheme in ("", "http", "https")


# Files a page links to that are not pages: judging them against the audited pages is wrong.
ASSET_SUFFIXES = frozenset(
    """.jpg .jpeg .png .gif .webp .avif .svg .ico .bmp .tif .tiff .pdf .zip .gz .tgz .rar .7z
    .mp3 .m4a .wav .ogg .mp4 .m4v .webm .mov .avi .css .js .mjs .json .xml .rss .atom .txt
    .csv .doc .docx .xls .xlsx .ppt .pptx .odt .epub .woff .woff2 .ttf .otf .eot .ics""".split()
)


def _names_a_page_file(href: str) -> bool:
    return href.strip().split("?")[0].split("#")[0].endswith(PAGE_SUFFIXES)


def _is_asset(href: str) -> bool:
    parts = split_url(href.strip())
    path = (parts.path if parts is not None else "").lower()
    return "/wp-content/uploads/" in path or posixpath.splitext(path)[1] in ASSET_SUFFIXES


def _link_keys(
    href: str,
    page_url: str | None,
    relative: str | None,
    site_host: str | None,
    draft: bool = False,
) -> tuple[str, ...]:
    """The keys a link may point to; () for links that leave the site or go nowhere useful."""
    href = href.strip()
    keys: list[str] = []
    parts = split_url(href)
    if parts is None:
        return ()
    if parts.scheme in ("http", "https") or href.startswith("//"):
        absolute = href if parts.scheme else "https:" + href
        if site_host and _host(absolute) == site_host and (key := url_key(absolute)):
            keys.append(key)
        return tuple(keys)  # another host: an outbound link, not ours to check
    if page_url:
        # The page's address is known: the link is where the browser goes from it. The folder
        # need not mirror the site (a flat export of articles from many sites).
        if (joined := join_url(page_url, href)) and (key := url_key(joined)):
            keys.append(key)
        return tuple(keys)
    if relative is not None and parts.path:
        target = parts.path
        names_a_file = target.endswith(PAGE_SUFFIXES)
        if target.startswith("/"):
            # Root-relative, and where the folder sits in the site is unknown (no canonical,
            # no --base-url): not ours to judge.
            return ()
        if draft and not names_a_file:
            resolved = posixpath.join(_normal_path(relative), target)
        else:
            resolved = posixpath.join(posixpath.dirname(relative), target)
        resolved = posixpath.normpath(resolved)
        if resolved != ".." and not resolved.startswith("../"):
            keys.append(f"file:{_normal_path(resolved)}")
        # else it leaves the audited folder: not ours to judge
    return tuple(dict.fromkeys(keys))


def section_of(key: str) -> str:
    """The folder a page key lies in ("url:example.com/posts/a" -> "url:example.com/posts/")."""
    kind, _, path = key.partition(":")
    return f"{kind}:{path.rsplit('/', 1)[0]}/" if "/" in path else f"{kind}:"
