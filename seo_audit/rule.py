"""The public API for rule authors (house rules and plugins): `from seo_audit.rule import
Finding, NotApplicable, rule`. The machinery lives in `seo_audit.engine`; this name stays."""

from seo_audit.engine.rule import (
    CATEGORIES,
    Check,
    Finding,
    NotApplicable,
    Outcome,
    Rule,
    Severity,
    Verdict,
    rule,
    site_rule,
)

__all__ = [
    "CATEGORIES",
    "Check",
    "Finding",
    "NotApplicable",
    "Outcome",
    "Rule",
    "Severity",
    "Verdict",
    "rule",
    "site_rule",
]
