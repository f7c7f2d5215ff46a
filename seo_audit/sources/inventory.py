"""Inventories: the pages to audit as a list, for archives too big to walk.

`seo-audit check --inventory pages.txt` audits what the list names: a text file with one path
or URL a line (blank lines and `#` comments skipped), or a CSV file with a `path` or `url`
column. The planner reads the list and nothing else: it does not walk folders or stat the
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
from seo_audit.sources.ref import STDIN, SourceRef
from seo_audit.sources.warc import expand, is_archive

__all__ = ["inventory_refs"]

MAX_LIST_BYTES = 1024 * 1024 * 1024  # a list of ~10 million paths; more is not a list
_COLUMNS = ("path", "url")


def inventory_refs(listing: str) -> Iterator[SourceRef | InputError]:
    """One SourceRef per entry of the list, in its order, each once; an entry that cannot be
    audited (a URL without the web reader) and a list that cannot be read are InputErrors."""
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
