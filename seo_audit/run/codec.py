"""The journal's encoding: the values a page's audit is made of (`PageAudit`, its results and
findings, its SiteFacts, an input error) as plain JSON and back, never pickle.

`encode` tags what JSON cannot tell apart (tuples from lists, our dataclasses and enums,
paths, sets); `decode` builds only the types in `_TYPES` from plain values, so a journal
written by someone else can at worst hold wrong data, never run code. Also used for the
settings digest (`run.fingerprint`), where sets are sorted so the digest does not vary by run.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seo_audit.config import Config, Overrides, RuleSettings
from seo_audit.engine.index_facts import AuthorLink, Hreflang, IndexFacts
from seo_audit.engine.site import SiteFacts, SiteLink
from seo_audit.page.directives import Suppression
from seo_audit.results.model import InputFailure, ReportedFinding, RuleResult, Severity, Verdict
from seo_audit.run.audit import PageAudit
from seo_audit.sources.fetched import WebFacts

# Every type a journal body may hold: decoding builds these and nothing else.
_DATA: tuple[type, ...] = (PageAudit, InputFailure, RuleResult, ReportedFinding, SiteFacts)
_DATA += (SiteLink, Suppression, IndexFacts, Hreflang, AuthorLink, WebFacts)
_SETTINGS = (Config, RuleSettings, Overrides)  # digested, never decoded
_ENUMS = (Severity, Verdict)
_TYPES: dict[str, type] = {t.__name__: t for t in (*_DATA, *_ENUMS)}
_FIELDS: dict[type, tuple[str, ...]] = {
    t: tuple(f.name for f in dataclasses.fields(t)) for t in (*_DATA, *_SETTINGS)
}


_PLAIN = frozenset({type(None), bool, int, float, str})
_CLEAN: dict[RuleResult, dict[str, Any]] = {}  # encode's clean verdicts (never mutated)
_CLEAN_MAX = 4096


def encode(value: Any) -> Any:
    """A plain JSON value that `decode` turns back into an equal value: lists stay lists,
    tuples, mappings (string keys), enums, paths and the journal's dataclasses are tagged."""
    kind = type(value)
    if kind in _PLAIN:  # by exact type: Severity and Verdict are str enums, and stay them
        return value
    if kind is RuleResult and not value.findings:
        # A rule's clean verdict is the same on most pages: encoded once (by value).
        known = _CLEAN.get(value)
        if known is None:
            if len(_CLEAN) >= _CLEAN_MAX:
                _CLEAN.clear()
            known = _CLEAN[value] = _fields(value, kind)
        return known
    if kind in _FIELDS:  # the common case, written out (a page is ~1,000 values)
        return _fields(value, kind)
    if kind in _ENUMS:
        return {"@": kind.__name__, "v": value._value_}
    if isinstance(value, tuple):
        return {"@": "tuple", "v": [i if type(i) in _PLAIN else encode(i) for i in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, (dict, MappingProxyType)) and all(isinstance(k, str) for k in value):
        return {"@": "map", "v": {key: encode(item) for key, item in value.items()}}
    if isinstance(value, (frozenset, set)):  # sorted: a settings digest must not vary by run
        return {"@": "set", "v": sorted((encode(item) for item in value), key=json.dumps)}
    if isinstance(value, Path):
        return {"@": "path", "v": str(value)}
    raise TypeError(f"the journal cannot record a {kind.__name__}")


def _fields(value: Any, kind: type) -> dict[str, Any]:
    record = {"@": kind.__name__}
    for name in _FIELDS[kind]:
        item = getattr(value, name)
        record[name] = item if type(item) in _PLAIN else encode(item)
    return record


def decode(data: Any) -> Any:
    """The value `encode` recorded; a ValueError for anything that is not such a record."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    tag = data.get("@")
    if tag == "tuple":
        return tuple(decode(item) for item in data["v"])
    if tag == "map":
        return {key: decode(item) for key, item in data["v"].items()}
    if tag == "set":
        return frozenset(decode(item) for item in data["v"])
    if tag == "path":
        return Path(data["v"])
    kind = _TYPES.get(tag) if isinstance(tag, str) else None
    if kind is None:
        raise ValueError(f"not a journal value: {str(tag)[:40]!r}")
    if issubclass(kind, enum.Enum):
        return kind(data["v"])
    fields = _FIELDS[kind]
    return kind(**{k: decode(v) for k, v in data.items() if k != "@" and k in fields})


def schema() -> list[tuple[str, tuple[str, ...]]]:
    """The fields of every type a record holds: a record of another shape is another run's."""
    return sorted((kind.__name__, fields) for kind, fields in _FIELDS.items())
