"""`--format html`: one self-contained HTML report (no network, no external assets).

One page gives a page report: the score and gate, then its findings by severity, errors first,
listed open. Several give a site report: the gate and site score, the failing pages first (each
a link to its findings, which start open), score histogram, worst pages (linked too), a sortable
and filterable table of pages in which failing rows stand out, and each page's findings.
Page text is untrusted: the table and findings are rendered from a JSON island whose `<` are
escaped, and the script puts text into the page with `textContent` only, never as HTML. Text
the report shows has its control, bidi and invisible format characters made visible (`\\u202e`),
so a title cannot show its words in another order than they are read.
"""

from __future__ import annotations

import html
from typing import Any, TextIO

from seo_audit import __version__
from seo_audit.formats import ReportOptions, display_path, shown, shown_findings
from seo_audit.formats.controls import visible
from seo_audit.formats.json import dumps
from seo_audit.results.categories import sort_key
from seo_audit.results.gate import run_verdict
from seo_audit.results.model import AuditReport, Severity
from seo_audit.results.summary import summarize

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d2430}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d8dde6;border-radius:8px;
padding:.6rem 1rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
.hist{display:grid;grid-template-columns:5rem 1fr 3rem;gap:.2rem .6rem;max-width:40rem}
.bar{background:#4c7dd9;height:1rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin-top:.5rem}th,td{text-align:left;
padding:.35rem .5rem;border-bottom:1px solid #e4e7ed;vertical-align:top}
th{background:#f5f7fa}#pages th{cursor:pointer;user-select:none}
#pages th:after{content:" ↕";color:#99a}td.path{word-break:break-all}
.good{color:#1b7a3a}.ok{color:#a66b00}.bad{color:#b3261e}
.error{color:#b3261e;font-weight:600}.warning{color:#a66b00}.info{color:#2a6fb0}
details{margin:.3rem 0}summary{cursor:pointer}input{padding:.35rem;width:20rem}
.muted{color:#667}
tr.fail td{background:#fdecea}tr.fail td:first-child{border-left:4px solid #b3261e}
.verdict{font-size:1.1rem;font-weight:600}.verdict.bad{color:#b3261e}.verdict.good{color:#1b7a3a}
ol.findings li{margin:.35rem 0}ol.findings .message{display:block;margin-left:1rem}
"""

# No network at all: the report works offline and cannot leak what it shows.
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
)

SCRIPT = """
const data = JSON.parse(document.getElementById('report-data').textContent);
const body = document.querySelector('#pages tbody');
const filter = document.getElementById('filter');
let sortKey = 'score', ascending = true;
function cls(score){return score===null?'':score>=80?'good':score>=50?'ok':'bad';}
function cell(row, text, className){const td=document.createElement('td');
  td.textContent = text===null||text===undefined ? '' : String(text);
  if(className) td.className = className; row.appendChild(td); return td;}
function render(){
  const needle = filter.value.trim().toLowerCase();
  const rows = data.pages.filter(p => !needle || [p.path, p.title||'', p.keyphrase||'',
    ...p.findings.map(f => f.rule)].join(' ').toLowerCase().includes(needle));
  rows.sort((a, b) => {const x=a[sortKey], y=b[sortKey];
    const r = (x===null)-(y===null) || (x<y?-1:x>y?1:0); return ascending ? r : -r;});
  body.replaceChildren();
  for (const p of rows){
    const tr = document.createElement('tr');
    if (p.gate === 'fail') tr.className = 'fail';
    cell(tr, p.score, cls(p.score)); cell(tr, p.gate);
    const link = document.createElement('a'); link.href = '#page-' + p.index;
    link.textContent = p.path; const td = document.createElement('td'); td.appendChild(link);
    td.className = 'path';
    tr.appendChild(td);
    cell(tr, p.title); cell(tr, p.keyphrase); cell(tr, p.errors, p.errors ? 'error' : '');
    cell(tr, p.warnings, p.warnings ? 'warning' : ''); cell(tr, p.infos);
    body.appendChild(tr);
  }
  document.getElementById('shown').textContent = rows.length + ' of ' + data.pages.length;
}
document.querySelectorAll('#pages th').forEach(th => th.addEventListener('click', () => {
  const key = th.dataset.key; ascending = sortKey === key ? !ascending : true; sortKey = key;
  render();}));
filter.addEventListener('input', render);
// A link can carry a filter: report.html#filter=faq-off-topic
if (location.hash.startsWith('#filter=')) {
  filter.value = decodeURIComponent(location.hash.slice('#filter='.length));
}
const details = document.getElementById('details');
for (const p of data.pages){
  if (!p.findings.length && p.gate !== 'fail') continue;
  const box = document.createElement('details'); box.id = 'page-' + p.index;
  box.open = p.gate === 'fail';
  const summary = document.createElement('summary');
  summary.textContent = p.path + ' — score ' + p.score + ', ' + p.findings.length + ' findings' +
    (p.gate === 'fail' ? ' — FAILED: ' + p.reason : '');
  box.appendChild(summary); const list = document.createElement('ul');
  for (const f of p.findings){
    const li = document.createElement('li'); const sev = document.createElement('span');
    sev.className = f.severity; sev.textContent = f.severity + ' ';
    const rule = document.createElement('code'); rule.textContent = f.rule;
    li.append(sev, rule, document.createTextNode((f.line ? ' (line ' + f.line + ')' : '') +
      ': ' + f.message));
    list.appendChild(li);
  }
  box.appendChild(list); details.appendChild(box);
}
render();
"""


def _shown(text: str | None) -> str | None:
    return None if text is None else visible(text)


def escape(text: str) -> str:
    """Page text as HTML text or an attribute value."""
    return html.escape(visible(text))


def _data(report: AuditReport, options: ReportOptions) -> dict[str, Any]:
    pages = []
    for index, page in enumerate(report.pages):
        findings = shown_findings(page, options)
        counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
        pages.append(
            {
                "index": index,
                "path": visible(shown(page)),
                "score": page.score,
                "gate": "pass" if page.gate.passed else "fail",
                "reason": visible(page.gate.reason or ""),
                "title": _shown(page.title),
                "keyphrase": _shown(page.keyphrase),
                "errors": counts["error"],
                "warnings": counts["warning"],
                "infos": counts["info"],
                "findings": [{**f.as_dict(), "message": visible(f.message)} for f in findings],
            }
        )
    return {"pages": pages}


def write(report: AuditReport, stream: TextIO, options: ReportOptions) -> None:
    if len(report.pages) == 1 and not report.errors:
        stream.write(_page_report(report, options))
    else:
        stream.write(_site_report(report, options))


def _document(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
{CSP}
<title>{html.escape(title)}</title><style>{STYLE}</style></head>
<body>
{body}
<p class="muted">seo-audit {html.escape(__version__)}</p>
</body></html>
"""


def _page_report(report: AuditReport, options: ReportOptions) -> str:
    """One page: what the writer acts on, open, errors first; the figures after."""
    page = report.pages[0]
    score = "n/a" if page.score is None else f"{page.score}/100"
    gate = (
        '<p class="verdict good">gate: passed</p>'
        if page.gate.passed
        else f'<p class="verdict bad">gate: FAILED ({escape(page.gate.reason or "")})</p>'
    )
    items = "".join(
        f'<li><span class="{f.severity.value}">{f.severity.value}</span> '
        f"<code>{html.escape(f.rule)}</code>"
        + (f" (line {f.line})" if f.line else "")
        + f'<span class="message">{escape(f.message)}</span></li>'
        for f in shown_findings(page, options)
    )
    findings = f'<ol class="findings">{items}</ol>' if items else "<p>No findings.</p>"
    keyphrase = escape(page.keyphrase) if page.keyphrase else '<span class="muted">none set</span>'
    categories = "".join(
        f'<div class="card">{html.escape(name)}<b>{value}</b></div>'
        for name, value in sorted(page.categories.items(), key=lambda item: sort_key(item[0]))
    )
    tone = "good" if page.gate.passed else "bad"
    body = f"""<h1>{escape(shown(page))}</h1>
<div class="cards"><div class="card">score<b class="{tone}">{score}</b></div></div>
{gate}
<p>Title: {escape(page.title or "")}<br>Keyphrase: {keyphrase}</p>
<h2>Findings</h2>
{findings}
<h2>Categories</h2><div class="cards">{categories}</div>"""
    return _document(f"seo-audit: {visible(shown(page))}", body)


def _site_report(report: AuditReport, options: ReportOptions) -> str:
    summary = summarize(report)
    index = {page.path: number for number, page in enumerate(report.pages)}
    # "<" escaped inside the JSON island, so no page text can close the script element.
    island = dumps(_data(report, options)).replace("<", "\\u003c")
    largest = max((count for _, count in summary.histogram), default=0) or 1
    bars = "".join(
        f'<span>{html.escape(label)}</span><span><div class="bar" style="width:'
        f'{100 * count / largest:.0f}%"></div></span><span>{count}</span>'
        for label, count in reversed(summary.histogram)
    )

    def link(path: str) -> str:
        return f'<a href="#page-{index[path]}">{escape(display_path(path))}</a>'

    failing = "".join(
        f'<li class="bad">{_score(score)} — {link(path)} ({escape(reason)})</li>'
        for path, score, reason in summary.failing
    )
    worst = "".join(f"<li>{score} — {link(path)}</li>" for path, score in summary.worst)
    top = "".join(
        f"<tr><td><code>{html.escape(rule)}</code></td><td>{count}</td><td>{pages}</td></tr>"
        for rule, count, pages in summary.top_findings
    )
    categories = "".join(
        f'<div class="card">{html.escape(name)}<b>{value:g}</b></div>'
        for name, value in sorted(summary.category_means.items(), key=lambda i: sort_key(i[0]))
    )
    errors = "".join(f"<li>{escape(shown(e))}: {escape(e.message)}</li>" for e in report.errors)
    mean = "n/a" if summary.mean_score is None else f"{summary.mean_score:g}"
    site = "n/a" if report.site_score is None else str(report.site_score)
    passed = report.passed and not report.errors
    verdict = (
        f'<p class="verdict {"good" if passed else "bad"}">gate: {escape(run_verdict(report))}</p>'
    )
    body = f"""<h1>seo-audit report</h1>
{verdict}
<div class="cards"><div class="card">pages<b>{summary.pages}</b></div>
<div class="card">failed the gate<b>{summary.failed}</b></div>
<div class="card">site score<b>{site}</b></div>
<div class="card">mean page score<b>{mean}</b></div>
<div class="card">could not be read<b>{summary.errors}</b></div></div>
{"<h2>Failed the gate</h2><ol>" + failing + "</ol>" if failing else ""}
{"<h2>Could not be read</h2><ul>" + errors + "</ul>" if errors else ""}
<h2>Page scores</h2><div class="hist">{bars}</div>
<h2>Worst pages</h2><ol>{worst}</ol>
<h2>Category means</h2><div class="cards">{categories}</div>
<h2>Most frequent findings</h2>
<table><thead><tr><th>rule</th><th>findings</th><th>pages</th></tr></thead><tbody>{top}</tbody></table>
<h2>Pages</h2>
<p><input id="filter" type="search" placeholder="Filter by path, title, keyphrase or rule">
<span id="shown" class="muted"></span></p>
<table id="pages"><thead><tr><th data-key="score">score</th><th data-key="gate">gate</th>
<th data-key="path">page</th><th data-key="title">title</th><th data-key="keyphrase">keyphrase</th>
<th data-key="errors">errors</th><th data-key="warnings">warnings</th><th data-key="infos">info</th>
</tr></thead><tbody></tbody></table>
<h2>Findings</h2><div id="details"></div>
<script type="application/json" id="report-data">{island}</script>
<script>{SCRIPT}</script>"""
    return _document("seo-audit report", body)


def _score(score: int | None) -> str:
    return "n/a" if score is None else str(score)
