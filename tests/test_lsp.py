"""`seo-audit lsp` driven by a real LSP client (pygls' own) over stdio: the installed command
runs as a subprocess, the tests open real drafts, read the diagnostics it publishes, change
the text, ask for hovers, code actions and lenses, and apply the edits they return."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from lsprotocol import types as lsp
from pygls.lsp.client import BaseLanguageClient

from helpers import EXAMPLES, REPO, SHARED, seo_audit_command

DRAFTS = SHARED / "drafts"
REAL_DRAFT = DRAFTS / "eleventy" / "v8-dev" / "src__blog__10-years.md"
PATIENCE = 60.0  # seconds a step may take on a loaded machine
NOTE = "Focus keyphrase: ten years of V8"
VIDEO_TITLE = 'title="YouTube video G0vnrPTuxZA"'
NVIM_CHECK = ["nvim", "--headless", "-u", "NONE", "-c", "luafile scripts/nvim-lsp-check.lua"]
T = TypeVar("T")


class Editor:
    """A pygls client that keeps what the server published."""

    def __init__(self) -> None:
        self.client = BaseLanguageClient("seo-audit-tests", "1")
        self.published: dict[str, lsp.PublishDiagnosticsParams] = {}
        self.status: list[Any] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = params

        @self.client.feature("seo-audit/status")
        def status(params: Any) -> None:
            self.status.append(params)

    async def start(self, root: Path) -> None:
        command = seo_audit_command()
        await self.client.start_io(command[0], *command[1:], "lsp", "--isolated")
        await asyncio.wait_for(
            self.client.initialize_async(
                lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri())
            ),
            PATIENCE,
        )
        self.client.initialized(lsp.InitializedParams())

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), PATIENCE)
            self.client.exit(None)
            await asyncio.wait_for(self.client.stop(), PATIENCE)
        except TimeoutError:
            # A server that does not stop fails the test instead of hanging the suite.
            server = self.client._server
            if server is not None and server.returncode is None:
                server.kill()
            raise AssertionError("the language server did not shut down") from None

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, 1, text))
        )
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [lsp.TextDocumentContentChangeEvent_Type2(text=text)],
            )
        )

    async def diagnostics(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        """The diagnostics published for this version of the document (waits for them)."""

        def ready() -> bool:
            found = self.published.get(uri)
            return found is not None and found.version == version

        await _until(ready)
        return list(self.published[uri].diagnostics)

    async def actions(self, uri: str, where: lsp.Range) -> list[lsp.CodeAction]:
        found = await _wait(
            self.client.text_document_code_action_async(
                lsp.CodeActionParams(
                    lsp.TextDocumentIdentifier(uri), where, lsp.CodeActionContext(diagnostics=[])
                )
            )
        )
        return [a for a in found or [] if isinstance(a, lsp.CodeAction)]


async def _until(ready: Callable[[], bool]) -> None:
    async def poll() -> None:
        while not ready():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), PATIENCE)


async def _wait(request: Awaitable[T]) -> T:
    return await asyncio.wait_for(request, PATIENCE)


def _apply(text: str, uri: str, action: lsp.CodeAction) -> str:
    """The text after a code action's edits (ASCII lines: UTF-16 units are characters)."""
    assert action.edit is not None and action.edit.changes is not None
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: lsp.Position) -> int:
        return min(starts[min(position.line, len(lines))] + position.character, len(text))

    edits = sorted(action.edit.changes[uri], key=lambda e: offset(e.range.start), reverse=True)
    for edit in edits:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def _with_note(original: str) -> tuple[str, int]:
    """The draft with an editor's note as the first line of its body, and that line (0-based)."""
    lines = original.splitlines(keepends=True)
    body = next(i for i, line in enumerate(lines) if i > 0 and line.strip() == "---") + 1
    return "".join([*lines[:body], f"{NOTE}\n\n", *lines[body:]]), body


