"""One XML parser setting for every file a user hands us (sitemaps, WordPress exports): they
are untrusted, so no entity is resolved (no billion laughs, no file read through an external
entity), no DTD is loaded and nothing is fetched from the network."""

from __future__ import annotations

from typing import Any


def untrusted_parser(**options: Any) -> Any:
    """An lxml XMLParser that never resolves entities, loads a DTD or uses the network;
    `options` add what the format needs (encoding, huge_tree, recover…)."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, **options
    )
