"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(report, stream, *, kind="lint", label=None, rules=None) -> None:
    for f in report.findings:
        props = []
        if f.path:
            props.append(f"file={_property(f.path)}")
            if f.line:
                props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
        props.append(f"title={_property(f.rule)}")
        text = f.message + (f" → {f.suggestion}" if f.suggestion else "")
        stream.write(f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(text)}\n")
    s = report.summary()
    stream.write(f"msglint: {len(report.results)} checked, {s['errors']} errors, {s['warnings']} warnings, "
                 f"{s['infos']} infos\n")
