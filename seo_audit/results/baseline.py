"""Baselines: record today's findings, then fail only on new ones.

A baselined finding is accepted for now, not gone: it stays in the report (flagged
`baselined`), its rule's verdict and the page score still count it (the score describes the
page, whatever file is passed), and only the gate and the CI annotation formats leave it out.

A finding is matched by page, rule and a fingerprint of its message with the numbers masked
(counts and lengths drift as a page is edited), plus its rank among equal fingerprints on the
page, so it survives lines moving and figures changing.

What the baseline recorded on a page of the run that the page no longer has is *fixed*: the
report lists it, so a team can shrink the file (`--write-baseline` refreshes it). Pages the run
did not audit (a CI job that checks only the changed pages), and rules that did not judge the
page this time (left out, not applicable, crashed, cross-page rules on a single page), say
nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from seo_audit.errors import UsageError
from seo_audit.results.model import (
    AuditReport,
    FixedFinding,
    PageReport,
    ReportedFinding,
)
from seo_audit.sources.encodings import wide_unicode
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
        # surrogatepass: a message quoting a file name that is not UTF-8 still has a digest.
        key = f"{finding.rule}\0{masked}".encode("utf-8", "surrogatepass")
        digest = _sha256(key)[:16]
        seen[digest] += 1
        pairs.append((finding, f"{digest}-{seen[digest]}"))
    return pairs


def baseline_text(report: AuditReport, file: Path) -> tuple[str, int]:
    """What a baseline file at `file` records of the report (its pages relative to the file's
    folder), and how many findings; the command line writes it."""
    base = file.resolve().parent
    entries = [
        {"path": _page_key(page.path, base), "rule": finding.rule, "fingerprint": print_}
        for page in report.pages
        for finding, print_ in fingerprints(page)
    ]
    return json.dumps({"version": VERSION, "findings": entries}, indent=1) + "\n", len(entries)


@dataclass(frozen=True)
class Baseline:
    """The findings a baseline file recorded, keyed by page (relative to the file's folder)."""

    base: Path
    known: frozenset[tuple[str, str, str]]

    def mark(self, page: PageReport) -> PageReport:
        """The page with its recorded findings flagged `baselined`."""
        key = _page_key(page.path, self.base)
        old = {id(f) for f, p in fingerprints(page) if (key, f.rule, p) in self.known}
        if not old:
            return page
        results = tuple(
            replace(r, findings=tuple(replace(f, baselined=id(f) in old) for f in r.findings))
            if any(id(f) in old for f in r.findings)
            else r
            for r in page.results
        )
        return replace(page, results=results, baselined=len(old))

    def fixed(self, pages: Sequence[PageReport]) -> tuple[FixedFinding, ...]:
        """The recorded findings of these pages that they no longer have, in page order."""
        by_page: dict[str, list[tuple[str, str]]] = {}
        for path, rule, print_ in sorted(self.known):
            by_page.setdefault(path, []).append((rule, print_))
        gone = []
        for page in pages:
            recorded = by_page.get(_page_key(page.path, self.base), [])
            if recorded:
                now = {(f.rule, p) for f, p in fingerprints(page)}
                # Only a rule that judged the page this time can say a finding is gone: not
                # one left out (--select), skipped (no keyphrase), crashed, or a cross-page rule
                # on a single page.
                ran = {r.rule_id for r in page.results if r.verdict.points is not None}
                gone += [
                    FixedFinding(page.path, rule, page.kind)
                    for rule, print_ in recorded
                    if rule in ran and (rule, print_) not in now
                ]
        return tuple(gone)


def load_baseline(file: Path) -> Baseline:
    data = _json_of(file)
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise UsageError(f"{file}: not a seo-audit baseline (version {VERSION})")
    try:
        known = frozenset((e["path"], e["rule"], e["fingerprint"]) for e in data["findings"])
    except (KeyError, TypeError):
        raise UsageError(f"{file}: baseline entries need path, rule and fingerprint") from None
    return Baseline(file.resolve().parent, known)


def _json_of(file: Path) -> Any:
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise UsageError(f"{file}: baseline cannot be read ({error.strerror or error})") from None
    # Windows PowerShell's `>` writes UTF-16; a BOM or NUL bytes near the start tell.
    wide = wide_unicode(raw)
    if wide or b"\0" in raw[:64]:
        what = f"{wide} text" if wide else "NUL bytes (UTF-16 text?)"
        raise UsageError(
            f"{file}: baseline has {what}, not UTF-8 JSON (write it again with --write-baseline)"
        )
    try:
        return json.loads(raw.decode("utf-8-sig"))  # a UTF-8 BOM (Notepad) is fine
    except UnicodeDecodeError as error:
        raise UsageError(
            f"{file}: baseline is not UTF-8 text (byte {error.start + 1} is not UTF-8)"
        ) from None
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{file}: baseline is not valid JSON ({error.msg}, line {error.lineno})"
        ) from None
    except RecursionError:
        raise UsageError(f"{file}: not a seo-audit baseline (JSON nested too deeply)") from None
    except ValueError as error:  # a number past Python's limit of 4300 digits
        raise UsageError(f"{file}: baseline is not valid JSON ({error})") from None


def _sha256(data: bytes) -> str:
    import hashlib  # only runs that use a baseline need it

    return hashlib.sha256(data).hexdigest()
