"""The JSON contract of DESIGN.md: flat for one checked message, ``messages`` otherwise."""

from __future__ import annotations

import json

from msglint.findings import count


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


def encode_share(results) -> tuple[bytes, dict]:
    """Part of a ``check`` report, encoded by the process that checked it (see
    msglint.run.files): the JSON of its messages as UTF-8, as items of the report's list
    (without the brackets), and its findings counted by severity."""
    messages = [r.to_dict() for r in results]
    try:
        data = json.dumps(messages, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: its bytes as JSON escapes
        data = json.dumps(messages, default=str).encode("ascii")
    return data[1:-1], count([f for r in results for f in r.findings])


def write_shares(shares, stream) -> dict:
    """The report ``write`` gives a program for the messages of ``shares`` (``encode_share``'s,
    in order), put together from their bytes; returns its summary."""
    summary = count(())
    for _data, counts in shares:
        for key, number in counts.items():
            summary[key] += number
    data = b"".join([b'{"messages": [', b", ".join(data for data, _counts in shares if data),
                     b'], "summary": ', json.dumps(summary).encode("ascii"), b"}\n"])
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and (stream.encoding or "").lower().replace("-", "").replace("_", "") == "utf8":
        stream.flush()
        buffer.write(data)
    else:  # a stream that encodes otherwise (or none, such as a StringIO) is handed text
        stream.write(data.decode("utf-8"))
    return summary
