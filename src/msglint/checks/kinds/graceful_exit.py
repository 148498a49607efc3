"""A sequence that gives up does it gracefully: its last step sends a graceful-exit message."""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds.cadence_common import at_step

FIELDS = {"stage": True, "triggers": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "stage triggers")


def compile(rule):
    return Compiled(str(rule.options["stage"]), set(rule.options.get("triggers") or []))


def check_sequence(rule, cadence):
    stage, triggers = rule.compiled
    if not cadence.points or (triggers and cadence.sequence.trigger not in triggers):
        return
    last = cadence.points[-1]
    if last.stage != stage:
        yield at_step(last.step, stage=stage, found=last.stage or last.step.action)
