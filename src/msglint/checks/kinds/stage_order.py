"""Stages in the order of the sales process: a meeting proposal does not come after a graceful
exit, a first response not after a follow-up. Stages not in ``order`` are not judged."""

from __future__ import annotations

from msglint.checks.kinds.cadence_common import at_step
from msglint.i18n import _

FIELDS = {"order": True}


def compile(rule):
    order = rule.options["order"]
    if not isinstance(order, list) or not all(isinstance(s, str) for s in order):
        raise ValueError(_("'order' must list stages in the order of the sales process"))
    return {stage: rank for rank, stage in enumerate(order)}


def check_sequence(rule, cadence):
    rank = rule.compiled
    highest = None
    for point in cadence.points:
        if point.stage not in rank:
            continue
        if highest is not None and rank[point.stage] < rank[highest.stage]:
            yield at_step(point.step, stage=point.stage, before=highest.stage, other=highest.step.number)
        elif highest is None or rank[point.stage] > rank[highest.stage]:
            highest = point
