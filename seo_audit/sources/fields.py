"""Front-matter keys to declared fields, with the names generators and SEO plugins use built
in, and the site's own keys first (config `fields`).

Keys are compared folded (lower case, no `_` or `-`), so `seoTitle`, `seo_title` and
`seo-title` are one key, as Hugo (which lower-cases keys) reads them; a dotted name is a key
inside a table (`seo.title`). The slug falls back to the file's name, as generators make it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

from seo_audit.errors import InputError
from seo_audit.sources.document import DECLARED_LINE, Declared
from seo_audit.sources.ref import SourceRef

__all__ = ["ALIASES", "FIELDS", "declared_fields"]

# Front matter is small: a declared list this long is an attack or an accident, not a draft.
MAX_LIST = 100

# Field -> keys, in the order they are tried. SEO fields first: `seoTitle` is the <title>,
# `title` the headline.
ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "title": ("seo.title", "seotitle", "metatitle", "title"),
        "heading": ("title",),
        "description": (
            "seo.description",
            "seodescription",
            "metadescription",
            "description",
            "summary",
            "excerpt",
        ),
        "keyphrase": (
            "seo.keyphrase",
            "seo.focuskeyphrase",
            "seo.focuskeyword",
            "keyphrase",
            "focuskeyphrase",
            "focuskeyword",
            "keyword",
            "keywords",  # its first entry; `tags` never: they label, they do not target
        ),
        "synonyms": ("synonyms", "keyphrasesynonyms"),
        "author": ("author", "authors", "byline"),
        "canonical": ("seo.canonical", "canonical", "canonicalurl"),
        "slug": ("slug", "url", "permalink"),
        "lang": ("lang", "language", "locale"),
        "draft": ("draft", "published"),
        "robots": ("seo.robots", "robots", "metarobots", "seo.noindex", "noindex"),
    }
)
FIELDS = frozenset(ALIASES)
# A date before a post's name: Jekyll's _posts/2024-07-01-name.md, Docusaurus's blog folders.
_DATE_PREFIX_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_INDEX_NAMES = frozenset({"index", "_index", "readme"})


def _fold(key: str) -> str:
    return re.sub(r"[_\-\s]", "", key.lower())


class _Keys:
    """Front-matter keys looked up folded, dotted names through tables."""

    def __init__(self, front_matter: Mapping[str, Any], lines: Mapping[str, int]) -> None:
        self.data = front_matter
        self.lines = {_fold(k): v for k, v in lines.items()}

    def get(self, dotted: str) -> tuple[Any, str] | None:
        value: Any = self.data
        for part in dotted.split("."):
            if not isinstance(value, Mapping):
                return None
            folded = _fold(part)
            found = next((k for k in value if _fold(str(k)) == folded), None)
            if found is None:
                return None
            value = value[found]
        return value, _fold(dotted)

    def line(self, folded: str) -> int:
        return self.lines.get(folded, DECLARED_LINE)


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, Mapping | tuple | bool):
        return None
    text = str(value).strip()
    return text or None


def _listed(path: str, key: str, values: tuple[str, ...]) -> tuple[str, ...]:
    if len(values) > MAX_LIST:
        raise InputError(
            path, f"front matter {key} lists {len(values)} entries; at most {MAX_LIST} are allowed"
        )
    return values


def _names(value: Any) -> tuple[str, ...]:
    """Authors as written: a name, a list of names, or entries with a `name`."""
    items = value if isinstance(value, tuple) else (value,)
    names = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("name") or item.get("title")
        if text := _str(item):
            names.append(text)
    return tuple(names)


def _first_keyword(value: Any) -> str | None:
    if isinstance(value, tuple):
        return next((text for item in value if (text := _str(item))), None)
    text = _str(value)
    return next((p.strip() for p in text.split(",") if p.strip()), None) if text else None


def _last_segment(value: str) -> str | None:
    """The slug a `url` or `permalink` gives: its last segment, unless that is a pattern
    (`/:year/:title/`) or a file name."""
    segments = [s for s in value.split("?", 1)[0].split("#", 1)[0].split("/") if s]
    if not segments or segments[-1].startswith(":") or "{" in segments[-1]:
        return None
    return segments[-1].removesuffix(".html") or None


def file_slug(location: str) -> str | None:
    """The slug a generator makes from the file: its name without a Jekyll date prefix, or,
    for a page bundle's index.md / _index.md, the folder's name."""
    path = PurePath(location)
    name = path.stem
    if name.lower() in _INDEX_NAMES:
        name = path.parent.name
    return _DATE_PREFIX_RE.sub("", name) or None


def _lookup(keys: _Keys, field: str, house: Mapping[str, str]) -> tuple[Any, str] | None:
    candidates: Sequence[str] = ALIASES[field]
    if field in house:
        candidates = (house[field], *candidates)
    for key in candidates:
        found = keys.get(key)
        if found is not None and found[0] is not None and found[0] != "":
            return found
    return None


def declared_fields(
    front_matter: Mapping[str, Any],
    key_lines: Mapping[str, int] | None = None,
    ref: SourceRef | None = None,
    path: str = "front matter",
) -> Declared:
    """The fields the page stage reads, from frozen front matter (lists are tuples), with the
    line of the key each came from."""
    keys = _Keys(front_matter, key_lines or {})
    house = dict(ref.reading.fields) if ref is not None else {}
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for name in FIELDS:
        found = _lookup(keys, name, house)
        if found is None:
            continue
        raw, key = found
        if name == "author":
            value: Any = _listed(path, "author", _names(raw))
        elif name == "keyphrase":
            value = _first_keyword(raw) if key == "keywords" else _str(raw)
        elif name == "synonyms":
            value = _listed(path, "synonyms", _synonyms(raw))
        elif name == "slug":
            text = _str(raw)
            value = _last_segment(text) if text and key in ("url", "permalink") else text
        elif name == "draft":
            value = raw is True if key == "draft" else raw is False
        elif name == "robots":
            value = _robots(raw, key)
        else:
            value = _str(raw)
        if value:
            values[name] = value
            lines[name] = keys.line(key)
    if "slug" not in values and ref is not None and ref.is_file:
        values["slug"] = file_slug(ref.location)
    values["disable"] = _listed(path, "seo-audit.disable", _disabled(front_matter))
    if values["disable"]:
        lines["disable"] = keys.line("seoaudit")
    if "author" in values:
        values["authors"] = values.pop("author")
    return Declared(**values, lines=MappingProxyType(lines))


def _robots(value: Any, key: str) -> str | None:
    """Robots directives as the generator would write them in <meta name="robots">."""
    if key.endswith("noindex"):  # `noindex: true` (Hugo, Jekyll and Astro SEO plugins)
        return "noindex" if value is True or str(value).strip().lower() == "true" else None
    if isinstance(value, Mapping):  # `robots: {index: false, follow: true}` (Next.js style)
        said = [(str(k).strip().lower(), v) for k, v in value.items() if isinstance(v, bool)]
        words = [(k if v else "no" + k) for k, v in said if k in ("index", "follow")]
        return ", ".join(words) or None
    if isinstance(value, tuple):
        return ", ".join(text for item in value if (text := _str(item))) or None
    return _str(value)


def _synonyms(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(s.strip() for s in value.split(",") if s.strip())
    if isinstance(value, tuple):
        return tuple(str(s).strip() for s in value if str(s).strip())
    return ()


def _disabled(front_matter: Mapping[str, Any]) -> tuple[str, ...]:
    settings = front_matter.get("seo-audit")
    if not isinstance(settings, Mapping):
        return ()
    off = settings.get("disable") or ()
    return tuple(str(i) for i in (off if isinstance(off, tuple) else [off]))