@pytest.mark.skipif(not REAL_DRAFT.is_dir() and not REAL_DRAFT.is_file(), reason="no drafts")
def test_a_real_draft_in_the_editor(tmp_path: Path) -> None:
    draft = tmp_path / REAL_DRAFT.name
    shutil.copy(REAL_DRAFT, draft)
    original = draft.read_text(encoding="utf-8")
    text, note_line = _with_note(original)

    async def scenario() -> None:
        editor = Editor()
        await editor.start(tmp_path)
        try:
            # Open the unsaved buffer (the file on disk has no note): the note is found, its
            # range covers exactly the note, its code and link name the rule.
            uri = editor.open(draft, text)
            found = await editor.diagnostics(uri, 1)
            note = next(d for d in found if d.code == "editorial-seo-note")
            assert note.severity == lsp.DiagnosticSeverity.Error
            assert note.source == "seo-audit"
            assert (note.range.start.line, note.range.start.character) == (note_line, 0)
            assert (note.range.end.line, note.range.end.character) == (note_line, len(NOTE))
            assert note.code_description is not None
            assert note.code_description.href.endswith("#editorial-seo-note")
            untitled = next(d for d in found if d.code == "embed-iframe-title")
            line = text.splitlines()[untitled.range.start.line]
            assert line[untitled.range.start.character :].startswith("<iframe")

            # The status notification carries the score and keyphrase (from the note).
            await _until(lambda: any(s.uri == uri for s in editor.status))
            status = next(s for s in editor.status if s.uri == uri)
            assert status.keyphrase == "ten years of V8" and isinstance(status.score, int)
            lenses = await _wait(
                editor.client.text_document_code_lens_async(
                    lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri))
                )
            )
            assert lenses and lenses[0].command is not None
            assert f"SEO score {status.score}/100" in lenses[0].command.title

            # Hover on the note explains the rule.
            hover = await _wait(
                editor.client.text_document_hover_async(
                    lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(note_line, 3))
                )
            )
            assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
            assert "**editorial-seo-note**" in hover.contents.value
            assert "put the values in the CMS or the front matter" in hover.contents.value

            # The quick fix moves the note into the front matter; nothing else changes.
            actions = {a.title: a for a in await editor.actions(uri, note.range)}
            move = actions["Move the SEO note to front matter (keyphrase: ten years of V8)"]
            assert move.is_preferred
            moved = _apply(text, uri, move)
            front_end = original.index("\n---\n")
            assert moved == (
                original[:front_end] + '\nkeyphrase: "ten years of V8"' + original[front_end:]
            )
            editor.change(uri, 2, moved)
            after = await editor.diagnostics(uri, 2)
            assert "editorial-seo-note" not in {d.code for d in after}

            # "Disable for this line" writes a comment the audit honours.
            untitled = next(d for d in after if d.code == "embed-iframe-title")
            disable = {a.title: a for a in await editor.actions(uri, untitled.range)}
            titled = _apply(
                moved, uri, disable['Add title="YouTube video G0vnrPTuxZA" to the iframe']
            )
            assert titled == moved.replace("<iframe ", '<iframe title="YouTube video G0vnrPTuxZA" ')
            line_off = disable["Disable embed-iframe-title for this line"]
            quiet = _apply(moved, uri, line_off)
            assert "<!-- seo-audit: disable-next-line embed-iframe-title -->\n" in quiet
            editor.change(uri, 3, quiet)
            assert "embed-iframe-title" not in {d.code for d in await editor.diagnostics(uri, 3)}
        finally:
            await editor.stop()

    asyncio.run(scenario())


