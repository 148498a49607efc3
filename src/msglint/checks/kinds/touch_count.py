"""Enough attempts before giving up: at least ``min_calls`` call attempts or ``min_touches``
touches before the graceful exit.

There is no upper bound: the seeds give the number of touches that works (5–8; 95% of converted
leads reached by the 6th call) and warn against contact that is too *frequent* (several calls a
day, daily messages: call-spacing and daily-run), but none states a total past which a cadence
turns into pressure."""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds.cadence_common import at_step
from msglint.i18n import _

FIELDS = {"min_calls": True, "min_touches": True, "triggers": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "limits triggers")


def compile(rule):
    values = {k: rule.options[k] for k in ("min_calls", "min_touches")}
    for key, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(_("'{key}' must be a whole number ≥ 1", key=key))
    return Compiled(values, set(rule.options.get("triggers") or []))


def check_sequence(rule, cadence):
    limits, triggers = rule.compiled
    if triggers and cadence.sequence.trigger not in triggers or not cadence.points:
        return
    if cadence.points[-1].stage != "graceful-exit":
        return  # a sequence that does not give up (a booked meeting, a customer) has no attempts to count
    before_exit = cadence.touches()[:-1]
    calls = sum(1 for p in cadence.points if p.step.action == "call")
    if calls < limits["min_calls"] and len(before_exit) < limits["min_touches"]:
        yield at_step(cadence.points[-1].step, touches=len(before_exit), calls=calls,
                      min_calls=limits["min_calls"], min_touches=limits["min_touches"])
