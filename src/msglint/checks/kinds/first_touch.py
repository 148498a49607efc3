"""The first touch after a trigger comes fast enough (an inquiry: within 5 minutes)."""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds.cadence_common import at_step, offset, words
from msglint.i18n import _

FIELDS = {"triggers": True, "within": True}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "triggers within")


def compile(rule):
    triggers = rule.options["triggers"]
    if not isinstance(triggers, list):
        raise ValueError(_("'triggers' must be a list such as [inquiry]"))
    return Compiled(set(triggers), offset(rule, "within"))


def check_sequence(rule, cadence):
    triggers, within = rule.compiled
    if cadence.sequence.trigger not in triggers or not cadence.points:
        return
    first = cadence.points[0]
    if first.high > within.high:
        yield at_step(first.step, after=words(first.high), limit=words(within.high), trigger=cadence.sequence.trigger)