def test_mdx_suppressions_and_page_wide_disable(tmp_path: Path) -> None:
    page = tmp_path / "post.mdx"
    text = (
        "---\ntitle: Cold brew\n---\n\nimport Video from './Video'\n\n"
        "Cold brew is coffee steeped in cold water for many hours.\n\n"
        '<iframe src="https://www.youtube.com/embed/G0vnrPTuxZA"></iframe>\n'
    )
    page.write_text(text, encoding="utf-8")

    async def scenario() -> None:
        editor = Editor()
        await editor.start(tmp_path)
        try:
            uri = editor.open(page, text, "mdx")
            found = await editor.diagnostics(uri, 1)
            frame = next(d for d in found if d.code == "embed-iframe-title")
            actions = {a.title: a for a in await editor.actions(uri, frame.range)}
            # MDX has no HTML comments: the directive sits in a JSX comment.
            quiet = _apply(text, uri, actions["Disable embed-iframe-title for this line"])
            assert (
                "{/* <!-- seo-audit: disable-next-line embed-iframe-title --> */}\n<iframe" in quiet
            )
            editor.change(uri, 2, quiet)
            assert "embed-iframe-title" not in {d.code for d in await editor.diagnostics(uri, 2)}
            # The page-wide one goes after the front matter.
            page_off = _apply(text, uri, actions["Disable embed-iframe-title for this page"])
            assert page_off.startswith(
                "---\ntitle: Cold brew\n---\n"
                "{/* <!-- seo-audit: disable embed-iframe-title --> */}\n"
            )
            editor.change(uri, 3, page_off)
            assert "embed-iframe-title" not in {d.code for d in await editor.diagnostics(uri, 3)}
        finally:
            await editor.stop()

    asyncio.run(scenario())


def test_the_config_of_the_document_folder_applies_and_reloads(tmp_path: Path) -> None:
    draft = tmp_path / "cold-brew.md"
    shutil.copy(EXAMPLES / "draft-cold-brew.md", draft)
    text = draft.read_text(encoding="utf-8")

    async def scenario() -> None:
        editor = Editor()
        # Not --isolated here: the document's folder config is what is tested.
        command = seo_audit_command()
        await editor.client.start_io(command[0], *command[1:], "lsp")
        await _wait(
            editor.client.initialize_async(
                lsp.InitializeParams(capabilities=lsp.ClientCapabilities())
            )
        )
        editor.client.initialized(lsp.InitializedParams())
        try:
            uri = editor.open(draft, text)
            assert "text-length" in {d.code for d in await editor.diagnostics(uri, 1)}
            config = tmp_path / "seo-audit.toml"
            config.write_text('ignore = ["text-length"]\n', encoding="utf-8")
            editor.client.workspace_did_change_watched_files(
                lsp.DidChangeWatchedFilesParams(
                    [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Created)]
                )
            )
            editor.change(uri, 2, text)
            assert "text-length" not in {d.code for d in await editor.diagnostics(uri, 2)}
        finally:
            await editor.stop()

    asyncio.run(scenario())


@pytest.mark.skipif(shutil.which("nvim") is None, reason="no Neovim (apt-get install neovim)")
def test_neovim_headless_receives_the_diagnostics() -> None:
    """docs/editors.md's Neovim set-up, tried for real: headless Neovim attaches the server to
    a draft and prints what it received."""
    env = dict(os.environ, SEO_AUDIT=seo_audit_command()[0])
    result = subprocess.run(
        [*NVIM_CHECK, "examples/draft-cold-brew.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "examples/draft-cold-brew.md:27:76: error editorial-placeholder-text Placeholder text "
        "“[insert tasting notes from the test batch]” is still in the article. Replace it with "
        "the real content."
    ) in lines
    assert any(
        line.startswith("examples/draft-cold-brew.md:10:3: warning h1-multiple") for line in lines
    )


def test_ranges_are_in_utf16_units_past_an_emoji(tmp_path: Path) -> None:
    """LSP counts characters in UTF-16 code units by default: an emoji is two."""
    page = tmp_path / "page.html"
    sentence = "Then the conductor counted the choir in " + "and they sang on " * 3 + "until dawn."
    line = f"<p>🎬 Short. {sentence}</p>"
    text = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><title>Choir</title></head>\n<body>\n'
        f"<article>\n<h1>Choir</h1>\n{line}\n</article>\n</body>\n</html>\n"
    )
    page.write_text(text, encoding="utf-8")

    async def scenario() -> None:
        editor = Editor()
        await editor.start(tmp_path)
        try:
            uri = editor.open(page, text, "html")
            found = await editor.diagnostics(uri, 1)
            long = next(d for d in found if d.code == "sentence-length")
            assert long.range.start.line == 6
            units = len(line[: line.index("Then")].encode("utf-16-le")) // 2
            assert long.range.start.character == units == line.index("Then") + 1
        finally:
            await editor.stop()

    asyncio.run(scenario())
