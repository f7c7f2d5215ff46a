"""Head fields: title, meta description, canonical, robots, language and slug, with the
fields a draft or a CMS declared winning over the HTML's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from seo_audit.page.html import LineOf, clean_text
from seo_audit.page.markers import Markers
from seo_audit.page.model import LinkTag, MetaTag
from seo_audit.sources.document import Declared
from seo_audit.text.urls import split_url


@dataclass(frozen=True)
class Head:
    title: str | None
    title_line: int | None
    meta_description: str | None
    meta_description_line: int | None
    canonical: str | None
    canonical_line: int | None
    robots: str | None
    lang: str | None
    slug: str | None
    meta_tags: tuple[MetaTag, ...] = ()
    link_tags: tuple[LinkTag, ...] = ()
    base_href: str | None = None


def read_head(root: Any, line_of: LineOf, declared: Declared, markers: Markers) -> Head:
    # Every <meta> and <link rel> is read once; the fields below are picked from them.
    meta_tags = _meta_tags(markers.tagged("meta"), line_of)
    link_tags = _link_tags(markers.tagged("link"), line_of)

    def meta(key: str) -> MetaTag | None:
        return next((tag for tag in meta_tags if tag.key == key), None)

    title_element = root.find(".//title")
    title = clean_text(title_element) if title_element is not None else None
    title_line = line_of(title_element) if title_element is not None else None
    description_tag = meta("description")
    description = description_tag.content if description_tag is not None else None
    description_line = description_tag.line if description_tag is not None else None
    canonical_tag = next((tag for tag in link_tags if "canonical" in tag.rel), None)
    canonical = canonical_tag.href if canonical_tag is not None else None
    canonical_line = canonical_tag.line if canonical_tag is not None else None
    robots_tag = meta("robots")
    robots = robots_tag.content if robots_tag is not None else None
    lang = root.get("lang") or root.get("xml:lang") or None
    if declared.title:
        title, title_line = declared.title, declared.line_of("title")
    if declared.description:
        description, description_line = declared.description, declared.line_of("description")
    if declared.canonical:
        canonical, canonical_line = declared.canonical, declared.line_of("canonical")
    lang = declared.lang or lang
    if declared.robots:
        robots = declared.robots
        tag = MetaTag("robots", declared.robots, declared.line_of("robots"), declared=True)
        meta_tags = (*meta_tags, tag)
    og_url_tag = meta("og:url")
    og_url = og_url_tag.content if og_url_tag is not None else None
    return Head(
        title=title or None,
        title_line=title_line,
        meta_description=description,
        meta_description_line=description_line,
        canonical=canonical,
        canonical_line=canonical_line,
        robots=robots,
        lang=lang.strip() if lang else None,
        slug=declared.slug or slug_from_url(canonical or og_url or ""),
        meta_tags=meta_tags,
        link_tags=link_tags,
        base_href=_base_href(markers.tagged("base")),
    )


def _meta_tags(elements: Sequence[Any], line_of: LineOf) -> tuple[MetaTag, ...]:
    tags = []
    for element in elements:
        # A tag may carry both: <meta name="twitter:title" property="og:title">; each
        # consumer reads its own attribute, so the tag stands under both keys.
        keys = (element.get("name"), element.get("property"), element.get("http-equiv"))
        content = (element.get("content") or "").strip()
        for key in dict.fromkeys(k.strip().lower() for k in keys if k and k.strip()):
            tags.append(MetaTag(key, content, line_of(element)))
    return tuple(tags)


def _link_tags(elements: Sequence[Any], line_of: LineOf) -> tuple[LinkTag, ...]:
    tags = []
    for element in elements:
        rel = tuple((element.get("rel") or "").lower().split())
        if rel:
            tags.append(
                LinkTag(
                    rel,
                    (element.get("href") or "").strip(),
                    line_of(element),
                    (element.get("hreflang") or "").strip() or None,
                    (element.get("type") or "").strip().lower() or None,
                )
            )
    return tuple(tags)


def _base_href(elements: Sequence[Any]) -> str | None:
    base = next((b for b in elements if b.get("href")), None)
    return (base.get("href") or "").strip() or None if base is not None else None


def slug_from_url(url: str) -> str | None:
    split = split_url(url) if url else None
    if split is None:
        return None
    parts = [p for p in PurePosixPath(split.path).parts if p not in {"/", ""}]
    if not parts:
        return None
    last = parts[-1]
    for suffix in (".html", ".htm", ".php", ".aspx"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return last or None


# RFC 8288 `Link: <url>; rel="alternate"; hreflang="de", <url2>; …`: a target in angle
# brackets, then parameters up to the next target.
_LINK_TARGET_RE = re.compile(r"<([^>]*)>((?:\s*;\s*[\w*-]+\s*(?:=\s*(?:\"[^\"]*\"|[^\s;,]*))?)*)")
_LINK_PARAM_RE = re.compile(r";\s*([\w*-]+)\s*(?:=\s*(?:\"([^\"]*)\"|([^\s;,]*)))?")


def header_link_tags(values: Sequence[str]) -> tuple[LinkTag, ...]:
    """The links an HTTP `Link` header declares, as LinkTags without a line (hreflang and
    canonical for PDFs and pages whose templates cannot change the head use it)."""
    found = []
    for value in values:
        for match in _LINK_TARGET_RE.finditer(value):
            params: dict[str, str] = {}
            for param in _LINK_PARAM_RE.finditer(match.group(2) or ""):
                params.setdefault(param.group(1).lower(), param.group(2) or param.group(3) or "")
            rel = tuple(params.get("rel", "").lower().split())
            if rel:
                found.append(
                    LinkTag(
                        rel,
                        match.group(1).strip(),
                        None,
                        hreflang=params.get("hreflang") or None,
                        type=params.get("type") or None,
                    )
                )
    return tuple(found)
