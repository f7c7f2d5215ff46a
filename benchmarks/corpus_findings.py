"""Findings per rule over the real corpus: how many, on how many pages, at which severity.

Each page is audited as `seo-audit check --isolated PAGE` would (no keyphrase, no cross-page
rules). Prints a markdown table of rule → findings; --save keeps the counts as JSON, and
--diff compares this run with a saved one (before → after, with the change), so a precision
change can be shown rule by rule.

    python benchmarks/corpus_findings.py [--corpus DIR] [--save before.json] [--diff before.json]
        [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


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
    parser.add_argument("--diff", type=Path, help="compare with counts saved by --save")
    parser.add_argument("--errors", action="store_true", help="list every error finding")
    args = parser.parse_args()
    if not any(args.corpus.glob("*.html")):
        sys.exit(f"no pages in {args.corpus}")
    counts = count_findings(args.corpus, show_errors=args.errors)
    if args.save:
        args.save.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.diff:
        before = json.loads(args.diff.read_text(encoding="utf-8"))
        print(diff_table(before, counts))
    else:
        print(table(counts))


if __name__ == "__main__":
    main()
