"""Images in the article: there are some, and they have alt text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.text.words import cut


@rule("images-missing", category="images", severity="info", weight=1)
def images_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The article has no images.

    Images break up text and show up in image search. Like Yoast, only `<img>` in the article
    counts: videos and embeds do not.
    """
    if not page.content:
        yield NotApplicable("the page has no article text")
        return
    if not any(image.in_content for image in page.images):
        yield Finding("The article has no images. Add at least one that shows what it is about.")


@rule("image-alt-missing", category="images", severity="warning", weight=1)
def image_alt_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """An image in the article has no `alt` attribute.

    Screen readers read the alt text instead of the image, and search engines use it to
    understand the picture. `alt=""` is fine for a purely decorative image: that is a choice,
    not an omission, so only a missing attribute is reported.
    """
    images = [image for image in page.images if image.in_content]
    if not images:
        yield NotApplicable("the article has no images")
        return
    for image in images:
        if image.alt is None:
            name = cut(image.src.rsplit("/", 1)[-1], 60) or "an image"
            yield Finding(
                f'The image {name} has no alt attribute. Describe what it shows (or set alt="" '
                "if it is decoration).",
                line=image.line,
            )
