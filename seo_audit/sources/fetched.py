"""What fetching a page gave (`Fetched`: the body and HTTP facts, or the one-line problem),
the refs that carry it from the fetcher in the parent to the worker that audits the page
(`SourceRef.payload`), the `url` Reader that turns it into a Document, and the facts the
cross-page rules read of a fetched page (`WebFacts`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from seo_audit.errors import InputError
from seo_audit.sources.document import Document, HttpFacts
from seo_audit.sources.encodings import decode, header_charset
from seo_audit.sources.ref import SourceRef
from seo_audit.sources.robots import origin_of
from seo_audit.text.characters import without_lone_surrogates
from seo_audit.text.urls import split_url

__all__ = [
    "Fetched",
    "WebFacts",
    "document_from",
    "failed_ref",
    "fetched_ref",
    "read_url",
    "status_text",
    "url_ref",
    "web_facts",
]


@dataclass(frozen=True)
class Fetched:
    """What fetching a page gave: the HTTP facts and the body, or the problem that stopped
    it (one line, the page's error)."""

    url: str
    http: HttpFacts | None = None
    data: bytes = b""
    problem: str | None = None
    # For the sitemap-coverage rules: whether the run's sitemap lists the page and whether
    # the run's crawl reached it by a link (None: the run had no sitemap, no complete crawl).
    in_sitemap: bool | None = None
    linked: bool | None = None
    # Pages of the run that answered 4xx/5xx since the last page handed on: (URL asked,
    # status, the error line), for the broken-link rule: an error page is left out of the
    # cross-page rules (only the http rules run on it), so the pages linking to it carry it.
    failures: tuple[tuple[str, int, str], ...] = ()

    @property
    def name(self) -> str:
        """The page's identity in reports: its final URL once fetched."""
        return self.http.final_url if self.http is not None else self.url


def status_text(status: int) -> str:
    """A status as reports show it: "404 Not Found" ("520" for one no RFC names)."""
    from http import HTTPStatus

    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def url_ref(url: str, config_folder: Path | None = None) -> SourceRef:
    """The SourceRef of a page to fetch. Its site is its origin and its path the URL's, so
    the cross-page rules know it by URL (and --base-url maps it to production)."""
    parts = split_url(url)
    path = (parts.path if parts is not None else "").lstrip("/")
    folder = config_folder or Path.cwd()
    return SourceRef("url", url, url, folder, Path(origin_of(url)), path)


def failed_ref(name: str, problem: str) -> SourceRef:
    """A ref whose reading fails with `problem`: an input found unreadable while fetching
    (a sitemap), reported in its place among the pages."""
    return SourceRef("url", name, name, Path.cwd(), payload=Fetched(name, problem=problem))


def fetched_ref(ref: SourceRef, fetched: Fetched) -> SourceRef:
    """The ref named by the final URL, carrying what was fetched to the worker."""
    final = fetched.name
    parts = split_url(final)
    path = (parts.path if parts is not None else "").lstrip("/")
    return replace(
        ref, name=final, site_root=Path(origin_of(final)), site_path=path, payload=fetched
    )


def document_from(ref: SourceRef, fetched: Fetched) -> Document:
    """The Document a fetched page gives; InputError for a page that could not be had."""
    if fetched.problem is not None or fetched.http is None:
        raise InputError(ref.name, fetched.problem or "was not fetched")
    if fetched.http.answered_error:
        # The site's answer is the finding (rules/http.py); its error body is not read.
        return Document(ref=ref, text="", html="", format="html", http=fetched.http)
    data = fetched.data
    if not data.strip():
        raise InputError(ref.name, "is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(ref.name, "is a binary file, not a page")
    charset = header_charset(fetched.http.header("content-type"))
    text = without_lone_surrogates(decode(data, html=True, transport=charset))
    return Document(ref=ref, text=text, html=text, format="html", http=fetched.http)


def read_url(ref: SourceRef) -> Document:
    """The `url` Reader: what the run's fetcher already got (the ref's payload), else one
    fetch now (the Python API's single page)."""
    fetched = ref.payload if isinstance(ref.payload, Fetched) else None
    if fetched is None:
        from seo_audit.sources.http import Fetcher

        with Fetcher() as fetcher:
            fetched = fetcher.page(ref.location)
        ref = replace(ref, name=fetched.name)
    return document_from(ref, fetched)


@dataclass(frozen=True)
class WebFacts:
    """What the cross-page rules need of a fetched page beyond its HTML: where it was asked
    for and ended, the redirect hops, and whether the run's sitemap lists it and its crawl
    reached it (None: the run had no sitemap, or no crawl that covered the site)."""

    url: str
    final_url: str
    status: int
    redirects: tuple[tuple[int, str], ...]
    in_sitemap: bool | None
    linked: bool | None
    failures: tuple[tuple[str, int, str], ...] = ()


def web_facts(ref: SourceRef) -> WebFacts | None:
    """A fetched page's WebFacts (None for a file)."""
    fetched = ref.payload if isinstance(ref.payload, Fetched) else None
    if fetched is None or fetched.http is None:
        return None
    http = fetched.http
    return WebFacts(
        fetched.url,
        http.final_url,
        http.status,
        http.redirects,
        fetched.in_sitemap,
        fetched.linked,
        fetched.failures,
    )
