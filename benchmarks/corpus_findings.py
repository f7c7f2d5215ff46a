"""Findings per rule over the real corpus: how many, on how many pages, at which severity.

Each page is audited as `seo-audit check --isolated PAGE` would (no keyphrase, no cross-page
rules). Prints a markdown table of rule → findings; --save keeps the counts as JSON, and
--diff compares this run with a saved one (before → after, with the change), so a precision
change can be shown rule by rule.

    python benchmarks/corpus_findings.py [--corpus DIR] [--save before.json]
        [--diff before.json | --diff issue-13] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


# The corpus before issue 13 (commit c2401e7, 2026-12-01): `--diff issue-13` compares with it.
ISSUE_13_BEFORE: dict[str, dict[str, int]] = {
    "canonical-missing": {"findings": 7, "pages": 7, "warning": 7},
    "editorial-generic-author": {"findings": 1, "pages": 1, "warning": 1},
    "editorial-template-syntax": {"error": 1, "findings": 1, "pages": 1},
    "embed-iframe-title": {"findings": 4, "pages": 4, "warning": 4},
    "embed-lazy-loading": {"findings": 4, "info": 4, "pages": 4},
    "embed-video-schema": {"findings": 5, "info": 5, "pages": 5},
    "flesch-reading-ease": {"findings": 68, "info": 68, "pages": 68},
    "h1-multiple": {"findings": 47, "pages": 12, "warning": 47},
    "heading-skipped-level": {"findings": 13, "pages": 13, "warning": 13},
    "image-alt-missing": {"findings": 40, "pages": 11, "warning": 40},
    "images-missing": {"findings": 31, "info": 31, "pages": 31},
    "keyphrase-missing": {"findings": 91, "pages": 91, "warning": 91},
    "lang-missing": {"findings": 17, "pages": 17, "warning": 17},
    "link-text-generic": {"findings": 22, "pages": 15, "warning": 22},
    "links-internal-missing": {"findings": 32, "info": 32, "pages": 32},
    "links-outbound-missing": {"findings": 34, "info": 34, "pages": 34},
    "meta-description-length": {"findings": 49, "info": 49, "pages": 49},
    "meta-description-missing": {"findings": 16, "pages": 16, "warning": 16},
    "paragraph-length": {"findings": 11, "info": 11, "pages": 9},
    "passive-voice": {"findings": 366, "info": 366, "pages": 50},
    "sentence-beginnings": {"findings": 12, "info": 12, "pages": 9},
    "sentence-length": {"findings": 1192, "info": 1192, "pages": 72},
    "structured-data-invalid": {"error": 2, "findings": 2, "pages": 2},
    "subheading-distribution": {"findings": 63, "info": 63, "pages": 58},
    "text-length": {"findings": 19, "pages": 19, "warning": 19},
    "title-width": {"findings": 39, "pages": 39, "warning": 39},
    "transition-words": {"findings": 20, "info": 20, "pages": 20},
}


def count_findings(corpus: Path, show_errors: bool = False) -> dict[str, dict[str, Any]]:
    """rule id → {"findings": n, "pages": n, "error"/"warning"/"info": n}."""
    from seo_audit.run import AuditSettings, audit_one

    findings: Counter[str] = Counter()
    pages: Counter[str] = Counter()
    severities: dict[str, Counter[str]] = {}
    for path in sorted(corpus.glob("*.html")):
        _, report = audit_one(str(path), AuditSettings(isolated=True))
        for finding in report.findings:
            findings[finding.rule] += 1
            severities.setdefault(finding.rule, Counter())[finding.severity.value] += 1
            if show_errors and finding.severity.value == "error":
                print(f"{path.name}:{finding.line}: {finding.rule}: {finding.message}")
        pages.update({finding.rule for finding in report.findings})
    return {
        rule: {"findings": findings[rule], "pages": pages[rule], **severities[rule]}
        for rule in sorted(findings)
    }


def table(counts: dict[str, dict[str, Any]]) -> str:
    lines = ["| rule | findings | pages | errors |", "|---|---:|---:|---:|"]
    for rule, row in counts.items():
        lines.append(f"| {rule} | {row['findings']} | {row['pages']} | {row.get('error', 0)} |")
    total = sum(row["findings"] for row in counts.values())
    errors = sum(row.get("error", 0) for row in counts.values())
    lines.append(f"| **total** | {total} | | {errors} |")
    return "\n".join(lines)


def diff_table(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| rule | findings before | after | change | errors before | after |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for rule in sorted(set(before) | set(after)):
        old, new = before.get(rule, {}), after.get(rule, {})
        was, now = old.get("findings", 0), new.get("findings", 0)
        change = f"{now - was:+d}" if now != was else "0"
        lines.append(
            f"| {rule} | {was} | {now} | {change} | {old.get('error', 0)} | {new.get('error', 0)} |"
        )
    was = sum(row["findings"] for row in before.values())
    now = sum(row["findings"] for row in after.values())
    lines.append(f"| **total** | {was} | {now} | {now - was:+d} | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--save", type=Path, help="write this run's counts to this JSON file")
    parser.add_argument(
        "--diff", help="compare with counts saved by --save, or 'issue-13' (the counts before it)"
    )
    parser.add_argument("--errors", action="store_true", help="list every error finding")
    args = parser.parse_args()
    if not any(args.corpus.glob("*.html")):
        sys.exit(f"no pages in {args.corpus}")
    counts = count_findings(args.corpus, show_errors=args.errors)
    if args.save:
        args.save.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.diff:
        before = (
            ISSUE_13_BEFORE
            if args.diff == "issue-13"
            else json.loads(Path(args.diff).read_text(encoding="utf-8"))
        )
        print(diff_table(before, counts))
    else:
        print(table(counts))


if __name__ == "__main__":
    main()
