"""Addresses on the page that cannot be parsed at all."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.text.urls import url_problem
from seo_audit.text.words import cut


def _addresses(page: Page) -> Iterator[tuple[str, str, int | None]]:
    """(what, address, line) for every address the page gives: links, canonical, images and
    embeds."""
    if page.canonical:
        yield "canonical URL", page.canonical, page.canonical_line
    for link in page.links:
        if link.href:
            yield "link", link.href, link.line
    for image in page.images:
        if image.src:
            yield "image", image.src, image.line
    for embed in page.embeds:
        if embed.src:
            yield "embed", embed.src, embed.line


# A guard, not a quality measure: weight 0 (as suppression-unknown-rule), so it moves no score
# on pages whose addresses all parse, while its error severity still fails the gate.
@rule("link-malformed", category="links", severity="error", weight=0)
def link_malformed(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """A link, canonical, image or embed address cannot be parsed as a URL.

    An unbalanced IPv6 bracket (`http://[2001:db8::1/x`), a bracketed host that is no IP
    address, a host with characters that normalise to `/`, `?`, `#`, `@` or `:`
    (`http://ex℀ample.com/`), or a port that is no number from 0 to 65535: browsers and
    crawlers reject such an address, so the link goes nowhere and the image never loads.
    The other link checks leave these addresses out.
    """
    addresses = list(_addresses(page))
    if not addresses:
        yield NotApplicable("the page has no addresses")
        return
    for what, address, line in addresses:
        problem = url_problem(address)
        if problem is not None:
            yield Finding(
                f"The {what} address {cut(address, 80)} cannot be parsed ({problem}); browsers "
                "ignore it. Fix the address.",
                line=line,
            )
