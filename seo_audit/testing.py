"""Rule tests as data, for builtin rules, plugins and house rules alike.

A case file is YAML: the rule it tests, optionally the folder of house rules it lives in, and
cases, each a page with the findings that must appear (exactly those, in order) or none:

    rule: house-title-clickbait
    rules-dir: ../house_rules          # relative to this file; omit for builtin/plugin rules
    cases:
      - name: a clickbait title
        body: <h1>You won't believe this</h1><p>Text.</p>   # wrapped in a page, from line 7
        title: You won't believe this      # or html: a whole page, or markdown: a draft
        findings:
          - {line: 4, contains: "what the article delivers", severity: warning}
      - name: a plain title
        body: <h1>Cold brew ratios</h1><p>Text.</p>
        findings: []

More keys: `keyphrase` (as --keyphrase), `head` (what goes into <head>), `options` and
`severity` (as `[tool.seo-audit.rules.<id>]` sets them, validated the same way), `verdict`
(good, ok, bad, not applicable), `base_url` (as --base-url) and `http` (the response a
fetched page came with: `url`, `status`, `headers` name -> value or list). A cross-page
rule's case has `pages` (name: html text, or body/title/head), optionally `base_url`, and
`findings` by page name. Every case runs through
the real selection path: config validation, options and severity, the page's suppression
comments. An unknown key is an error naming the file and the case, never a silently passing
case. Use it from pytest:

    from seo_audit.testing import load_cases, run_case

    @pytest.mark.parametrize("case", load_cases("tests/seo_cases"), ids=str)
    def test_rule_case(case, tmp_path):
        run_case(case, tmp_path)
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from seo_audit.config import build_config
from seo_audit.engine.registry import load_rules
from seo_audit.engine.selection import validate
from seo_audit.results.model import AuditReport, PageReport, ReportedFinding
from seo_audit.run import AuditSettings, run_batch
from seo_audit.run.audit import audit_loaded, page_of
from seo_audit.run.finalize import page_report
from seo_audit.sources import HttpFacts, from_text

__all__ = ["Case", "CaseError", "audit_case_page", "load_cases", "run_case", "wrap"]

FILE_KEYS = frozenset({"rule", "rules-dir", "cases"})
PAGE_CASE_KEYS = frozenset(
    {"name", "body", "html", "markdown", "title", "head", "keyphrase", "options", "severity"}
    | {"verdict", "findings", "http", "base_url"}
)
HTTP_KEYS = frozenset({"url", "status", "headers", "redirects", "found"})
SITE_CASE_KEYS = frozenset({"name", "pages", "base_url", "options", "severity", "findings"})
FINDING_KEYS = frozenset({"line", "contains", "severity"})
SITE_PAGE_KEYS = frozenset({"body", "title", "head", "web"})
# A cross-page case's page as fetched: its URL, redirect hops, and whether the run's sitemap
# lists it and its crawl reached it (sources.fetched.WebFacts).
WEB_KEYS = frozenset({"url", "redirects", "headers", "in_sitemap", "linked", "failures"})
VERDICTS = frozenset({"good", "ok", "bad", "not applicable"})

# Body snippets are wrapped in this document, so their first line is line 7.
WRAPPER_HEAD = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>{title}</title>\n{head}\n<body>\n'
BODY_FIRST_LINE = 7


def wrap(body: str, title: str = "A test page", head: str = "</head>") -> str:
    return WRAPPER_HEAD.format(title=title, head=head) + body + "\n</body>\n</html>\n"


class CaseError(ValueError):
    """A case file that does not fit the schema: named with the file, the case and the key."""


@dataclass(frozen=True)
class Case:
    file: Path
    rule: str
    name: str
    spec: Mapping[str, Any]
    rules_dirs: tuple[str, ...] = ()

    @property
    def is_site(self) -> bool:
        return "pages" in self.spec

    def __str__(self) -> str:
        return f"{self.file.stem}: {self.name}"


def load_cases(path: str | Path) -> list[Case]:
    """Every case in a case file, or in the *.yaml files of a folder, checked against the
    schema."""
    path = Path(path)
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return [case for file in files for case in _cases_in(file)]


def _cases_in(file: Path) -> list[Case]:
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise CaseError(f"{file}: must be a mapping with `rule` and `cases`")
    _known(file, "(file)", document, FILE_KEYS)
    rule = document.get("rule")
    cases = document.get("cases")
    if not isinstance(rule, str) or not isinstance(cases, list):
        raise CaseError(f"{file}: needs `rule` (a rule id) and `cases` (a list)")
    folders = document.get("rules-dir") or []
    folders = [folders] if isinstance(folders, str) else folders
    rules_dirs = tuple(str((file.parent / f).resolve()) for f in folders)
    found = []
    for index, spec in enumerate(cases, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise CaseError(f"{file}: case {index} needs a `name`")
        _check_case(file, spec)
        found.append(Case(file, rule, spec["name"], spec, rules_dirs))
    return found


def _known(file: Path, where: str, spec: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(spec) - allowed)
    if unknown:
        listed = ", ".join(sorted(allowed))
        raise CaseError(f"{file}: {where}: unknown key {unknown[0]!r} (known: {listed})")


def _check_case(file: Path, spec: Mapping[str, Any]) -> None:
    where = f"case {spec['name']!r}"
    site = "pages" in spec
    _known(file, where, spec, SITE_CASE_KEYS if site else PAGE_CASE_KEYS)
    if "findings" not in spec:
        raise CaseError(f"{file}: {where}: needs `findings` (a list, [] for none)")
    if site:
        findings = spec["findings"] or {}
        if not isinstance(findings, dict) or not isinstance(spec["pages"], dict):
            raise CaseError(f"{file}: {where}: `pages` and `findings` map page names")
        for name, page in spec["pages"].items():
            if isinstance(page, dict):
                _known(file, f"{where}, page {name!r}", page, SITE_PAGE_KEYS)
                if "web" in page:
                    _known(file, f"{where}, page {name!r}, web", page["web"] or {}, WEB_KEYS)
        groups = list(findings.values())
    else:
        sources = [k for k in ("body", "html", "markdown") if k in spec]
        if len(sources) != 1:
            raise CaseError(f"{file}: {where}: needs exactly one of body, html, markdown")
        if "http" in spec:
            if not isinstance(spec["http"], dict):
                raise CaseError(f"{file}: {where}: `http` maps url, status and headers")
            _known(file, f"{where}, http", spec["http"], HTTP_KEYS)
        if "verdict" in spec and spec["verdict"] not in VERDICTS:
            raise CaseError(f"{file}: {where}: verdict must be one of {sorted(VERDICTS)}")
        groups = [spec["findings"]]
    for group in groups:
        if not isinstance(group, list):
            raise CaseError(f"{file}: {where}: findings must be a list")
        for finding in group:
            if not isinstance(finding, dict):
                raise CaseError(f"{file}: {where}: each finding is a mapping (line, contains)")
            _known(file, f"{where}, finding", finding, FINDING_KEYS)


def _section(case: Case) -> dict[str, Any]:
    """The config a case stands for: its rule alone, with its options and severity."""
    settings = dict(case.spec.get("options") or {})
    if "severity" in case.spec:
        settings["severity"] = case.spec["severity"]
    section: dict[str, Any] = {"select": [case.rule]}
    if settings:
        section["rules"] = {case.rule: settings}
    if case.rules_dirs:
        section["rules-dir"] = list(case.rules_dirs)
    return section


def audit_case_page(case: Case) -> PageReport:
    """A page case's report, as `check` would make it under the case's config."""
    spec = case.spec
    config = build_config(case.file, _section(case))
    rules = load_rules(config.rules_dir)
    validate(config, rules)
    if case.rule not in rules.by_id:
        raise CaseError(f"{case.file}: no rule {case.rule!r} is loaded")
    if "markdown" in spec:
        document = from_text(spec["markdown"], "case.md", "markdown")
    else:
        html = spec.get("html") or wrap(
            spec["body"], title=spec.get("title", "A test page"), head=spec.get("head", "</head>")
        )
        document = from_text(html, "case.html", "html")
    if "http" in spec:
        document = replace(document, http=_http_facts(spec["http"]))
    settings = AuditSettings(keyphrase=spec.get("keyphrase"), base_url=spec.get("base_url"))
    page = page_of(document, config, settings)
    audit = audit_loaded(page, document.ref, config, rules)
    return page_report(document.ref, audit, config)


def _http_facts(spec: Mapping[str, Any]) -> HttpFacts:
    """A case's `http:` (url, status, headers: name -> value or list of values, redirects: a
    list of [status, Location] hops from `url`), as the URL reader would have recorded the
    response; the final URL is the last hop's."""
    url = str(spec.get("url", "https://example.com/case/"))
    headers = tuple(
        (str(name).lower(), str(value))
        for name, values in (spec.get("headers") or {}).items()
        for value in (values if isinstance(values, list) else [values])
    )
    hops = tuple((int(status), str(to)) for status, to in spec.get("redirects") or ())
    final = hops[-1][1] if hops else url
    found = str(spec.get("found", ""))  # where the run found the URL (error pages)
    return HttpFacts(url, final, int(spec.get("status", 200)), headers, hops, found)


