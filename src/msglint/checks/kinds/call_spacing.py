"""One call attempt a day at most: two attempts less than a day apart can share a calendar day."""

from __future__ import annotations

from msglint.checks.kinds.cadence_common import at_step, offset, words

FIELDS = {"min_gap": True}


def compile(rule):
    return offset(rule, "min_gap")


def check_sequence(rule, cadence):
    min_gap = rule.compiled
    calls = [p for p in cadence.points if p.step.action == "call"]
    for before, after in zip(calls, calls[1:]):
        if after.low - before.low < min_gap.low:
            yield at_step(after.step, other=before.step.number, gap=words(after.low - before.low),
                          limit=words(min_gap.low))
