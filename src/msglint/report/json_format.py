"""The JSON contract of DESIGN.md: flat for one checked message, ``messages`` otherwise."""

from __future__ import annotations

import json


def as_data(report, kind: str = "lint") -> dict:
    if kind == "check" and len(report.results) == 1:
        result = report.results[0]
        return {"findings": [f.to_dict() for f in result.findings], "facts": result.facts,
                "summary": report.summary()}
    # Sequences are not messages: they have steps, not facts, and sit beside them.
    messages = [r.to_dict() for r in report.results if r.channel != "sequence"]
    sequences = [{"sequence": r.template, "path": r.path, "findings": [f.to_dict() for f in r.findings]}
                 for r in report.results if r.channel == "sequence"]
    return {"messages": messages, **({"sequences": sequences} if sequences else {}), "summary": report.summary()}


def write(report, stream, *, kind="lint", label=None, rules=None) -> None:
    # Indented for a person at a terminal; compact (and C-encoded, several times faster) for
    # pipes and files, where a program reads it.
    indent = 2 if getattr(stream, "isatty", lambda: False)() else None
    # json.dumps, not json.dump: only the one-shot encoder runs in C.
    stream.write(json.dumps(as_data(report, kind), ensure_ascii=False, indent=indent, default=str))
    stream.write("\n")
