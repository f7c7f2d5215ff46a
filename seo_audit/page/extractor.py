"""trafilatura's `extract`, imported without the ~50 ms of dependencies the audit never calls.

`import trafilatura` runs its package `__init__`, which loads the downloader (urllib3, certifi),
and its modules import courlan, htmldate, justext and charset_normalizer at the top. Given a
parsed tree with `fast=True` and no URL or metadata, `extract` calls none of them: they serve
downloads, URL cleaning, date finding, the justext rescue and byte decoding. A writer's cold
`check` of one page paid for them on every run (~49 ms CPU of ~300, `-X importtime`).

So `trafilatura.core` is imported without the package's `__init__` and with those libraries
deferred (seo_audit.imports): they load, for real, the first time trafilatura calls them. If
trafilatura's imports change so that this no longer fits, the ordinary import is used: slower,
never wrong. trafilatura's `xml` module imports importlib.metadata (~10 ms: email, zipfile,
csv, and a scan of every installed distribution) for one call, its version string (written
into TEI output, which the audit never asks for): that call is answered from the installed
metadata (seo_audit.imports.version_of), or by importlib.metadata when that is not certain.
tests/test_cold_start.py checks that a cold check leaves them unloaded and that
the text extracted is the ordinary import's.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from typing import Any

from seo_audit.imports import deferring, providing, real_module, submodule, version_of

# What trafilatura.core imports at the top but never calls on a tree with fast=True.
DEFERRED = ("courlan", "htmldate", "justext", "charset_normalizer", "urllib3")
# Optional extras trafilatura tries at import time; the audit wants none of their features from
# it (py3langid would load numpy: ~60 ms).
ABSENT = ("py3langid", "brotli", "zstandard", "cchardet", "faust_cchardet")


@cache
def extract_function() -> Callable[..., Any]:
    """trafilatura's `extract`, imported lean when it can be."""
    if "trafilatura" in sys.modules:
        return sys.modules["trafilatura"].extract  # type: ignore[no-any-return]
    try:
        with deferring(DEFERRED, ABSENT), providing("importlib.metadata", version=_version):
            core = submodule("trafilatura", "core")
    except Exception:  # trafilatura changed its imports: the ordinary import, slower
        import trafilatura

        return trafilatura.extract
    # What the package's __init__ (skipped here) does: its warnings ("discarding data: None"
    # on an empty body) are not printed on our stderr by logging's last-resort handler.
    import logging

    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    extract: Callable[..., Any] = core.extract
    return extract


def _version(distribution: str) -> str:
    """importlib.metadata.version, for the one call trafilatura.xml makes at import."""
    found = version_of(distribution)
    if found is None:
        found = real_module("importlib.metadata").version(distribution)
    return found
