"""Enough attempts before giving up, not so many that it turns into pressure: at least
``min_calls`` call attempts or ``min_touches`` touches before the graceful exit, at most
``max_touches`` in all."""

from __future__ import annotations

from collections import namedtuple

from msglint import i18n
from msglint.checks.kinds.cadence_common import at_step
from msglint.i18n import _

FIELDS = {"min_calls": True, "min_touches": True, "max_touches": True, "triggers": False, "messages": True}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "limits triggers messages")


def compile(rule):
    values = {k: rule.options[k] for k in ("min_calls", "min_touches", "max_touches")}
    for key, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(_("'{key}' must be a whole number ≥ 1", key=key))
    messages = rule.options["messages"]
    if not isinstance(messages, dict) or set(messages) != {"few", "many"} or not all(map(i18n.is_text, messages.values())):
        raise ValueError(_("'messages' needs 'few' and 'many' texts"))
    return Compiled(values, set(rule.options.get("triggers") or []), messages)


def check_sequence(rule, cadence):
    limits, triggers, messages = rule.compiled
    if triggers and cadence.sequence.trigger not in triggers or not cadence.points:
        return
    touches = cadence.touches()
    ends_gracefully = cadence.points[-1].stage == "graceful-exit"
    before_exit = touches[:-1] if ends_gracefully else touches
    calls = sum(1 for p in cadence.points if p.step.action == "call")
    last = cadence.points[-1].step
    if ends_gracefully and calls < limits["min_calls"] and len(before_exit) < limits["min_touches"]:
        yield at_step(last, detail=i18n.filled(messages["few"], touches=len(before_exit), calls=calls,
                                               min_calls=limits["min_calls"], min_touches=limits["min_touches"]))
    if len(touches) > limits["max_touches"]:
        yield at_step(touches[limits["max_touches"]][0].step,
                      detail=i18n.filled(messages["many"], touches=len(touches), max_touches=limits["max_touches"]))
