"""When a message is sent, in the recipient's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msglint.errors import MsglintError
from msglint.i18n import _
from msglint.support.spelling import closest


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise MsglintError(zone_problem(name)) from None


def zone_problem(name) -> str:
    """Why ``name`` is not a time zone, with the closest IANA name when there is one."""
    from zoneinfo import available_timezones

    folded = {z.lower(): z for z in sorted(available_timezones())}
    close = closest(str(name).lower(), folded, cutoff=0.75)
    hint = _(" (did you mean '{name}'?)", name=folded[close]) if close else ""
    return _("unknown time zone '{name}'{hint}: use an IANA name such as Asia/Seoul or America/Chicago",
             name=name, hint=hint)


def check_zone(name) -> None:
    """Raise MsglintError unless ``name`` is a known IANA time zone."""
    if not isinstance(name, str):
        raise MsglintError(zone_problem(name))
    zone(name)


#: Send times msglint reads: any message of this era, far from the ends of Python's calendar.
FIRST_YEAR, LAST_YEAR = 1900, 9000


def parse_send_at(value: str, tz: str | None = None, option: str = "--send-at") -> dt.datetime:
    """``2026-11-24T21:30`` read in ``tz``; an explicit offset is converted to ``tz``. ``option``
    names where the value came from in what is said about it (--start, a lead's send_at)."""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        if type(moment) is dt.date:
            raise ValueError
    except ValueError:
        raise MsglintError(_("{option} '{value}' is not an ISO date-time such as 2026-11-24T21:30", option=option,
                             value=value)) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        # A sequence adds weeks to it and a zone shifts it: year 1 or 9999 overflows Python's dates.
        raise MsglintError(_("{option} '{value}' is out of range: give a date between the years {first} and {last}",
                             option=option, value=value, first=FIRST_YEAR, last=LAST_YEAR))
    if moment.tzinfo is None:
        if tz is None:
            if option.startswith("--"):
                raise MsglintError(_("{option} '{value}' has no time zone: add --tz ZONE (the recipient's), e.g. --tz "
                                     "Asia/Seoul", option=option, value=value))
            raise MsglintError(_("{option} '{value}' has no time zone: give the lead a 'timezone' (e.g. Asia/Seoul) or "
                                 "write the offset (2026-11-24T21:30+09:00)", option=option, value=value))
        return moment.replace(tzinfo=zone(tz))
    return moment.astimezone(zone(tz)) if tz else moment
