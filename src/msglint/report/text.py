"""Human output: ``path:line:col: severity rule-id message``, the excerpt, the fix, a summary.

Colour only on a terminal (rich decides), so CI logs and pipes stay plain.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _where(finding, label, message=None):
    place = finding.path or label or finding.template or "<stdin>"
    line, column = finding.line, finding.column
    if not line and finding.span and message is not None:
        # Pasted text has no file, but a person still wants the line: the JSON leaves it out
        # (by contract), the text shows it.
        part, start, _ = finding.span
        text_map = message.subject_map if part == "subject" else message.body_map
        location = text_map.locate(start or 0) if text_map is not None and start is not None else None
        if location is not None:
            line, column = location.line, location.column
    if line:
        place += f":{line}"
        if column:
            place += f":{column}"
    return place


def write(report, stream, *, kind="lint", label=None, rules=None) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True)
    for result in report.results:
        for f in result.findings:
            console.print(
                f"{escape(_where(f, label, getattr(result, 'message', None)))}: [{STYLE[f.severity]}]{f.severity}[/] "
                f"[bold]{f.rule}[/] {escape(f.message)}"
            )
            if f.excerpt:
                console.print(f"    [dim]│[/] {escape(f.excerpt)}")
            if f.suggestion:
                console.print(f"    [dim]→[/] {escape(f.suggestion)}")
            if f.source:
                console.print(f"    [dim]§ {escape(f.source)}[/]")
    s = report.summary()
    noun = "message" if kind == "check" else "template"
    total = len(report.results)
    line = (f"{total} {noun}{'s' if total != 1 else ''} checked: "
            f"{s['errors']} error{'s' if s['errors'] != 1 else ''}, "
            f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''}, "
            f"{s['infos']} info{'s' if s['infos'] != 1 else ''}")
    console.print(f"[{'bold red' if s['errors'] else 'green'}]{line}[/]")
