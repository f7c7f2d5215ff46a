"""Where the page is served from: its scheme (http or https), and what on or about the page
says so. One decision, for every rule that depends on it (mixed content, canonicals).

The evidence, strongest first: the URL the page was fetched from (after redirects: what the
browser loaded), then what the page says about itself (its canonical, its og:url, its
`<base href>`), then the site address the run was given (`--base-url`, config `site_url`).
The page's own statements come before the run's address because they name this page, while
`--base-url` is one address for a whole folder. Only an absolute http(s) URL with a host is
evidence; a relative or protocol-relative one says nothing about the scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from seo_audit.text.urls import split_url

if TYPE_CHECKING:
    from seo_audit.page.model import Page

Scheme = Literal["http", "https"]


@dataclass(frozen=True)
class PageAddress:
    """The page's scheme and the URL that says it (None and "" when nothing does). `source`
    names that evidence in a writer's words ("its canonical", "--base-url"); `line` is where it
    is on the page, if it is on the page."""

    scheme: Scheme | None
    url: str | None = None
    source: str = ""
    line: int | None = None


UNKNOWN = PageAddress(None)


def page_address(page: Page) -> PageAddress:
    """For `page.address`."""
    evidence: list[tuple[str | None, str, int | None]] = []
    if page.http is not None:
        evidence.append((page.http.final_url, "the address it was fetched from", None))
    evidence.append((page.canonical, "its canonical", page.canonical_line))
    og_url = page.meta("og:url")
    if og_url is not None:
        evidence.append((og_url.content, "its og:url", og_url.line))
    evidence.append((page.base_href, "its <base href>", None))
    evidence.append((page.site_url, "--base-url", None))
    for url, source, line in evidence:
        scheme = _scheme(url)
        if scheme is not None:
            return PageAddress(scheme, (url or "").strip(), source, line)
    return UNKNOWN


def _scheme(url: str | None) -> Scheme | None:
    parts = split_url((url or "").strip())
    if parts is None or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    return scheme if scheme in ("http", "https") else None  # type: ignore[return-value]
