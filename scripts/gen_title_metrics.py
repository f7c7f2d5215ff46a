#!/usr/bin/env python3
"""Generate seo_audit/data/title_metrics.json: Arial-compatible glyph advances and pair kerning.

Google draws result titles (and Yoast measures the SEO title) in Arial at 20 px. Liberation Sans
is metric-compatible with Arial (same advance widths), and is free: its `hmtx` table gives each
character's advance and its `kern` table the pair adjustments, in font units.

Needs the Debian package fonts-liberation2 and the PyPI package fonttools (neither is needed
at run time; the JSON is committed).

    python3 scripts/gen_title_metrics.py [path/to/LiberationSans-Regular.ttf]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

DEFAULT_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
OUTPUT = Path(__file__).resolve().parents[1] / "seo_audit" / "data" / "title_metrics.json"
# Scripts a title is written in for the languages we support; anything else gets the font's
# default advance.
RANGES = [
    (0x20, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x214F),
]


def main() -> None:
    font = TTFont(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FONT)
    advances = font["hmtx"].metrics
    cmap = font.getBestCmap()
    widths: dict[str, int] = {}
    for low, high in RANGES:
        for code in range(low, high + 1):
            glyph = cmap.get(code)
            if glyph is not None:
                widths[chr(code)] = advances[glyph][0]
    glyph_chars: dict[str, list[str]] = {}
    for char in widths:
        glyph_chars.setdefault(cmap[ord(char)], []).append(char)
    kerning: dict[str, int] = {}
    if "kern" in font:
        for table in font["kern"].kernTables:
            for (left, right), value in table.kernTable.items():
                for a in glyph_chars.get(left, []):
                    for b in glyph_chars.get(right, []):
                        kerning[a + b] = value
    name = font["name"]
    document = {
        "font": f"{name.getDebugName(4)} {name.getDebugName(5)}",
        "units_per_em": font["head"].unitsPerEm,
        "default_advance": advances[".notdef"][0],
        "advances": widths,
        "kerning": kerning,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{OUTPUT}: {len(widths)} characters, {len(kerning)} kerning pairs")


if __name__ == "__main__":
    main()
