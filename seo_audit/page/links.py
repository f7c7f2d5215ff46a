"""Internal or outbound: Yoast's link classification (reference §4.11)."""

from __future__ import annotations

from typing import Literal

from seo_audit.page.model import Link, Page
from seo_audit.text.urls import host_of, split_url

LinkKind = Literal["internal", "external", "other"]


def site_host(page: Page) -> str:
    """The page's own host, from its canonical URL; empty when unknown (a draft)."""
    return host_of(page.canonical or "")


def kind(link: Link, host: str) -> LinkKind:
    href = link.href.strip()
    if href.startswith("#"):
        return "other"
    parts = split_url(href)
    if parts is None:
        return "other"  # a malformed address goes nowhere (link-malformed reports it)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return "other"  # mailto:, tel:, javascript:
    if not parts.netloc:
        return "internal"  # relative, root-relative, or no href at all
    return "internal" if host and host_of(href) == host else "external"


def is_nofollow(link: Link) -> bool:
    # Only "nofollow": Yoast does not count "sponsored" or "ugc" as nofollow.
    return "nofollow" in link.rel
