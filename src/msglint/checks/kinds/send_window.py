"""The legal hours for sending: a message sent outside ``allowed`` (recipient's local time) fires.

Runs only when a send time is known (``--send-at``, or ``send_at`` in lead data). The send
time's own zone is the recipient's; without one, the rule's ``timezone`` applies.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.support.send_time import zone as load_zone

FIELDS = {"allowed": True, "timezone": False}


def _clock(text) -> dt.time:
    try:
        hours, minutes = str(text).split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(_("'{text}' is not a time such as 08:00", text=text)) from None


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "start end zone")


def compile(rule):
    allowed = rule.options["allowed"]
    if not isinstance(allowed, dict) or set(allowed) != {"from", "to"}:
        raise ValueError(_("'allowed' must be {{from: 'HH:MM', to: 'HH:MM'}}"))
    zone = rule.options.get("timezone")
    if zone:
        load_zone(zone)
    return Compiled(_clock(allowed["from"]), _clock(allowed["to"]), zone)


def check(rule, message, segment):
    start, end, zone = rule.compiled
    moment = message.send_at
    if moment is None:
        return
    if moment.tzinfo is None and zone:
        moment = moment.replace(tzinfo=load_zone(zone))
    local = moment.time()
    if start <= local < end:
        return
    yield Hit(
        part=segment.part,
        values={"time": moment.strftime("%H:%M"), "zone": str(moment.tzinfo), "from": start.strftime("%H:%M"),
                "to": end.strftime("%H:%M"), "date": moment.date().isoformat()},
        excerpt=moment.isoformat(timespec="minutes"),
    )
