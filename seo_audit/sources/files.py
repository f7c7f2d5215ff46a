"""The file and stdin Readers: bytes, their encoding, their format."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from seo_audit.errors import InputError
from seo_audit.sources.document import Document, Format
from seo_audit.sources.encodings import bom_encoding, decode
from seo_audit.sources.ref import SourceRef, relative_path
from seo_audit.text.characters import without_lone_surrogates

__all__ = ["PAGE_SUFFIXES", "read_file", "read_stdin", "relative_path"]

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
PAGE_SUFFIXES = (*HTML_SUFFIXES, *MARKDOWN_SUFFIXES)  # what folders are searched for
MAX_BYTES = 20 * 1024 * 1024


def read_file(ref: SourceRef) -> Document:
    path = ref.location
    data = _read_regular_file(ref.name, path)
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        fmt: Format = "markdown"
    elif suffix in HTML_SUFFIXES:
        fmt = "html"
    else:
        fmt = "html" if _looks_like_html(data) else "markdown"
    return document_of(ref, data, fmt)


def _read_regular_file(name: str, path: str) -> bytes:
    """At most MAX_BYTES + 1 bytes of a regular file. Opened without blocking and checked
    before reading: a FIFO would wait for a writer forever, and /dev/zero never ends."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a page") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    # Checked before fdopen, which refuses a folder's descriptor with IsADirectoryError.
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise InputError(name, "is a folder, not a page")
        raise InputError(name, f"is {_special_kind(mode)}, not a page file (use - for stdin)")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            return handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputError(name, f"cannot be read ({error.strerror or error})") from None


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_stdin(ref: SourceRef) -> Document:
    if sys.stdin is None:
        raise InputError(ref.name, "standard input is closed")
    # Capped like a file: `seo-audit check - < /dev/zero` must not read forever.
    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError(ref.name, f"cannot be read ({error.strerror or error})") from None
    return document_of(ref, data, "html" if _looks_like_html(data) else "markdown")


def document_of(ref: SourceRef, data: bytes, fmt: Format) -> Document:
    """Check, decode and (for a draft) render the bytes of one page."""
    name = ref.name
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB; not a page")
    if not data.strip():
        raise InputError(name, "is empty")
    if b"\x00" in data[:4096] and bom_encoding(data) in (None, "utf-8-sig"):
        raise InputError(name, "is a binary file, not a page")
    # Decoders never yield lone surrogates; from_text's callers might (text.characters).
    text = without_lone_surrogates(decode(data, html=fmt == "html"))
    if fmt == "markdown":
        # Only drafts need front matter (YAML, TOML) and Markdown: a published page's audit
        # never loads them.
        from seo_audit.sources.markdown import draft_document

        return draft_document(ref, text)
    return Document(ref=ref, text=text, html=text, format="html")


def _looks_like_html(data: bytes) -> bool:
    bom = bom_encoding(data)
    if bom is not None:
        head = data[: 4 * 1024].decode(bom, errors="replace")
    else:
        head = data[:1024].decode("latin-1")
    return head.lstrip("\ufeff \t\r\n").startswith("<")
