"""A sequence that gives up does it gracefully: its last step sends a graceful-exit message.

``stage`` is that stage, or a list of the stages that end a sequence gracefully (a last email, a
polite decline to a lead outside the ICP)."""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds.cadence_common import at_step

FIELDS = {"stage": True, "triggers": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "stage triggers")


def compile(rule):
    stage = rule.options["stage"]
    stages = tuple(str(s) for s in stage) if isinstance(stage, list) else (str(stage),)
    return Compiled(stages, set(rule.options.get("triggers") or []))


def check_sequence(rule, cadence):
    stages, triggers = rule.compiled
    if not cadence.points or (triggers and cadence.sequence.trigger not in triggers):
        return
    last = cadence.points[-1]
    if last.stage not in stages:
        yield at_step(last.step, stage=stages[0], found=last.stage or last.step.action)
