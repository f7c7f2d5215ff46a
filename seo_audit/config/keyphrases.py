"""Keyword maps: page paths or URLs to focus keyphrases, from a CSV or TOML file."""

from __future__ import annotations

import csv
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seo_audit.config.model import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as error:
        raise ConfigError(path, "(file)", f"cannot be read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, "(file)", f"is not valid TOML ({error})") from None


def load_keyphrases(config_path: Path, file: Path) -> Mapping[str, str]:
    """A keyword map: page path (relative to the config file) or URL → focus keyphrase.

    CSV: two columns, `path` (or `url`) and `keyphrase`, with a header row. TOML: `"path" = "…"`.
    """
    if not file.is_file():
        raise ConfigError(config_path, "keyphrases", f"{file} does not exist")
    mapping: dict[str, str] = {}
    if file.suffix.lower() == ".toml":
        for key, value in read_toml(file).items():
            if not isinstance(value, str):
                raise ConfigError(file, key, "must map to a keyphrase string")
            mapping[_key(key)] = value
        return MappingProxyType(mapping)
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
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
