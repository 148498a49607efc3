"""When a message is sent, in the recipient's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msglint.errors import MsglintError


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise MsglintError(f"unknown time zone '{name}': use an IANA name such as Asia/Seoul or America/Chicago") from None


def parse_send_at(value: str, tz: str | None = None) -> dt.datetime:
    """``2026-11-24T21:30`` read in ``tz``; an explicit offset is converted to ``tz``."""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        if type(moment) is dt.date:
            raise ValueError
    except ValueError:
        raise MsglintError(f"--send-at '{value}' is not an ISO date-time such as 2026-11-24T21:30") from None
    if moment.tzinfo is None:
        if tz is None:
            raise MsglintError(f"--send-at '{value}' has no time zone: add --tz ZONE (the recipient's), e.g. --tz Asia/Seoul")
        return moment.replace(tzinfo=zone(tz))
    return moment.astimezone(zone(tz)) if tz else moment
