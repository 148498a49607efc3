"""Human output: ``path:line:col: severity rule-id message``, the excerpt, the fix, a summary.

Colour only on a terminal (rich decides), so CI logs and pipes stay plain.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from msglint import i18n
from msglint.i18n import N_, _

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


COUNTS = {  # one, many (Korean has one form for both)
    "messages": (N_("{n} message"), N_("{n} messages")), "templates": (N_("{n} template"), N_("{n} templates")),
    "errors": (N_("{n} error"), N_("{n} errors")), "warnings": (N_("{n} warning"), N_("{n} warnings")),
    "infos": (N_("{n} info"), N_("{n} infos")),
    "sequences": (N_("{n} sequence"), N_("{n} sequences")),
}


def _count(n: int, one: str, many: str):
    return _(one if n == 1 else many, n=n)


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
    sequences = sum(1 for r in report.results if r.channel == "sequence")
    total = len(report.results) - sequences
    noun = COUNTS["messages"] if kind == "check" else COUNTS["templates"]
    # A run over Korean templates only ends in Korean, like the findings above it.
    languages = {i18n.language_of(r.locale) for r in report.results if r.channel != "sequence"}
    checked = _count(total, *noun)
    if sequences:
        checked = _("{templates} and {sequences}", templates=checked, sequences=_count(sequences, *COUNTS["sequences"]))
    line = i18n.said_for(languages.pop() if len(languages) == 1 else None, _(
        "{checked} checked: {errors}, {warnings}, {infos}", checked=checked,
        errors=_count(s["errors"], *COUNTS["errors"]), warnings=_count(s["warnings"], *COUNTS["warnings"]),
        infos=_count(s["infos"], *COUNTS["infos"])))
    console.print(f"[{'bold red' if s['errors'] else 'green'}]{line}[/]")
