"""Social cards: the Open Graph and X (Twitter) tags that a shared link's preview is built from.

Facebook, LinkedIn, Slack, Discord, iMessage and X read `og:title`, `og:description`,
`og:image` and `og:url`; X reads `twitter:card` for the card's layout and falls back to the
Open Graph tags for the rest. `og:url` against the canonical is canonical-og-url's. Drafts are
not checked: the site's template writes these tags.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import MetaTag, Page
from seo_audit.text.urls import split_url

_CARD_TAGS = ("og:title", "og:description", "og:image", "og:url", "og:type")
_IMAGE_TAGS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
_QUOTED = 80


def _present(page: Page, key: str) -> MetaTag | None:
    return next((tag for tag in page.meta_all(key) if tag.content), None)


@rule("social-card-missing", category="social", severity="info", weight=1)
def social_card_missing(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """Tags a shared link's preview needs are missing: `og:title`, `og:description`,
    `og:image`, `og:url`, `og:type`; `article:published_time` for an `og:type` of article;
    `twitter:card` where other `twitter:` tags are set. The publication time may be in the
    structured data's `datePublished` instead.

    Without them, apps guess a title, show no picture, or show a bare link. Advice: each
    app fills some gaps from the `<title>` and meta description.
    """
    if page.format == "markdown":
        yield NotApplicable("a draft's social tags come from the site's template")
        return
    missing = [key for key in _CARD_TAGS if _present(page, key) is None]
    og_type = _present(page, "og:type")
    if (
        og_type is not None
        and og_type.content.lower() == "article"
        and _present(page, "article:published_time") is None
        and not _dated_in_structured_data(page)
    ):
        missing.append("article:published_time")
    twitter = [tag for tag in page.meta_tags if tag.key.startswith("twitter:")]
    if twitter and _present(page, "twitter:card") is None:
        missing.append("twitter:card")
    if missing:
        names = ", ".join(missing)
        yield Finding(
            f"The page has no {names}. Shared links use these tags for their preview (title, "
            "text, picture and address).",
            line=page.title_line,
        )


def _dated_in_structured_data(page: Page) -> bool:
    """Apps that show an article's date read it from structured data when the tag is missing
    (Article data, or the WebPage item SEO plugins write)."""
    return any(item.data.get("datePublished") for item in page.items)


def _image_problem(url: str) -> str | None:
    split = split_url(url)
    if split is None:
        return "is not a web address"
    if not split.scheme or not split.hostname:
        return "is relative; apps fetch it without the page's address: write the full https URL"
    if split.scheme == "http":
        return "is http://; use the https address (apps may refuse insecure images)"
    if split.scheme != "https":
        return "is not a web address"
    if split.path.lower().endswith((".svg", ".svgz")):
        return "is an SVG, which no sharing app shows; use a PNG, JPEG or WebP"
    return None


@rule("social-card-invalid", category="social", severity="warning", weight=1)
def social_card_invalid(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """A social card tag is broken: `og:image` (or `twitter:image`) relative, on http:// or
    an SVG, or `og:url` relative.

    Sharing apps fetch the image from outside the page, so a relative address goes nowhere,
    and none of them renders SVG. Such a card shows no picture.
    """
    tags = [t for t in page.meta_tags if t.content and t.key in (*_IMAGE_TAGS, "og:url")]
    if not tags:
        yield NotApplicable("the page has no og:image, twitter:image or og:url")
        return
    for tag in tags:
        shown = tag.content if len(tag.content) <= _QUOTED else tag.content[: _QUOTED - 1] + "…"
        if tag.key in _IMAGE_TAGS:
            problem = _image_problem(tag.content)
        elif tag.key == "og:url":
            split = split_url(tag.content)
            relative = split is None or not split.scheme or not split.hostname
            problem = (
                "is not a full address; write it with https:// and the host" if relative else None
            )
        else:
            continue
        if problem is not None:
            yield Finding(f"{tag.key} “{shown}” {problem}.", line=tag.line)
