"""formats.json.dumps skips the unsafe-character rewrite when nothing outside printable ASCII is
unsafe: its output must stay exactly what the rewrite of the whole text gives."""

from __future__ import annotations

import json
import sys

import pytest

from seo_audit.formats.controls import UNSAFE
from seo_audit.formats.json import _escape, dumps


def _rewritten(value: object, indent: int | None) -> str:
    return UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False, indent=indent))


UNSAFE_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if UNSAFE.fullmatch(chr(c))]


def test_every_unsafe_character_is_escaped_as_before() -> None:
    assert len(UNSAFE_CHARACTERS) > 300  # C0, C1, bidi, tags, surrogates...
    for char in UNSAFE_CHARACTERS:
        # Among accented letters and typographic quotes, which are outside ASCII and safe.
        value = {"title": f"Caf\u00e9 \u201cnews\u201d{char}end", "n": [1, "\u00fcber"]}
        for indent in (None, 2):
            written = dumps(value, indent=indent)
            assert written == _rewritten(value, indent), repr(char)
            assert char not in written or char == "\n"
            assert json.loads(written) == value


@pytest.mark.parametrize("indent", [None, 2])
def test_safe_text_is_left_as_json_writes_it(indent: int | None) -> None:
    value = {"title": "Caf\u00e9 \u201cnews\u201d \u4e2d\u6587 \U0001f600", "lines": "a\nb\tc"}
    written = dumps(value, indent=indent)
    assert written == json.dumps(value, ensure_ascii=False, indent=indent)
    assert "\u00e9" in written and "\\n" in written
