"""``msglint server``: the Language Server Protocol over stdio (pygls).

Diagnostics on open, change and save, placed exactly where ``msglint lint`` reports them; quick
fixes that make the edits ``msglint fix`` makes (safe ones preferred, wording changes marked);
hover on a finding explains its rule in the reader's language; completion of variables, filters,
rule ids in suppression comments and template ids in sequences.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from msglint import __version__, i18n
from msglint.editor.complete import complete
from msglint.editor.documents import Workspace, kind_of
from msglint.editor.explain import hover_text
from msglint.editor.positions import Lines, finding_range
from msglint.fixes.apply import fix_template
from msglint.fixes.edits import TemplateSource, plan_template
from msglint.i18n import _
from msglint.render.html_text import is_html
from msglint.template import pack

# A change is linted once the changes already received are read (a lint is pending per document,
# and it reads the latest text): a burst of keystrokes costs one lint, and a single one no wait.
DEBOUNCE = 0.0
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}


class MsglintServer(LanguageServer):
    """The server and what it remembers per open document: its latest findings."""

    def __init__(self, config_file: Path | None = None):
        super().__init__("msglint", __version__)
        self.documents = Workspace(config_file)
        self.checked: dict[str, tuple] = {}  # uri -> (Checked, Lines) of the text last linted
        self.pending: dict[str, asyncio.Task] = {}

    def language(self, path: Path, locale: str | None) -> str:
        """The language findings speak: the config's ``lang``, else the template's locale."""
        project = self.documents.project_for(path)
        config = project.config
        return (config.lang if config is not None and config.lang else None) or i18n.language_of(locale) or "en"

    def publish(self, uri: str) -> None:
        path = Path(to_fs_path(uri))
        document = self.workspace.get_text_document(uri)
        text = document.source
        try:
            checked = self.documents.check(path, text)
        except Exception as exc:  # noqa: BLE001 - a bug in one lint must not end the editor's server
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"msglint: {exc!r}"))
            return
        lines = Lines(text)
        self.checked[uri] = (checked, lines)
        diagnostics = [self.diagnostic(lines, f, index) for index, f in enumerate(checked.findings)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version))

    def diagnostic(self, lines: Lines, finding, index: int) -> types.Diagnostic:
        start, end = finding_range(lines, finding)
        message = finding.message + (f"\n→ {finding.suggestion}" if finding.suggestion else "")
        return types.Diagnostic(
            range=types.Range(types.Position(*start), types.Position(*end)), message=message,
            severity=_SEVERITY.get(finding.severity), code=finding.rule, source="msglint",
            data={"index": index, "fix": finding.fix["safety"] if finding.fix else None})

    def schedule(self, uri: str) -> None:
        task = self.pending.get(uri)
        if task is not None and not task.done():
            return  # a lint is already due, and it will read the latest text
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_soon(uri))

    async def _lint_soon(self, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.publish(uri)


def make_server(config_file: Path | None = None) -> MsglintServer:
    server = MsglintServer(config_file)

    @server.feature(types.INITIALIZED)
    def initialized(ls: MsglintServer, params: types.InitializedParams):
        # Kiwi (the Korean analyser) takes a second or two to load: once now, not on the first
        # Korean keystroke.
        from msglint.korean.morph import warm_up  # the analyser is loaded here on purpose, before any edit

        warm_up()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: MsglintServer, params: types.DidOpenTextDocumentParams):
        _remember(ls, params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: MsglintServer, params: types.DidChangeTextDocumentParams):
        _remember(ls, params.text_document.uri)
        ls.schedule(params.text_document.uri)
        # The same message in another locale, open beside it: its locale-parity findings follow this edit.
        for uri in _counterparts(ls, params.text_document.uri):
            ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MsglintServer, params: types.DidSaveTextDocumentParams):
        path = Path(to_fs_path(params.text_document.uri))
        if kind_of(path) in ("rules", "config"):
            project = ls.documents.reload(path)
            for uri in list(ls.workspace.text_documents):  # every open file of the project sees the new rules
                if ls.documents.project_for(Path(to_fs_path(uri))) is project:
                    ls.publish(uri)
        else:
            ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MsglintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.documents.texts.pop(Path(to_fs_path(uri)), None)
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    def code_action(ls: MsglintServer, params: types.CodeActionParams):
        return _code_actions(ls, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MsglintServer, params: types.HoverParams):
        return _hover(ls, params)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["{", "|", "=", ",", " "]))
    def completion(ls: MsglintServer, params: types.CompletionParams):
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        line = document.lines[params.position.line] if params.position.line < len(document.lines) else ""
        before = line[:Lines(line).column(0, params.position.character)]
        checked = ls.checked.get(uri, (None, None))[0]
        items = complete(Path(to_fs_path(uri)), document.source, before, checked, ls.documents)
        return types.CompletionList(is_incomplete=False, items=[
            types.CompletionItem(label=label, kind=types.CompletionItemKind[kind], detail=detail)
            for label, kind, detail in items])

    return server


def _counterparts(ls: MsglintServer, uri: str) -> list[str]:
    """Open templates with the same id in the pack's other locales."""
    path = Path(to_fs_path(uri))
    if kind_of(path) != "template":
        return []
    root = pack.root_of(path)
    if not path.is_relative_to(root):
        return []
    mine = path.relative_to(root).parts
    out = []
    for other in ls.workspace.text_documents:
        there = Path(to_fs_path(other))
        if other != uri and kind_of(there) == "template" and there.is_relative_to(root):
            parts = there.relative_to(root).parts
            if parts[1:] == mine[1:] and parts[0] != mine[0]:
                out.append(other)
    return out


