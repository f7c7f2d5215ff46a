"""The language server (pygls, Apache-2.0; imported only by `seo-audit lsp`).

Each open HTML, Markdown or MDX document is audited from its unsaved text in a worker thread,
never on the event loop: on open and save at once, on change after a short quiet time. A newer
change cancels the audit that waits, and the result of one that was already running is
dropped if the text moved on. The config is the document folder's, as `check` finds it, read
again when a config file changes (a watched-files event, its save, or its modification time,
checked before every audit, for clients that watch nothing).
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.server import LanguageServer

from seo_audit import __version__
from seo_audit.config.model import CONFIG_FILES
from seo_audit.errors import SeoAuditError
from seo_audit.lsp.audit import DOCS_URL, Action, BufferAudit, Problem, audit_buffer
from seo_audit.results.model import Severity
from seo_audit.run import AuditSettings

# Seconds of quiet after a keystroke before the buffer is audited (an audit is ~15 ms warm,
# but a large page takes longer, and diagnostics that flicker on every key are noise).
DEBOUNCE = 0.3
# The page's score, gate and keyphrase for a status bar: {uri, score, passed, keyphrase}.
STATUS_NOTIFICATION = "seo-audit/status"
_SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".mdx")


class SeoAuditServer(LanguageServer):
    def __init__(self, settings: AuditSettings | None = None) -> None:
        super().__init__("seo-audit", __version__)
        self.settings = settings or AuditSettings()
        self.audits: dict[str, BufferAudit] = {}
        self.pending: dict[str, asyncio.Future[None]] = {}
        # One worker: audits of one document run in order, and the loop stays free.
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seo-audit")
        self.config_times: dict[Path, float | None] = {}

    def schedule(self, uri: str, delay: float) -> None:
        """Audit the document after `delay`, cancelling an audit that still waits."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.ensure_future(self._audit(uri, delay))

    async def _audit(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        path = path_of(uri)
        if path is None:
            return
        document = self.workspace.get_text_document(uri)
        version, text = document.version, document.source
        self._forget_changed_configs(Path(path).parent)
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.pool, audit_buffer, path, text, self.settings)
        except SeoAuditError as error:  # a broken config: say so where the writer looks
            self.publish_diagnostics(uri, [_problem_of_config(str(error))], version)
            return
        if self.workspace.get_text_document(uri).version != version:
            return  # the text moved on while this audit ran: a newer one is on its way
        self.audits[uri] = result
        self.publish_diagnostics(uri, diagnostics(result, document), version)
        report = result.report
        self.send_notification(
            STATUS_NOTIFICATION,
            {
                "uri": uri,
                "score": report.score,
                "passed": report.gate.passed,
                "keyphrase": report.keyphrase,
                "keyphraseSource": report.keyphrase_source,
            },
        )

    def reaudit_all(self) -> None:
        for uri in list(self.audits):
            self.schedule(uri, 0)

    def _forget_changed_configs(self, folder: Path) -> None:
        """Forget the cached configs when a config file at or above `folder` changed."""
        changed = False
        for directory in [folder, *folder.parents]:
            for name in CONFIG_FILES:
                candidate = directory / name
                try:
                    stamp: float | None = os.stat(candidate).st_mtime
                except OSError:
                    stamp = None
                if candidate in self.config_times and self.config_times[candidate] != stamp:
                    changed = True
                self.config_times[candidate] = stamp
        if changed:
            from seo_audit.config.reload import forget_config_files

            forget_config_files()


