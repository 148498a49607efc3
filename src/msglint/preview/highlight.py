"""Mark findings inside a rendered text, as HTML, with the rule, message and fix on hover/focus."""

from __future__ import annotations

from markupsafe import Markup, escape

ICONS = {"error": "⛔", "warning": "⚠", "info": "ℹ"}


def marked(text: str, findings, part: str) -> Markup:
    """``text`` with each finding of ``part`` wrapped in a <mark>. Overlapping spans keep the first."""
    spans = sorted(
        (f.span[1], f.span[2], f) for f in findings
        if f.span and f.span[0] == part and f.span[2] is not None and f.span[2] > f.span[1]
    )
    out, pos = [], 0
    for start, end, f in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        tip = f"{ICONS[f.severity]} {f.severity} · {f.rule}: {f.message}" + (f" → {f.suggestion}" if f.suggestion else "")
        out.append(Markup('<mark class="sev-{sev}" tabindex="0" title="{tip}" data-rule="{rule}">{body}'
                          '<span class="tip" role="tooltip">{tip}</span></mark>').format(
            sev=f.severity, tip=tip, rule=f.rule, body=text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)