def _remember(ls: MsglintServer, uri: str) -> None:
    path = Path(to_fs_path(uri))
    ls.documents.texts[path] = ls.workspace.get_text_document(uri).source


def _code_actions(ls: MsglintServer, params: types.CodeActionParams) -> list:
    uri = params.text_document.uri
    checked, lines = ls.checked.get(uri, (None, None))
    if checked is None or checked.kind != "template" or checked.template is None:
        return []
    path = Path(to_fs_path(uri))
    with i18n.reading(ls.language(path, checked.locale)):
        actions = []
        source = TemplateSource(lines.text, checked.template.doc.body_line) if checked.template.doc else None
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            index = data.get("index")
            if diagnostic.source != "msglint" or not isinstance(index, int) or index >= len(checked.findings):
                continue
            finding = checked.findings[index]
            if not finding.fix or source is None:
                continue
            edits, _skipped = plan_template(source, checked.message, [finding], unsafe=True,
                                            html=is_html(path.name))
            if not edits:
                continue
            safe = finding.fix.get("safety") == "safe"
            title = (_("msglint: fix {rule}", rule=finding.rule) if safe
                     else _("msglint: fix {rule} (changes the wording)", rule=finding.rule))
            actions.append(types.CodeAction(
                title=str(title), kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=safe,
                edit=types.WorkspaceEdit(changes={uri: [_text_edit(lines, e.start, e.end, e.text) for e in edits]})))
        # Editors ask for code actions whenever the cursor moves: the whole-file fix (a lint per
        # pass) is worked out only when a finding has a safe fix and the client wants source actions.
        only = params.context.only
        wanted = only is None or any(str(getattr(kind, "value", kind)).startswith("source") for kind in only)
        fixable = any(f.fix and f.fix.get("safety") == "safe" for f in checked.findings)
        fixed = _fix_all(ls, path, lines.text) if wanted and fixable else None
        if fixed is not None and fixed != lines.text:
            end = lines.position(len(lines.text))
            actions.append(types.CodeAction(
                title=str(_("msglint: fix every safe problem in this file")), kind=types.CodeActionKind.SourceFixAll,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                    range=types.Range(types.Position(0, 0), types.Position(*end)), new_text=fixed)]})))
        return actions


def _fix_all(ls: MsglintServer, path: Path, text: str) -> str | None:
    project = ls.documents.project_for(path)
    if project.ruleset is None:
        return None
    root = pack.root_of(path)
    index = ls.documents.index(root, project.config.stages, path)  # the pack as the editor has it, loaded once
    outcome = fix_template(path, root, project.ruleset, index, unsafe=False, stages=project.config.stages, text=text)
    return outcome.after


def _text_edit(lines: Lines, start: int, end: int, text: str) -> types.TextEdit:
    return types.TextEdit(range=types.Range(types.Position(*lines.position(start)), types.Position(*lines.position(end))),
                          new_text=text)


def _hover(ls: MsglintServer, params: types.HoverParams):
    uri = params.text_document.uri
    checked, lines = ls.checked.get(uri, (None, None))
    if checked is None:
        return None
    position = (params.position.line, params.position.character)
    path = Path(to_fs_path(uri))
    for finding in checked.findings:
        start, end = finding_range(lines, finding)
        if start <= position <= end:
            project = ls.documents.project_for(path)
            if project.ruleset is None:
                return None
            text = hover_text(project.ruleset, finding, ls.language(path, checked.locale))
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                               range=types.Range(types.Position(*start), types.Position(*end)))
    return None



def serve(config_file: str | None = None, stdin=None, stdout=None) -> None:
    """Run the server on stdio until the client says exit; ``config_file`` stands for every
    project's own config (``msglint server --config``)."""
    make_server(Path(config_file).resolve() if config_file else None).start_io(stdin, stdout)