def run_case(case: Case, folder: Path | None = None) -> None:
    """Run one case; an AssertionError says how the findings differ. Cross-page cases write
    their pages into `folder` (a temporary folder when not given)."""
    if case.is_site:
        if folder is None:
            with tempfile.TemporaryDirectory() as scratch:
                _run_site_case(case, Path(scratch))
        else:
            _run_site_case(case, folder)
        return
    report = audit_case_page(case)
    result = next(r for r in report.results if r.rule_id == case.rule)
    _expect(result.verdict.value != "internal error", f"{case}: {_shown(result.findings)}")
    if "verdict" in case.spec:
        _expect(
            result.verdict.value == case.spec["verdict"],
            f"{case}: verdict {result.verdict.value!r}, expected {case.spec['verdict']!r}; "
            f"findings {_shown(result.findings)}",
        )
    _compare(str(case), case.spec["findings"] or [], result.findings)


def _run_site_case(case: Case, folder: Path) -> None:
    for name, spec in case.spec["pages"].items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            text = spec
        else:
            text = wrap(
                spec.get("body", "<p>Text.</p>"),
                title=spec.get("title", "A test page"),
                head=spec.get("head", "</head>"),
            )
        path.write_text(text, encoding="utf-8")
    # The case's config as a file in the folder: found and validated as any user's is.
    _write_toml(folder / "seo-audit.toml", _section(case))
    settings = AuditSettings(base_url=case.spec.get("base_url"))
    web = {
        name: spec["web"]
        for name, spec in case.spec["pages"].items()
        if isinstance(spec, dict) and spec.get("web")
    }
    if web:
        report, names = _fetched_batch(folder, settings, web)
    else:
        report = run_batch([str(folder)], settings, jobs=1)
        names = {}
    _expect(not report.errors, f"{case}: {report.errors}")
    got = {
        names.get(page.path) or Path(page.path).relative_to(folder).as_posix(): next(
            (r.findings for r in page.results if r.rule_id == case.rule), ()
        )
        for page in report.pages
    }
    expected = case.spec["findings"] or {}
    for name in case.spec["pages"]:
        _compare(f"{case}, page {name}", expected.get(name) or [], got.get(name, ()))


