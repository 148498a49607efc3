"""No daily messages: touches on more consecutive days than the first ones are over-contact."""

from __future__ import annotations

import datetime as dt

from msglint.checks.kinds.cadence_common import at_step, count

FIELDS = {"max_consecutive_days": True}
DAY = dt.timedelta(days=1)


def compile(rule):
    return count(rule, "max_consecutive_days")


def check_sequence(rule, cadence):
    limit = rule.compiled
    touches = cadence.touches()
    first_of_day: dict = {}
    for group in touches:
        first_of_day.setdefault(int(group[0].low / DAY), group[0])
    days = sorted(first_of_day)
    run = 1
    for previous, day in zip(days, days[1:]):
        run = run + 1 if day == previous + 1 else 1
        if run == limit + 1:
            yield at_step(first_of_day[day].step, days=run, limit=limit)
