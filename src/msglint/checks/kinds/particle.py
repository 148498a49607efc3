"""A Korean particle written straight after a variable: "{{ topic }}를" is right for "견적서" and
wrong for "CRM 도입", "HubSpot" or "40%", so a particle after ``{{ }}`` (or after a quote that
closes around one) goes through the ``josa`` filter, which picks the form by the value's last
sound. Checked on the source, so it holds for every lead, not only for the sample.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _

FIELDS = {"particles": True}

# {{ expr }} then an optional closing quote or bracket, then the particle, then no more Hangul
# (so "{{ x }}과장" or "{{ x }}가격" are words, not particles).
_AFTER = r"\{\{-?\s*(?P<expr>[^{}]*?)\s*-?\}\}(?P<close>['\"’”」』)\]]?)(?P<particle>{particles})(?![가-힣])"


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "pattern pairs")


def compile(rule):
    pairs = rule.options["particles"]
    if not isinstance(pairs, dict) or not pairs:
        raise ValueError(_("'particles' maps each particle as written to its josa forms, e.g. 를: 을/를"))
    for particle, forms in pairs.items():
        if not isinstance(forms, str) or forms.count("/") != 1:
            raise ValueError(_("particle '{particle}': forms must read with-final/without-final, e.g. 을/를", particle=particle))
    alternatives = "|".join(map(re.escape, sorted(pairs, key=len, reverse=True)))
    return Compiled(re.compile(_AFTER.replace("{particles}", alternatives)), pairs)


def opening(close: str) -> str:
    """The mark that opens what ``close`` closes (the suggestion rewrites the pair)."""
    return {"’": "‘", "”": "“", "」": "「", "』": "『", ")": "(", "]": "["}.get(close, close).replace('"', '\\"')


def check_template(rule, template):
    pattern, pairs = rule.compiled
    if template.doc is None or template.body is None:
        return
    offset = template.doc.body_line - 1
    for number, line in enumerate(template.doc.body.split("\n"), start=offset + 1):
        for match in pattern.finditer(line):
            expr, close, particle = match.group("expr").strip(), match.group("close"), match.group("particle")
            forms = pairs[particle]
            quote = close.replace('"', '\\"')
            fixed = (f'{{{{ ("{opening(close)}" ~ {expr} ~ "{quote}")|josa("{forms}") }}}}' if close
                     else f'{{{{ {expr}|josa("{forms}") }}}}')
            written = f"{opening(close).replace(chr(92), '')}{match.group(0)}" if close else match.group(0)
            yield Hit(line=number, column=match.start() + 1, excerpt=match.group(0),
                      values={"particle": particle, "variable": expr, "forms": forms},
                      suggestion=f"{written} → {fixed}")
