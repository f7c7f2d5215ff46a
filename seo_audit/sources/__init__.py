"""Where pages come from: a SourceRef per page, a Reader per kind of source, and folder
discovery. A Reader turns a SourceRef into a Document (decoded, Markdown rendered, front matter
read); everything after this stage sees only Documents.

Readers are registered by kind; a new input (URLs, sitemaps, CMS exports) is one module that
adds itself to READERS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from seo_audit.errors import InputError
from seo_audit.sources.document import Declared, Document, Format, HttpFacts
from seo_audit.sources.files import PAGE_SUFFIXES, read_file, read_stdin
from seo_audit.sources.ref import STDIN, SourceRef, file_ref, ref_for, relative_path, stdin_ref

Reader = Callable[[SourceRef], Document]
# WARC archives are known by their names (sources/warc.py).
WARC_SUFFIXES = (".warc", ".warc.gz")


def _read_wxr(ref: SourceRef) -> Document:
    from seo_audit.sources.wxr import read_wxr  # lxml and the export reader, when one is read

    return read_wxr(ref)


def _read_warc(ref: SourceRef) -> Document:
    from seo_audit.sources.warc import read_warc  # warcio, when an archive is read

    return read_warc(ref)


def _read_url(ref: SourceRef) -> Document:
    from seo_audit.sources.fetched import read_url  # when a fetched page is read

    return read_url(ref)


def _read_fsspec(ref: SourceRef) -> Document:
    from seo_audit.sources.inventory import read_fsspec  # fsspec, when a bucket is read

    return read_fsspec(ref)


READERS: dict[str, Reader] = {
    "file": read_file,
    "stdin": read_stdin,
    "url": _read_url,
    "wxr": _read_wxr,
    "warc": _read_warc,
    "fsspec": _read_fsspec,
}


def expand(path: str, statuses: Sequence[str]) -> Iterator[SourceRef | InputError] | None:
    """The pages of a file that holds many (a WordPress export, a WARC archive), or None for
    a file that is one page. `statuses`: the export items' statuses to audit."""
    lowered = path.lower()
    if lowered.endswith(WARC_SUFFIXES):
        from seo_audit.sources import warc

        return warc.expand(path)
    if lowered.endswith(PAGE_SUFFIXES):
        return None  # a page, as its name says: nothing opened to ask
    from seo_audit.sources import wxr

    return wxr.expand(path, statuses) if wxr.is_export(path) else None


def from_text(text: str, name: str = "page.html", fmt: Format | None = None) -> Document:
    """A Document from text in memory (tests, the rule-testing harness, an editor's buffer):
    the format from `fmt`, else the name's suffix."""
    from pathlib import Path

    from seo_audit.sources.files import MARKDOWN_SUFFIXES, document_of
    from seo_audit.text.characters import without_lone_surrogates

    if fmt is None:
        fmt = "markdown" if Path(name).suffix.lower() in MARKDOWN_SUFFIXES else "html"
    ref = SourceRef("text", name, name, Path.cwd())
    # A str can hold what no file can: lone surrogates (a buffer cut inside an emoji).
    return document_of(ref, without_lone_surrogates(text).encode("utf-8"), fmt)


def read(ref: SourceRef) -> Document:
    reader = READERS.get(ref.kind)
    if reader is None:
        raise InputError(ref.name, f"no reader for {ref.kind} sources")
    return reader(ref)


__all__ = [
    "READERS",
    "STDIN",
    "Declared",
    "Document",
    "Format",
    "HttpFacts",
    "Reader",
    "SourceRef",
    "expand",
    "file_ref",
    "from_text",
    "read",
    "ref_for",
    "relative_path",
    "stdin_ref",
]