def path_of(uri: str) -> str | None:
    """The file a document URI names; an untitled buffer is audited as an HTML page."""
    parts = urlparse(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    return None


def _to_client(document: Any, start: tuple[int, int], end: tuple[int, int]) -> lsp.Range:
    points = lsp.Range(lsp.Position(*start), lsp.Position(*end))
    converted: lsp.Range = document.position_codec.range_to_client_units(document.lines, points)
    return converted


def diagnostics(result: BufferAudit, document: Any) -> list[lsp.Diagnostic]:
    return [_diagnostic(problem, document) for problem in result.problems]


def _diagnostic(problem: Problem, document: Any) -> lsp.Diagnostic:
    finding = problem.finding
    return lsp.Diagnostic(
        range=_to_client(document, problem.start, problem.end),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=lsp.CodeDescription(href=DOCS_URL.format(rule=finding.rule)),
        source="seo-audit",
    )


def _problem_of_config(message: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        message=message,
        severity=lsp.DiagnosticSeverity.Error,
        source="seo-audit",
    )


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(position: lsp.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _code_action(
    uri: str, document: Any, action: Action, diagnostic: lsp.Diagnostic | None
) -> lsp.CodeAction:
    edits = [
        lsp.TextEdit(range=_to_client(document, edit.start, edit.end), new_text=edit.text)
        for edit in action.edits
    ]
    return lsp.CodeAction(
        title=action.title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None,
        is_preferred=action.preferred or None,
        edit=lsp.WorkspaceEdit(changes={uri: edits}),
    )


def create_server(settings: AuditSettings | None = None) -> SeoAuditServer:
    server = SeoAuditServer(settings)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SeoAuditServer, params: lsp.DidOpenTextDocumentParams) -> None:
        if params.text_document.uri.lower().endswith(_SUFFIXES):
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SeoAuditServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri.lower().endswith(_SUFFIXES):
            ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SeoAuditServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(path_of(uri) or "").name in CONFIG_FILES:
            _configs_changed(ls)
        elif uri.lower().endswith(_SUFFIXES):
            ls.schedule(uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SeoAuditServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        if ls.audits.pop(uri, None) is not None:
            ls.publish_diagnostics(uri, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SeoAuditServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(Path(path_of(c.uri) or "").name in CONFIG_FILES for c in params.changes):
            _configs_changed(ls)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: SeoAuditServer, params: lsp.HoverParams) -> lsp.Hover | None:
        result = ls.audits.get(params.text_document.uri)
        if result is None:
            return None
        document = ls.workspace.get_text_document(params.text_document.uri)
        here = lsp.Range(params.position, params.position)
        shown = [
            p
            for p in result.problems
            if _overlaps(_to_client(document, p.start, p.end), here)
            and p.finding.column is not None
        ]
        if not shown:
            return None
        parts = []
        for problem in shown:
            rule = problem.finding.rule
            parts.append(f"**{rule}** ({problem.finding.severity.value})\n\n{result.docs[rule]}")
        return lsp.Hover(
            contents=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            )
        )

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: SeoAuditServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        result = ls.audits.get(uri)
        if result is None:
            return []
        document = ls.workspace.get_text_document(uri)
        actions: list[lsp.CodeAction] = []
        for problem in result.problems:
            diagnostic = _diagnostic(problem, document)
            if not _overlaps(diagnostic.range, params.range):
                continue
            actions.extend(_code_action(uri, document, a, diagnostic) for a in problem.actions)
        return actions

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
    def code_lens(ls: SeoAuditServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        result = ls.audits.get(params.text_document.uri)
        if result is None:
            return []
        report = result.report
        score = "–" if report.score is None else f"{report.score}/100"
        keyphrase = f"keyphrase “{report.keyphrase}”" if report.keyphrase else "no keyphrase"
        title = f"SEO score {score} · {keyphrase} · {'passed' if report.gate.passed else 'FAILED'}"
        top = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        return [lsp.CodeLens(range=top, command=lsp.Command(title=title, command=""))]

    return server


def _configs_changed(ls: SeoAuditServer) -> None:
    from seo_audit.config.reload import forget_config_files

    forget_config_files()
    ls.reaudit_all()


def serve(settings: AuditSettings | None = None) -> None:
    """Speak LSP on stdin/stdout until the client says exit."""
    _warm_up(settings or AuditSettings())
    create_server(settings).start_io()


def _warm_up(settings: AuditSettings) -> None:
    """Audit a small draft and page once, here, before any message is read. The audit stack
    loads lazily (seo_audit.imports swaps modules in and out of sys.modules while it loads
    trafilatura): its first load must not run in the audit thread while the event loop's
    thread imports too (a config reload, a hover). A server in a CI run on a fresh install
    hung once in its first audits, most likely that way (not reproduced since). The first
    diagnostics come no later for it."""
    import tempfile

    samples = {
        "warm-up.md": "---\ntitle: Warm up\n---\n\n# Warm up\n\nA sentence.\n",
        "warm-up.html": "<html><head><title>Warm up</title></head><body><article><h1>Warm"
        " up</h1><p>A sentence.</p></article></body></html>",
    }
    with tempfile.TemporaryDirectory(prefix="seo-audit-lsp-") as folder:
        for name, text in samples.items():
            try:
                audit_buffer(str(Path(folder) / name), text, settings)
            except Exception:  # only loading matters here; a real audit reports its errors
                continue