def _fetched_batch(
    folder: Path, settings: AuditSettings, web: Mapping[str, Mapping[str, Any]]
) -> tuple[AuditReport, dict[str, str]]:
    """The folder's pages audited as if fetched: those with `web` carry the HTTP facts and
    sitemap/crawl membership a URL, sitemap or crawl run gives them (sources.fetched.Fetched).
    Returns the report and each fetched page's final URL -> its name in the case."""
    from seo_audit.run import build_plan, executor_for, finalize
    from seo_audit.sources.fetched import Fetched, fetched_ref

    plan = build_plan([str(folder)], settings)
    names: dict[str, str] = {}
    refs = []
    for ref in plan.sources:
        name = Path(ref.location).relative_to(folder).as_posix()
        spec = web.get(name)
        if spec is None:
            refs.append(ref)
            continue
        url = str(spec.get("url") or f"https://example.com/{name}")
        hops = tuple((int(s), str(to)) for s, to in spec.get("redirects") or ())
        final = hops[-1][1] if hops else url
        headers: tuple[tuple[str, str], ...] = (("content-type", "text/html; charset=utf-8"),)
        headers += tuple(  # the response's other headers, as in a page case's `http:`
            (str(key).lower(), str(value))
            for key, values in (spec.get("headers") or {}).items()
            for value in (values if isinstance(values, list) else [values])
        )
        http = HttpFacts(url, final, 200, headers, hops)
        data = Path(ref.location).read_bytes()
        # failures: pages of the run that answered errors, [URL, status, error line] each.
        failures = tuple((str(u), int(s), str(m)) for u, s, m in spec.get("failures") or ())
        fetched = Fetched(
            url, http, data, None, spec.get("in_sitemap"), spec.get("linked"), failures
        )
        refs.append(replace(fetched_ref(replace(ref, kind="url"), fetched), location=url))
        names[final] = name
    plan = replace(plan, sources=tuple(refs))
    return finalize(plan, executor_for(plan, 1).run(plan)), names


def _write_toml(file: Path, section: Mapping[str, Any]) -> None:
    import json

    lines = []
    for key in ("select", "rules-dir"):
        if key in section:
            lines.append(f"{key} = {json.dumps(section[key])}")
    for rule_id, settings in (section.get("rules") or {}).items():
        lines.append(f'[rules."{rule_id}"]')
        lines.extend(f"{option} = {json.dumps(value)}" for option, value in settings.items())
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _compare(
    where: str, expected: Sequence[Mapping[str, Any]], got: Sequence[ReportedFinding]
) -> None:
    _expect(
        len(got) == len(expected),
        f"{where}: expected {len(expected)} findings, got {len(got)}: {_shown(got)}",
    )
    for want, finding in zip(expected, got, strict=True):
        if "line" in want:
            _expect(finding.line == want["line"], f"{where}: line {finding.line}, expected {want}")
        if "contains" in want:
            _expect(
                str(want["contains"]).lower() in finding.message.lower(),
                f"{where}: {finding.message!r} does not contain {want['contains']!r}",
            )
        if "severity" in want:
            _expect(
                finding.severity.value == want["severity"],
                f"{where}: severity {finding.severity.value}, expected {want['severity']}",
            )


def _expect(condition: bool, message: str) -> None:
    # Not `assert`: the harness must fail under `python -O` too.
    if not condition:
        raise AssertionError(message)


def _shown(findings: Sequence[ReportedFinding]) -> list[tuple[int | None, str]]:
    return [(f.line, f.message) for f in findings]
