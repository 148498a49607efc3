"""Mark findings inside a rendered text, as HTML, with the rule, message and fix on hover/focus.

Findings overlap in every way: the same span (a missing ad marker and a missing sender both point
at the first line), nested, crossing. The text is cut at every start and end, and each piece is
marked once with all the findings that cover it, coloured by the most severe: no mark is ever
nested in another, and no finding is dropped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Inline SVG: an emoji or a symbol font may be missing on the reader's machine, shapes never are.
# Shape and colour both carry the level, and the word is always written beside the icon.
_SVG = '<svg class="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true">{}</svg>'
ICONS = {
    "error": Markup(_SVG.format('<circle cx="8" cy="8" r="7" fill="#c62828"/>'
                                '<rect x="4" y="7" width="8" height="2" fill="#fff"/>')),
    "warning": Markup(_SVG.format('<path d="M8 1 15 14H1z" fill="#b26a00"/>'
                                  '<rect x="7.2" y="5" width="1.6" height="5" fill="#fff"/>'
                                  '<rect x="7.2" y="11" width="1.6" height="1.6" fill="#fff"/>')),
    "info": Markup(_SVG.format('<circle cx="8" cy="8" r="7" fill="#1565c0"/>'
                               '<rect x="7.2" y="7" width="1.6" height="5" fill="#fff"/>'
                               '<rect x="7.2" y="4" width="1.6" height="1.6" fill="#fff"/>')),
}
# Channels on the sequence timeline: a handset, a speech bubble, an envelope, a cassette.
CHANNEL_ICONS = {
    "call": Markup(_SVG.format('<path d="M4 1h3l1 4-2 1.5a9 9 0 0 0 3.5 3.5L11 8l4 1v3c0 1-1 2-2 2A12 12 0 0 1 2 3'
                               'c0-1 1-2 2-2z" fill="#37474f"/>')),
    "sms": Markup(_SVG.format('<path d="M2 2h12v9H6l-3 3v-3H2z" fill="#2e7d32"/>')),
    "email": Markup(_SVG.format('<rect x="1" y="3" width="14" height="10" fill="#1565c0"/>'
                                '<path d="M1 3l7 6 7-6" stroke="#fff" fill="none"/>')),
    "alimtalk": Markup(_SVG.format('<path d="M8 2C4 2 1 4.4 1 7.4c0 1.9 1.3 3.6 3.2 4.6L3.5 15l3.4-2.2H8c4 0 7-2.4 7-5.4'
                                   'S12 2 8 2z" fill="#f9a825"/>')),
    "friendtalk": Markup(_SVG.format('<path d="M8 2C4 2 1 4.4 1 7.4c0 1.9 1.3 3.6 3.2 4.6L3.5 15l3.4-2.2H8c4 0 7-2.4 7-5.4'
                                     'S12 2 8 2z" fill="#8d6e63"/>')),
    "voicemail": Markup(_SVG.format('<circle cx="4.5" cy="8" r="3" fill="#6a1b9a"/><circle cx="11.5" cy="8" r="3" '
                                    'fill="#6a1b9a"/><rect x="4.5" y="10" width="7" height="1" fill="#6a1b9a"/>')),
}
_RANK = {"error": 0, "warning": 1, "info": 2}


def _spans(findings, part: str, length: int):
    for f in findings:
        if f.span and f.span[0] == part and f.span[1] is not None and f.span[2] is not None:
            start, end = max(0, f.span[1]), min(length, f.span[2])
            if end > start:
                yield start, end, f


def _line(f, rich: bool):
    icon = ICONS.get(f.severity, "") if rich else ""
    text = f"{f.severity} · {f.rule}: {f.message}" + (f" → {f.suggestion}" if f.suggestion else "")
    return Markup("{}{}").format(icon, text) if rich else text


def marked(text: str, findings, part: str) -> Markup:
    """``text`` with every finding of ``part`` marked in place."""
    spans = list(_spans(findings, part, len(text)))
    if not spans:
        return escape(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list = []  # (start, end, covering findings); neighbours covered alike become one
    for start, end in zip(cuts, cuts[1:]):
        covering = sorted((f for s, e, f in spans if s <= start and end <= e),
                          key=lambda f: (_RANK.get(f.severity, 3), f.rule))
        if pieces and [id(f) for f in pieces[-1][2]] == [id(f) for f in covering]:
            pieces[-1] = (pieces[-1][0], end, covering)
        else:
            pieces.append((start, end, covering))
    out = []
    for start, end, covering in pieces:
        piece = text[start:end]
        if not covering:
            out.append(escape(piece))
            continue
        title = "\n".join(_line(f, rich=False) for f in covering)
        tip = Markup("<br>").join(_line(f, rich=True) for f in covering)
        out.append(Markup('<mark class="sev-{sev}" tabindex="0" title="{title}" data-rule="{rules}">{body}'
                          '<span class="tip" role="tooltip">{tip}</span></mark>').format(
            sev=covering[0].severity, title=title, rules=" ".join(dict.fromkeys(f.rule for f in covering)),
            body=piece, tip=tip))
    return Markup("").join(out)
