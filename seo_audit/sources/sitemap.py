"""Sitemaps (sitemaps.org): a `<urlset>` lists pages, a `<sitemapindex>` lists sitemaps. Either
may be gzipped (by name or by its magic bytes, whatever the server says), from a URL or a
file.

Parsed with lxml in a mode that cannot reach out: no DTD, no entities resolved, no network,
no huge trees (a billion-laughs sitemap is an error, not a hang). The protocol's caps are
ours: 50,000 URLs and 50 MiB uncompressed per file; an index is followed one level down, as
the protocol allows (an index listing indexes is reported, not followed forever).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from seo_audit.errors import InputError
from seo_audit.sources.untrusted_xml import untrusted_parser

__all__ = ["MAX_URLS", "Sitemap", "parse_sitemap", "sitemap_pages"]

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Sitemap:
    """One file's entries: page URLs (a urlset) or child sitemap URLs (an index)."""

    pages: tuple[str, ...] = ()
    children: tuple[str, ...] = ()


def _gunzipped(name: str, data: bytes) -> bytes:
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(name, f"is not a readable gzip file ({error})") from None
    if len(out) > MAX_BYTES:
        raise InputError(name, "is larger than 50 MiB uncompressed (the sitemap limit)")
    return out


def parse_sitemap(name: str, data: bytes) -> Sitemap:
    """The entries of one sitemap file; InputError naming `name` when it is not one."""
    from lxml import etree

    data = _gunzipped(name, data)
    if len(data) > MAX_BYTES:
        raise InputError(name, "is larger than 50 MiB (the sitemap limit)")
    parser = untrusted_parser(huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(name, f"is not a sitemap: not well-formed XML ({error.msg})") from None
    if root is None:
        raise InputError(name, "is not a sitemap: empty")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(name, f"is not a sitemap: its root is <{kind}>, not <urlset>")
    entry = "url" if kind == "urlset" else "sitemap"
    found: list[str] = []
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname != entry:
            continue
        loc = next(
            (c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == "loc"),
            None,
        )
        text = (loc.text or "").strip() if loc is not None else ""
        if text:
            found.append(text)
        if len(found) > MAX_URLS:
            raise InputError(name, f"lists more than {MAX_URLS:,} URLs (the sitemap limit)")
    if kind == "urlset":
        return Sitemap(pages=tuple(found))
    return Sitemap(children=tuple(found))


# Reads a sitemap by URL or path: its bytes, or InputError.
SitemapGetter = Callable[[str], bytes]


def sitemap_pages(location: str, get: SitemapGetter) -> Iterator[str | InputError]:
    """Every page URL a sitemap (or an index, one level down) lists, each once, in order;
    a child sitemap that cannot be read is an error entry and the others go on."""
    seen: set[str] = set()

    def new(pages: tuple[str, ...]) -> Iterator[str]:
        for page in pages:
            if page not in seen:
                seen.add(page)
                yield page

    top = parse_sitemap(location, get(location))
    yield from new(top.pages)
    for child in dict.fromkeys(top.children):
        try:
            sitemap = parse_sitemap(child, get(child))
        except InputError as error:
            yield error
            continue
        if sitemap.children:
            yield InputError(child, "is a sitemap index inside an index; not followed")
        yield from new(sitemap.pages)
