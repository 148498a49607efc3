"""Human output: ``path:line:col: severity rule-id message``, the excerpt, the fix, a summary.

Colour only on a terminal (rich decides there), so CI logs and pipes stay plain; a pipe gets the
plain lines without loading rich at all, which is a good part of a one-message check's start-up.
"""

from __future__ import annotations

import os

from msglint import i18n
from msglint.i18n import N_, _
from msglint.support.terminal import console as rich_console

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
    lines = _lines(report, kind, label)
    if not _styled(stream):
        for pieces in lines:
            stream.write("".join(text for text, _style in pieces).translate(_STRIPPED) + "\n")
        return
    from rich.text import Text

    console = rich_console(file=stream, highlight=False, soft_wrap=True)
    for pieces in lines:
        console.print(Text.assemble(*pieces))


# The control characters rich leaves out of printed text: plain lines leave out the same.
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))


def _styled(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) or bool(os.environ.get("FORCE_COLOR"))


def _lines(report, kind, label):
    """Each line of the report as (text, style) pieces."""
    for result in report.results:
        for f in result.findings:
            yield [(f"{_where(f, label, getattr(result, 'message', None))}: ", None), (f.severity, STYLE[f.severity]),
                   (" ", None), (f.rule, "bold"), (f" {f.message}", None)]
            if f.excerpt:
                yield [("    ", None), ("│", "dim"), (f" {f.excerpt}", None)]
            if f.suggestion:
                yield [("    ", None), ("→", "dim"), (f" {f.suggestion}", None)]
            if f.source:
                yield [("    ", None), (f"§ {f.source}", "dim")]
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
    yield [(str(line), "bold red" if s["errors"] else "green")]
