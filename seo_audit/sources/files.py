"""The file and stdin Readers: bytes, their encoding, their format."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from seo_audit.errors import InputError
from seo_audit.sources.document import Document, Format
from seo_audit.sources.markdown import draft_document
from seo_audit.sources.ref import SourceRef, relative_path

__all__ = ["PAGE_SUFFIXES", "read_file", "read_stdin", "relative_path"]

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PAGE_SUFFIXES = (*HTML_SUFFIXES, *MARKDOWN_SUFFIXES)  # what folders are searched for
MAX_BYTES = 20 * 1024 * 1024


def read_file(ref: SourceRef) -> Document:
    path = ref.location
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(ref.name, "no such file") from None
    except IsADirectoryError:
        raise InputError(ref.name, "is a folder, not a page") from None
    except OSError as error:
        raise InputError(ref.name, f"cannot be read ({error.strerror or error})") from None
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        fmt: Format = "markdown"
    elif suffix in HTML_SUFFIXES:
        fmt = "html"
    else:
        fmt = "html" if _looks_like_html(data) else "markdown"
    return document_of(ref, data, fmt)


def read_stdin(ref: SourceRef) -> Document:
    data = sys.stdin.buffer.read()
    return document_of(ref, data, "html" if _looks_like_html(data) else "markdown")


def document_of(ref: SourceRef, data: bytes, fmt: Format) -> Document:
    """Check, decode and (for a draft) render the bytes of one page."""
    name = ref.name
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB; not a page")
    if not data.strip():
        raise InputError(name, "is empty")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(name, "is a binary file, not a page")
    text = decode(data, fmt)
    if fmt == "markdown":
        return draft_document(ref, text)
    return Document(ref=ref, text=text, html=text, format="html")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<")


_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Pages that declare Latin-1 are decoded as Windows-1252, as browsers do (WHATWG encoding spec).
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def decode(data: bytes, fmt: Format) -> str:
    """BOM first, then the page's own declaration, then a detector: real pages lie."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = None
    if fmt == "html":
        match = _META_CHARSET_RE.search(data[:4096])
        if match:
            declared = _known_encoding(match.group(1).decode("ascii", "replace"))
    if declared is None or declared in {"utf-8", "cp1252"}:
        # UTF-8 that decodes cleanly is almost never anything else, whatever the page says.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def _known_encoding(label: str) -> str | None:
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return {"utf-8-sig": "utf-8", "iso8859-1": "cp1252"}.get(name, name)
