"""Will the title fit on a results page?"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.text.title_width import title_width_px, without_site_name


@rule("title-width", category="meta", severity="warning", weight=2, options={"max_px": 600})
def title_width(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The title is wider than a results page shows, in pixels.

    Results pages draw titles in Arial at 20 px and cut them after about 600 px (option
    `max_px`), not after a number of characters: "WWW" is far wider than "iii". The width is
    computed from Arial-compatible metrics with pair kerning, as Yoast measures it in the
    browser, and without a site name the CMS appends ("Headline | Site").
    """
    if not page.title:
        yield NotApplicable("the page has no title (see title-missing)")
        return
    seo_title, site = without_site_name(page.title)
    width, limit = title_width_px(seo_title), int(options["max_px"])
    if width > limit:
        what = f"The title (without the site name “{site}”)" if site else "The title"
        yield Finding(
            f"{what} is {width} px wide; results pages cut it after about {limit} px. "
            + (
                "Shorten it, keeping the keyphrase at the front."
                if page.keyphrase is not None
                else "Shorten it, keeping what the article is about at the front."
            ),
            line=page.title_line,
        )
