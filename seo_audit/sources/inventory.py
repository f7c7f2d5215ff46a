"""Inventories: the pages to audit as a list, for archives too big to walk.

`seo-audit check --inventory pages.txt` audits what the list names: a text file with one path
or URL a line (blank lines and `#` comments skipped), a CSV file with a `path` or `url`
column, or a Parquet file with one (pyarrow, an optional extra), or a glob on an fsspec
filesystem. The planner reads the list and nothing else: it does not walk folders or stat the
pages (each worker opens its own), so a list of a million paths plans in the time it takes
to read it. Relative paths are relative to the list's folder (the list travels with the
archive it describes); `--inventory -` reads the list from stdin, relative to the current
folder. URLs are fetched as `seo-audit check URL` would. Each entry is named as written.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from seo_audit.errors import InputError
from seo_audit.sources import WARC_SUFFIXES
from seo_audit.sources.document import Document
from seo_audit.sources.files import MARKDOWN_SUFFIXES, MAX_BYTES, PAGE_SUFFIXES, document_of
from seo_audit.sources.ref import STDIN, SourceRef
from seo_audit.sources.warc import expand, is_archive

__all__ = ["glob_refs", "inventory_refs", "read_fsspec"]

MAX_LIST_BYTES = 1024 * 1024 * 1024  # a list of ~10 million paths; more is not a list
_GLOB_CHARACTERS = "*?["
_COLUMNS = ("path", "url")


def inventory_refs(listing: str) -> Iterator[SourceRef | InputError]:
    """One SourceRef per entry of the list, in its order, each once; an entry that cannot be
    audited (a URL without the web reader) and a list that cannot be read are InputErrors.
    A `listing` with glob characters is a glob on an fsspec filesystem (`glob_refs`)."""
    if any(c in listing for c in _GLOB_CHARACTERS):
        yield from glob_refs(listing)
        return
    if listing.lower().endswith(".parquet"):
        folder = Path(os.path.dirname(os.path.abspath(listing)))
        yield from _refs(listing, _parquet_entries(listing), folder)
        return
    try:
        if listing == STDIN:
            text = sys.stdin.read(MAX_LIST_BYTES) if sys.stdin is not None else ""
            folder = Path(os.getcwd())
        else:
            with open(listing, encoding="utf-8-sig", errors="replace", newline="") as handle:
                text = handle.read(MAX_LIST_BYTES)
            folder = Path(os.path.dirname(os.path.abspath(listing)))
    except OSError as error:
        yield InputError(listing, f"cannot be read ({error.strerror or error})")
        return
    shown = "<stdin>" if listing == STDIN else listing
    if listing.lower().endswith(".csv") or _looks_like_csv(text):
        entries = _csv_entries(shown, text)
    else:
        entries = _text_entries(text)
    yield from _refs(shown, entries, folder)


def _refs(
    shown: str, entries: Iterable[tuple[int, str | InputError]], folder: Path
) -> Iterator[SourceRef | InputError]:
    seen: set[str] = set()
    for line, entry in entries:
        if isinstance(entry, InputError):
            yield entry
            return
        if entry in seen:
            continue
        seen.add(entry)
        if is_archive(entry):
            # A list of WARC files (a Common Crawl slice): each archive's records.
            yield from expand(os.path.normpath(os.path.join(folder, entry)))
        else:
            yield _ref(shown, line, entry, folder)


def _text_entries(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.splitlines(), 1):
        entry = raw.strip()
        if entry and not entry.startswith("#"):
            yield number, entry


def _parquet_entries(listing: str) -> Iterator[tuple[int, str | InputError]]:
    """The `path` (else `url`) column of a Parquet file, streamed a batch at a time (a
    Parquet inventory of a bucket: S3 Inventory and Athena write them). The "line" is the
    row number."""
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        yield 0, InputError(listing, "a Parquet inventory needs pyarrow (pip install pyarrow)")
        return
    try:
        table = parquet.ParquetFile(listing)
        names = {name.lower(): name for name in table.schema_arrow.names}
        column = next((names[c] for c in _COLUMNS if c in names), None)
        if column is None:
            yield (
                0,
                InputError(listing, "has no path or url column (a Parquet inventory needs one)"),
            )
            return
        row = 0
        for batch in table.iter_batches(columns=[column], batch_size=65536):
            for value in batch.column(0).to_pylist():
                row += 1
                entry = str(value).strip() if value is not None else ""
                if entry:
                    yield row, entry
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        yield 0, InputError(listing, f"is not a readable Parquet file ({_reason(error)})")


def _looks_like_csv(text: str) -> bool:
    """A first line that is a header naming a path or url column."""
    first = text.split("\n", 1)[0].strip().lower()
    return "," in first and any(c.strip().strip('"') in _COLUMNS for c in first.split(","))


def _csv_entries(name: str, text: str) -> Iterable[tuple[int, str | InputError]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    columns = [c.strip().lower() for c in header or ()]
    column = next((columns.index(c) for c in _COLUMNS if c in columns), None)
    if column is None:
        yield 1, InputError(name, "has no path or url column (a CSV inventory needs one)")
        return
    try:
        for row in reader:
            entry = row[column].strip() if len(row) > column else ""
            if entry:
                yield reader.line_num, entry
    except csv.Error as error:
        yield reader.line_num, InputError(f"{name}:{reader.line_num}", f"is not CSV ({error})")


def _ref(listing: str, line: int, entry: str, folder: Path) -> SourceRef | InputError:
    if entry[:8].lower().startswith(("http://", "https://")):
        try:
            from seo_audit.sources.http import url_ref
        except ImportError:
            return InputError(f"{listing}:{line}", f"{entry}: URLs need the web reader")
        return url_ref(entry, folder)
    # Joined and normalised as strings: no stat of the page, no symlink resolved.
    location = os.path.normpath(os.path.join(folder, os.path.expanduser(entry)))
    relative = os.path.relpath(location, folder)
    inside = not (relative == os.pardir or relative.startswith(os.pardir + os.sep))
    return SourceRef(
        "file",
        entry,
        location,
        Path(os.path.dirname(location)),
        site_root=folder,
        site_path=Path(relative).as_posix() if inside else None,
    )


def glob_refs(pattern: str) -> Iterator[SourceRef | InputError]:
    """The pages a glob names on an fsspec filesystem (`archive/**/*.html`,
    `s3://bucket/crawl/*.warc.gz` with s3fs, `gcs://…` with gcsfs), sorted: one listing by the
    planner (a bucket's LIST, not a stat per page), then each worker reads its own pages.
    Only names with a page or WARC suffix are kept (a glob also matches folders). Local files
    are read as files are; a local WARC is expanded into its records; remote files are read
    through fsspec (a remote WARC is not read yet)."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        yield InputError(
            pattern, "a glob needs fsspec (pip install fsspec; s3fs, gcsfs for buckets)"
        )
        return
    try:
        filesystem, path = url_to_fs(pattern)
        matches = sorted(filesystem.glob(path))
    except Exception as error:  # fsspec backends raise their own (ImportError for s3fs too)
        yield InputError(pattern, f"cannot be listed ({_reason(error)})")
        return
    protocols = (
        filesystem.protocol if isinstance(filesystem.protocol, tuple) else (filesystem.protocol,)
    )
    local = "file" in protocols or "local" in protocols
    # The folder the glob starts from: the pages' site, their paths below it.
    fixed = []
    for part in path.split("/"):
        if any(c in part for c in _GLOB_CHARACTERS):
            break
        fixed.append(part)
    root = "/".join(fixed)
    for match in matches:
        name = str(match)
        if not name.lower().endswith((*PAGE_SUFFIXES, *WARC_SUFFIXES)):
            continue
        relative = name[len(root) :].lstrip("/") if name.startswith(root) else None
        if local:
            if is_archive(name):
                yield from expand(name)
                continue
            yield SourceRef(
                "file", name, name, Path(os.path.dirname(name)), Path(root or "/"), relative
            )
        elif is_archive(name):
            yield InputError(filesystem.unstrip_protocol(name), "a remote WARC is not read yet")
        else:
            url = filesystem.unstrip_protocol(name)
            yield SourceRef(
                "fsspec",
                url,
                url,
                Path(os.getcwd()),
                Path(filesystem.unstrip_protocol(root)),
                relative,
            )


def read_fsspec(ref: SourceRef) -> Document:
    """The `fsspec` Reader: a page on a filesystem fsspec reaches (a bucket), read whole."""
    try:
        import fsspec

        with fsspec.open(ref.location, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except Exception as error:  # each backend raises its own
        raise InputError(ref.name, f"cannot be read ({_reason(error)})") from None
    markdown = ref.location.lower().endswith(MARKDOWN_SUFFIXES)
    return document_of(ref, data, "markdown" if markdown else "html")


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
