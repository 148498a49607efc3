"""Not several contacts in one day: more than ``max_per_day`` touches (a call with what follows it
within the hour counts as one) on one day of the sequence, counted from its trigger, is over-contact."""

from __future__ import annotations

import datetime as dt

from msglint.checks.kinds.cadence_common import at_step, count

FIELDS = {"max_per_day": True}
DAY = dt.timedelta(days=1)


def compile(rule):
    return count(rule, "max_per_day")


def check_sequence(rule, cadence):
    limit = rule.compiled
    per_day: dict = {}
    for group in cadence.touches():
        day = int(group[0].low / DAY)  # days from the trigger, as the sequence plans them
        per_day.setdefault(day, []).append(group)
        if len(per_day[day]) == limit + 1:
            first = per_day[day][0][0]
            yield at_step(group[0].step, touches=limit + 1, other=first.step.number, limit=limit)
