"""Wire the stages for a list of paths: load → parse → engine → report. No printing here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from seo_audit.engine import audit_page
from seo_audit.errors import InputError
from seo_audit.load import discover, read_source
from seo_audit.page import Page
from seo_audit.parse import build_page
from seo_audit.report import AuditReport, InputFailure
from seo_audit.rule import Rule


@dataclass(frozen=True)
class AuditSettings:
    keyphrase: str | None = None
    synonyms: tuple[str, ...] = ()
    rule_options: dict[str, dict[str, object]] = field(default_factory=dict)


def load_page(path: str, settings: AuditSettings) -> Page:
    source = read_source(path)
    try:
        return build_page(source, settings.keyphrase, settings.synonyms)
    except InputError:
        raise
    except Exception as error:  # a page that breaks our parser is one error entry, not a crash
        raise InputError(
            source.path, f"could not be analysed ({type(error).__name__}: {error}); please report"
        ) from None


def audit_paths(
    paths: Iterable[str], rules: Sequence[Rule], settings: AuditSettings
) -> AuditReport:
    report = AuditReport()
    for path in discover(list(paths)):
        try:
            page = load_page(path, settings)
        except InputError as error:
            report.errors.append(InputFailure(error.path, error.problem))
            continue
        report.pages.append(audit_page(page, rules, settings.rule_options))
    return report
