"""Property-based fuzzing (hypothesis): hostile HTML, drafts with front matter, raw bytes and
file names through reading, the audit and every format (tests/fuzzing.py says what must hold).

This is the short profile every test run does (about a minute, the same examples each run).
The long campaign is `python benchmarks/fuzz.py --minutes 10`; `SEO_AUDIT_FUZZ_EXAMPLES=N`
sets the examples per property here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import PROPERTIES

EXAMPLES = int(os.environ.get("SEO_AUDIT_FUZZ_EXAMPLES", "60"))
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    database=None,
)


@pytest.mark.parametrize(
    ("prop", "strategies"), PROPERTIES, ids=lambda p: getattr(p, "__name__", "")
)
def test_fuzz(prop: Callable[..., None], strategies: Any) -> None:
    PROFILE(given(*strategies)(prop))()
