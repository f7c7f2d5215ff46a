"""The pixel width of a title as a results page draws it: Arial, 20 px.

Advances and kerning come from seo_audit/data/title_metrics.json (made from Liberation Sans,
metric-compatible with Arial, by scripts/gen_title_metrics.py). White space runs count as one
space, as the browser lays them out; the total is rounded to whole pixels like offsetWidth.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

FONT_SIZE_PX = 20


@lru_cache(maxsize=1)
def _metrics() -> dict[str, Any]:
    text = files("seo_audit").joinpath("data/title_metrics.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def title_width_px(title: str, size_px: int = FONT_SIZE_PX) -> int:
    metrics = _metrics()
    advances: dict[str, int] = metrics["advances"]
    kerning: dict[str, int] = metrics["kerning"]
    default = metrics["default_advance"]
    units = 0
    previous = ""
    for char in " ".join(title.split()):
        units += advances.get(char, default)
        if previous:
            units += kerning.get(previous + char, 0)
        previous = char
    width: int = round(units * size_px / metrics["units_per_em"])
    return width


_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " / ", " « ", " » ")
_MAX_SITE_WORDS = 4


def without_site_name(title: str) -> tuple[str, str]:
    """Split "Headline | Site Name" into the SEO title and the site name.

    CMSs append the site name to every title; Yoast measures the SEO title without it (its
    separator and site-title variables are left out), and results pages often show the site
    name elsewhere. Only a short last part (up to four words) counts as a site name.
    """
    title = " ".join(title.split())
    cut = max((title.rfind(sep), sep) for sep in _SEPARATORS)
    position, separator = cut
    if position <= 0:
        return title, ""
    head, site = title[:position].strip(), title[position + len(separator) :].strip()
    if not head or not site or len(site.split()) > _MAX_SITE_WORDS:
        return title, ""
    return head, site
