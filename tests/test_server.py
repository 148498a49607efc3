"""``msglint server`` driven as an editor drives it: a real process speaking LSP on stdio, opened,
edited, fixed, hovered and completed through pygls's own client."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from conftest import REPO

TIMEOUT = 60  # the first Korean lint loads Kiwi


class Editor:
    """One editor session with a server of its own."""

    def __init__(self, project: Path):
        self.project = project
        self.client = LanguageClient("msglint-tests", "1")
        self.published: dict[str, asyncio.Queue] = {}
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params):
            self.queue(params.uri).put_nowait(params.diagnostics)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.published.setdefault(uri, asyncio.Queue())

    async def start(self):
        env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1"}
        await self.client.start_io(sys.executable, "-m", "msglint", "server", cwd=str(self.project), env=env)
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(self.project))))
        self.client.initialized(types.InitializedParams())

    async def stop(self):
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def diagnostics(self, uri: str) -> list:
        return await asyncio.wait_for(self.queue(uri).get(), TIMEOUT)

    async def open(self, relative: str, text: str | None = None) -> tuple[str, list]:
        path = self.project / relative
        uri = from_fs_path(str(path))
        text = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="jinja", version=1, text=text)))
        return uri, await self.diagnostics(uri)

    async def change(self, uri: str, text: str) -> list:
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return await self.diagnostics(uri)

    async def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))


def _edit(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    start, end = edit.range.start, edit.range.end
    before = "\n".join(lines[:start.line] + [lines[start.line][:start.character]]) if start.line < len(lines) else text
    after = "\n".join([lines[end.line][end.character:]] + lines[end.line + 1:]) if end.line < len(lines) else ""
    return before + edit.new_text + after


def _session(project: Path, script):
    async def run():
        editor = Editor(project)
        await editor.start()
        try:
            await script(editor)
        finally:
            await editor.stop()

    # In a thread of its own: another test's browser (Playwright's sync API) may keep an event loop
    # running in this one, where asyncio.run() refuses to start.
    failure = []
    thread = threading.Thread(target=lambda: _catch(failure, lambda: asyncio.run(run())))
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _catch(failure: list, call) -> None:
    try:
        call()
    except BaseException as exc:  # noqa: BLE001 - handed to the test's thread, which raises it
        failure.append(exc)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "sequences", root / "sequences")
    return root


def test_an_editor_sees_findings_fixes_explanations_and_completions(project):
    template = project / "templates" / "ko" / "sms" / "missed-call.txt.j2"
    text = template.read_text(encoding="utf-8")
    lines = text.split("\n")
    closing = next(i for i, line in enumerate(lines) if "연락드리겠습니다." in line)

    async def script(editor: Editor):
        uri, found = await editor.open("templates/ko/sms/missed-call.txt.j2")
        assert not [d for d in found if d.severity == types.DiagnosticSeverity.Error]
        # A 반말 ending, typed: a Korean diagnostic on its line.
        rude = text.replace("연락드리겠습니다.", "연락할게.")
        found = await editor.change(uri, rude)
        speech = [d for d in found if d.code == "ko-speech-level"]
        assert speech and speech[0].range.start.line == closing and speech[0].source == "msglint"
        assert "반말" in speech[0].message
        # Hover on it: the rule explained in the template's language.
        hover = await editor.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), speech[0].range.start))
        assert hover and "ko-speech-level" in hover.contents.value and "근거" in hover.contents.value
        # Typing the polite ending back clears it.
        found = await editor.change(uri, text)
        assert not [d for d in found if d.code == "ko-speech-level"]
        # Completion inside {{ }} offers the template's variables; after | the filters.
        at = next(i for i, line in enumerate(lines) if "{{ slots" in line)
        items = await editor.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(at, lines[at].index("{{ slots") + 3)))
        assert {"name", "slots", "topic"} <= {item.label for item in items.items}
        items = await editor.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(at, lines[at].index("|") + 1)))
        assert {"slot", "josa", "join_list"} <= {item.label for item in items.items}

    _session(project, script)


@pytest.mark.slow  # a real server process per session; the quick suite keeps one
def test_a_quick_fix_makes_the_edit_msglint_fix_makes(project):
    offer = project / "templates" / "ko" / "sms" / "offer.txt.j2"
    text = offer.read_text(encoding="utf-8").replace("\n(광고) ", "\n[광고] ", 1)

    async def script(editor: Editor):
        uri, found = await editor.open("templates/ko/sms/offer.txt.j2", text)
        marker = [d for d in found if d.code == "ad-marker" and "[광고]" in d.message]
        assert marker and marker[0].severity == types.DiagnosticSeverity.Error
        actions = await editor.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=marker[0].range,
            context=types.CodeActionContext(diagnostics=marker)))
        quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        assert quick and quick[0].is_preferred
        (edit,) = quick[0].edit.changes[uri]
        assert edit.new_text == "(광고)" and _edit(text, edit) == offer.read_text(encoding="utf-8")
        whole = [a for a in actions if a.kind == types.CodeActionKind.SourceFixAll]
        assert whole and whole[0].edit.changes[uri][0].new_text == offer.read_text(encoding="utf-8")
        assert offer.read_text(encoding="utf-8") != text  # nothing was written: the editor applies edits

    _session(project, script)


@pytest.mark.slow  # a real server process per session; the quick suite keeps one
def test_sequences_broken_files_and_the_config_get_diagnostics_not_a_crash(project):
    path = project / "sequences" / "inbound-lead.yaml"
    text = path.read_text(encoding="utf-8")
    named = re.search(r"send: (email/[\w-]+)", text).group(1)
    typo = text.replace(f"send: {named}", f"send: {named[:-1]}", 1)  # a letter missing at the end
    saved = project / "sequences" / "typo.yaml"
    saved.write_text(typo, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "msglint", "lint", str(saved), "--format", "json"], cwd=project,
                          capture_output=True, text=True)
    finding = next(f for s in json.loads(proc.stdout)["sequences"] for f in s["findings"] if f["rule"] == "sequence-file")
    where = (finding["line"], finding["column"])
    saved.unlink()

    async def script(editor: Editor):
        uri, found = await editor.open("sequences/inbound-lead.yaml", typo)
        found_named = [d for d in found if d.code == "sequence-file"]
        assert found_named and f"'{named}'" in found_named[0].message  # the did-you-mean
        # Where `msglint lint` puts it, on the saved file.
        assert (found_named[0].range.start.line + 1, found_named[0].range.start.character + 1) == where
        # A template whose front matter does not close: a diagnostic, and the server still answers.
        broken, found = await editor.open("templates/en/sms/missed-call.txt.j2", "---\nchannel: sms\nHi {{ name }}\n")
        assert [d for d in found if d.code in ("front-matter", "template-file")]
        uri, found = await editor.open("templates/en/sms/offer.txt.j2")
        assert not [d for d in found if d.severity == types.DiagnosticSeverity.Error]  # and it still answers
        # A config that does not load is shown on the config, and fixed when saved again.
        config = project / ".msglint.yaml"
        config.write_text("ignore: [no-such-rule]\n", encoding="utf-8")
        config_uri, found = await editor.open(".msglint.yaml")
        await editor.save(config_uri)
        found = await editor.diagnostics(config_uri)
        assert found and "no-such-rule" in found[0].message

    _session(project, script)


@pytest.mark.slow  # a real server process per session; the quick suite keeps one
def test_a_counterpart_open_beside_it_follows_the_edit(project):
    async def script(editor: Editor):
        ko_uri, _found = await editor.open("templates/ko/sms/missed-call.txt.j2")
        en_uri, found = await editor.open("templates/en/sms/missed-call.txt.j2")
        assert not [d for d in found if d.code == "locale-parity"]
        english = (project / "templates" / "en" / "sms" / "missed-call.txt.j2").read_text(encoding="utf-8")
        # A variable the Korean version does not declare, typed into the English one (not saved).
        changed = english.replace("variables:\n", "variables:\n  coupon: {required: false, description: x}\n", 1)
        found = await editor.change(en_uri, changed)
        assert [d for d in found if d.code == "locale-parity"]
        found = await editor.diagnostics(ko_uri)  # the Korean one hears of it without being touched
        parity = [d for d in found if d.code == "locale-parity"]
        assert parity and "coupon" in parity[0].message

    _session(project, script)

