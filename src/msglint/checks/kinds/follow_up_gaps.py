"""The gaps between touches follow the playbook's cadence for the audience (B2B: 24–48 h, then
3–5 days, then every 1–2 weeks; B2C: within 24 h, 3–4 days, then weekly). A step whose offset
range reaches outside the allowed range is reported; the last allowed gap repeats.

``paces`` names the sequences' paces (``pace:`` in a sequence: standard, busy, engaged) a rule
holds for, so a lead who is busy gets 2–3 weeks and an engaged one 2–3 days without a rule that
knows any sequence by name. Without it, a rule holds for every pace."""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds.cadence_common import at_step, words
from msglint.i18n import _
from msglint.template.sequence_file import PACES, parse_offset

FIELDS = {"triggers": True, "gaps": True, "paces": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "triggers gaps paces")


def compile(rule):
    gaps = rule.options["gaps"]
    if not isinstance(gaps, list) or not gaps:
        raise ValueError(_("'gaps' must list the allowed gaps in order, e.g. [1-2d, 3-5d, 1-2w]"))
    parsed = [parse_offset(g) for g in gaps]
    if None in parsed:
        bad = gaps[parsed.index(None)]
        raise ValueError(_("'{key}: {value}' is not an offset such as 5m, 2h, 3d, 3-5d or 1w", key="gaps", value=bad))
    triggers = rule.options["triggers"]
    if not isinstance(triggers, list):
        raise ValueError(_("'triggers' must be a list such as [inquiry]"))
    paces = rule.options.get("paces")
    if paces is not None and (not isinstance(paces, list) or not all(p in PACES for p in paces)):
        raise ValueError(_("'paces' must list paces of {choices}, e.g. [busy]", choices=", ".join(PACES)))
    return Compiled(set(triggers), parsed, None if paces is None else set(paces))


def check_sequence(rule, cadence):
    triggers, gaps, paces = rule.compiled
    if cadence.sequence.trigger not in triggers or (paces is not None and cadence.sequence.pace not in paces):
        return
    for number, group in enumerate(cadence.touches()):
        first = group[0]
        allowed = gaps[min(number, len(gaps) - 1)]
        # The first touch counts from the trigger; every later one from the touch before it.
        low, high = (first.low, first.high) if number == 0 else (first.step.after.low, first.step.after.high)
        if low < allowed.low or high > allowed.high:
            gap = words(low) if low == high else f"{words(low)}–{words(high)}"
            yield at_step(first.step, gap=gap, allowed=allowed.text, touch=number + 1)
