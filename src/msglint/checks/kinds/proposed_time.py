"""The times a message offers the lead exist when the lead reads them: not passed, not too soon,
not on a weekend or on the lead's public holiday, within meeting hours; and a message about a
booked meeting (``role: meeting``) arrives before it.

A time is "offered" when a template variable with ``role: proposed`` prints it (``slot``,
``slots``). Runs only when the send time is known (``msglint schedule``, ``render --sequence``,
a lead's ``send_at``): the same message is right on Tuesday and wrong on Thursday.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.support.working_time import WorkingTime, window
from msglint.support.offsets import parse_offset

FIELDS = {"hours": True, "notice": False, "weekends": False, "holidays": False}

# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "calendar")

WHOLE_MESSAGE = True  # the times belong to the message, not to a stretch of its text


def compile(rule):
    start, end = window(rule.options["hours"])
    notice = parse_offset(rule.options.get("notice", "0m"))
    if notice is None or notice.is_range:
        raise ValueError(_("'notice' must be a duration such as 12h or 1d"))
    countries = rule.options.get("holidays") or {}
    if not isinstance(countries, dict) or not all(isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c)
                                                  for c in countries.values()):
        raise ValueError(_("'holidays' must map a language to a country code, e.g. {{ko: KR, en: US}}"))
    return Compiled(WorkingTime(start, end, notice.low, bool(rule.options.get("weekends", True)),
                                tuple(sorted(countries.items()))))


def calendar(rule) -> WorkingTime:
    """The rule's working time: what ``msglint schedule`` proposes from."""
    return rule.compiled.calendar


def check(rule, message, segment):
    sent = message.send_at
    if sent is None:
        return
    for moment in message.meetings:  # a reminder of a meeting that has already taken place
        when = moment if moment.tzinfo or sent.tzinfo is None else moment.replace(tzinfo=sent.tzinfo)
        if when <= sent:
            yield Hit(part=segment.part, values={"time": f"{moment:%Y-%m-%d %H:%M}", "problem": _(
                "it speaks of this meeting, which has already taken place when the message is sent ({sent})",
                sent=f"{sent:%Y-%m-%d %H:%M}")}, excerpt=moment.isoformat(timespec="minutes"))
    for moment in message.proposed:
        problem = rule.compiled.calendar.problem(moment, sent, message.language)
        if problem is not None:
            yield Hit(part=segment.part, values={"time": f"{moment:%Y-%m-%d %H:%M}", "problem": problem},
                      excerpt=moment.isoformat(timespec="minutes"))
