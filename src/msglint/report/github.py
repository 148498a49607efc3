"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request, and
the job summary counts them per rule — GitHub shows at most 10 error and 10 warning annotations
per step, so the summary is where a pack with more learns what the rest are."""

from __future__ import annotations

import os

from msglint.report.statistics import counted

# What GitHub displays per step and kind (docs: "Workflow commands for GitHub Actions", limits).
SHOWN_PER_STEP = {"error": 10, "warning": 10, "info": 10}

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
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(job_summary(report))


def job_summary(report) -> str:
    """Markdown for the job's summary page: counts per rule, and what the annotations leave out."""
    s = report.summary()
    lines = ["### msglint", "", f"{len(report.results)} checked: {s['errors']} errors, {s['warnings']} warnings, "
             f"{s['infos']} infos", ""]
    rows = counted(report)
    if rows:
        lines += ["| rule | severity | findings | fixable |", "|---|---|---:|---:|"]
        lines += [f"| `{r['rule']}` | {r['severity']} | {r['count']} | {r['fixable']} |" for r in rows]
        lines.append("")
    hidden = {level: s[f"{level}s"] - shown for level, shown in SHOWN_PER_STEP.items() if s[f"{level}s"] > shown}
    if hidden:
        said = ", ".join(f"{number} {level}{'s' if number != 1 else ''}" for level, number in hidden.items())
        lines += [f"GitHub shows {SHOWN_PER_STEP['error']} annotations of each kind per step: {said} are not "
                  "annotated on the pull request. Run `msglint lint` locally, or see the SARIF report in code "
                  "scanning, for every finding.", ""]
    return "\n".join(lines) + "\n"
