"""Baselines: record today's findings, then fail only on new ones.

A finding is matched by page, rule and a fingerprint of its message with the numbers masked
(counts and lengths drift as a page is edited), plus its rank among equal fingerprints on the
page, so it survives lines moving and figures changing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from seo_audit.engine.runner import verdict_of
from seo_audit.errors import UsageError
from seo_audit.results.model import AuditReport, PageReport, ReportedFinding
from seo_audit.sources.files import relative_path

VERSION = 1
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")


def _page_key(path: str, base: Path) -> str:
    return relative_path(path, base) or Path(path).as_posix()


def fingerprints(page: PageReport) -> list[tuple[ReportedFinding, str]]:
    seen: Counter[str] = Counter()
    pairs = []
    for finding in page.findings:
        masked = _NUMBER_RE.sub("#", finding.message)
        digest = hashlib.sha256(f"{finding.rule}\0{masked}".encode()).hexdigest()[:16]
        seen[digest] += 1
        pairs.append((finding, f"{digest}-{seen[digest]}"))
    return pairs


def write_baseline(report: AuditReport, file: Path) -> int:
    base = file.resolve().parent
    entries = [
        {"path": _page_key(page.path, base), "rule": finding.rule, "fingerprint": print_}
        for page in report.pages
        for finding, print_ in fingerprints(page)
    ]
    file.write_text(
        json.dumps({"version": VERSION, "findings": entries}, indent=1) + "\n", encoding="utf-8"
    )
    return len(entries)


def load_baseline(file: Path) -> set[tuple[str, str, str]]:
    try:
        data: Any = json.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"{file}: baseline cannot be read ({error.strerror or error})") from None
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{file}: baseline is not valid JSON ({error.msg}, line {error.lineno})"
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise UsageError(f"{file}: not a seo-audit baseline (version {VERSION})")
    try:
        return {(e["path"], e["rule"], e["fingerprint"]) for e in data["findings"]}
    except (KeyError, TypeError):
        raise UsageError(f"{file}: baseline entries need path, rule and fingerprint") from None


def apply_baseline(report: AuditReport, file: Path) -> None:
    known = load_baseline(file)
    base = file.resolve().parent
    for index, page in enumerate(report.pages):
        key = _page_key(page.path, base)
        old = {id(f) for f, p in fingerprints(page) if (key, f.rule, p) in known}
        if not old:
            continue
        results = tuple(
            replace(r, findings=kept, verdict=verdict_of(kept))
            if len(kept := tuple(f for f in r.findings if id(f) not in old)) != len(r.findings)
            else r
            for r in page.results
        )
        report.pages[index] = replace(page, results=results, baselined=len(old))
