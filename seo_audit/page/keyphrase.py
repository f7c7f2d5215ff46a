"""The focus keyphrase, chosen once: the command line, then what the draft or CMS declared,
then the config's keyword map (by the page's path, then by its canonical URL), then an
editor's leftover note in the text ("focus keyword : …")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from seo_audit.page.model import Block, FocusKeyphrase, KeyphraseSource
from seo_audit.sources.document import Declared
from seo_audit.text.notes import KEYPHRASE_NOTE_RE

# Where a declared keyphrase comes from (sources.Declared.keyphrase_source; None: a draft's
# front matter).
_DECLARED_SOURCES: dict[str | None, KeyphraseSource] = {
    "Yoast field": "Yoast field",
    "Rank Math field": "Rank Math field",
}


@dataclass(frozen=True)
class KeyphraseOptions:
    """What the run knows about the page's keyphrase before reading it."""

    flag: str | None = None  # --keyphrase
    synonyms: tuple[str, ...] = ()  # --synonyms
    keyword_map: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    map_key: str | None = None  # the page's path in the keyword map (None: not looked up)


def choose_keyphrase(
    options: KeyphraseOptions,
    declared: Declared,
    canonical: str | None,
    notes: Sequence[Block],
) -> FocusKeyphrase | None:
    if options.flag and options.flag.strip():
        return FocusKeyphrase(options.flag.strip(), "option")
    if declared.keyphrase:
        source = _DECLARED_SOURCES.get(declared.keyphrase_source, "front matter")
        return FocusKeyphrase(declared.keyphrase, source, declared.line_of("keyphrase"))
    mapped = _mapped(options, canonical)
    if mapped:
        return FocusKeyphrase(mapped, "config")
    for note in notes:
        match = KEYPHRASE_NOTE_RE.match(note.text)
        if match:
            return FocusKeyphrase(match.group("value"), "editor's note", note.line)
    return None


def _mapped(options: KeyphraseOptions, canonical: str | None) -> str | None:
    if options.map_key is None or not options.keyword_map:
        return None
    by_path = options.keyword_map.get(options.map_key, "").strip()
    if by_path:
        return by_path
    # The map may name the page by its canonical URL instead.
    return (options.keyword_map.get(canonical, "").strip() or None) if canonical else None
