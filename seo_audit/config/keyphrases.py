"""Keyword maps: page paths or URLs to focus keyphrases, from a CSV or TOML file."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seo_audit.config.model import ConfigError
from seo_audit.sources.encodings import wide_unicode

# A config file is small; anything bigger is not one (and would be read whole).
MAX_CONFIG_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    """A config or keyword-map file as text: UTF-8 (a UTF-8 BOM is fine), or one line naming
    the file and what is wrong."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError(path, "(file)", f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(path, "(file)", "is larger than 5 MiB; not a config file")
    wide = wide_unicode(data)
    if wide:
        raise ConfigError(path, "(file)", f"is {wide} text; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(
            path, "(file)", f"is not UTF-8 text (byte 0x{data[error.start]:02x} at {error.start})"
        ) from None


def read_toml(path: Path) -> dict[str, Any]:
    # Imported here, as csv is below: a run with no config file (--isolated, a folder without
    # one) needs neither (~3 ms of a cold check).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    text = read_text(path)
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, "(file)", f"is not valid TOML ({error})") from None
    except RecursionError:
        raise ConfigError(path, "(file)", "nests arrays or tables too deeply") from None
    except ValueError:  # an integer longer than int() reads
        raise ConfigError(
            path, "(file)", f"has a number with more than {sys.get_int_max_str_digits()} digits"
        ) from None
    return data


def load_keyphrases(config_path: Path, file: Path) -> Mapping[str, str]:
    """A keyword map: page path (relative to the config file) or URL → focus keyphrase.

    CSV: two columns, `path` (or `url`) and `keyphrase`, with a header row. TOML: `"path" = "…"`.
    """
    if not os.path.isfile(file):  # Path.is_file raises on a name too long
        raise ConfigError(config_path, "keyphrases", f"{file} does not exist")
    mapping: dict[str, str] = {}
    if file.suffix.lower() == ".toml":
        for key, value in read_toml(file).items():
            if not isinstance(value, str):
                raise ConfigError(file, key, "must map to a keyphrase string")
            mapping[_key(key)] = value
        return MappingProxyType(mapping)
    import csv

    text = read_text(file)
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ConfigError(file, "(file)", f"cannot be read as CSV ({error})") from None
    for number, row in enumerate(rows, start=2):
        page = (row.get("path") or row.get("url") or row.get("page") or "").strip()
        keyphrase = (row.get("keyphrase") or row.get("keyword") or "").strip()
        if not page or not keyphrase:
            raise ConfigError(file, f"row {number}", "needs a path (or url) and a keyphrase")
        mapping[_key(page)] = keyphrase
    return MappingProxyType(mapping)


def _key(page: str) -> str:
    return page if "://" in page else page.removeprefix("./")
