"""`seo-audit check --fix` and `--diff`: the rules' safe fixes, written or shown (as ruff's).

Each file page of the plan is read and audited as the run would, the fixes its rules offer
for its findings (suppressed findings get none) are applied by the engine (engine/fixes.py),
and the new text is written back in the file's own encoding, byte order mark and line endings
(edits insert the file's line ending; nothing else in the file changes). A file whose text
would not encode back to the same bytes is left alone and named. `--fix` then lets the normal
audit report what is left; `--diff` prints a unified diff and writes nothing.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from seo_audit.cli.output import say
from seo_audit.errors import InputError
from seo_audit.formats.controls import visible
from seo_audit.results.counts import plural

if TYPE_CHECKING:
    from seo_audit.run import Plan
    from seo_audit.sources import SourceRef


@dataclass
class FixRun:
    files: int = 0  # files changed (or that would be)
    fixes: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)

    def summary(self, written: bool) -> str:
        rules = ", ".join(f"{rule} {count}" for rule, count in sorted(self.by_rule.items()))
        verb = "fixed" if written else "would fix"
        where = plural(self.files, "file")
        return f"{verb} {plural(self.fixes, 'finding')} in {where}" + (
            f" ({rules})" if rules else ""
        )


def fix_plan(plan: Plan, write: bool, diff_stream: TextIO | None = None) -> FixRun:
    """Fix (or, with `diff_stream`, show the fixes of) every file page of the plan."""
    run = FixRun()
    for ref in plan.sources:
        if not ref.is_file:
            continue
        try:
            fixed = _fixed_text(plan, ref)
        except InputError:
            continue  # the audit that follows names it
        if fixed is None:
            continue
        before, after, counts = fixed
        data = Path(ref.location).read_bytes()
        encoding = _encoding_of(data, before)
        if encoding is None:
            say(f"{ref.name}: not fixed: its text does not decode back to its bytes")
            continue
        try:
            new_data = after.encode(encoding)
        except UnicodeEncodeError:
            say(f"{ref.name}: not fixed: the fix adds characters {encoding} cannot hold")
            continue
        run.files += 1
        for rule, count in counts.items():
            run.fixes += count
            run.by_rule[rule] = run.by_rule.get(rule, 0) + count
        if diff_stream is not None:
            _write_diff(diff_stream, ref.name, before, after)
        if write:
            _replace_bytes(Path(ref.location), new_data)
    return run


def _fixed_text(plan: Plan, ref: SourceRef) -> tuple[str, str, dict[str, int]] | None:
    from seo_audit.engine.fixes import apply_edits, fix_summary, fixes_for
    from seo_audit.engine.runner import run_page_rules
    from seo_audit.engine.selection import rule_states
    from seo_audit.run.audit import load_page

    config = plan.config_for(ref)
    rules = plan.rules_for(config)
    enabled = [s.rule for s in rule_states(rules, config, ref.location) if s.enabled]
    page = load_page(plan, ref)
    results, _ = run_page_rules(page, enabled, sorted(rules.names))
    found = fixes_for(page, {rule.id: rule for rule in enabled}, results)
    if not found:
        return None
    after, _ = apply_edits(page.source, (edit for item in found for edit in item.fix.edits))
    if after == page.source:
        return None
    return page.source, after, fix_summary(found)


def _encoding_of(data: bytes, text: str) -> str | None:
    """The encoding that reads `data` as exactly `text` (BOM included), to write it back so."""
    from seo_audit.sources.encodings import bom_encoding, declared_encoding

    candidates = [bom_encoding(data), "utf-8", declared_encoding(data), "cp1252", "latin-1"]
    for encoding in candidates:
        if not encoding:
            continue
        try:
            decoded = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            decoded_with_bom = "\ufeff" + decoded
            if decoded_with_bom == text:
                return "utf-8"  # the text keeps the mark: write it back as text
        if decoded == text:
            return encoding
    return None


def _write_diff(stream: TextIO, name: str, before: str, after: str) -> None:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}",
        tofile=f"b/{name.lstrip('/')}",
    )
    for line in lines:
        # Page text is untrusted: no escape sequence of it reaches the terminal.
        shown = visible(line, keep="\n\r\t")
        stream.write(shown if shown.endswith("\n") else shown + "\n\\ No newline at end of file\n")


def _replace_bytes(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, keeping the file's mode (a symlink's
    target is replaced, not the link)."""
    final = target.resolve()
    mode = final.stat().st_mode
    descriptor, temporary = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
