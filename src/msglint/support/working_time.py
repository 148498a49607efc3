"""Working time in a lead's calendar: whether a moment is a time a business meets, and the next
such times after a message is sent.

One judge serves two stages: the ``proposed-time`` rule asks why a time a message proposes is
wrong (passed, too soon, on 설날, at 20:00), and ``msglint schedule`` asks it for the times to
propose, so a schedule never offers what the rule would reject.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from msglint.i18n import _


def clock(text) -> dt.time:
    """'09:30' -> 09:30; '24:00' -> the last second of the day (a window's end is exclusive)."""
    try:
        hours, minutes = str(text).split(":")
        hours, minutes = int(hours), int(minutes)
        return dt.time(23, 59, 59) if (hours, minutes) == (24, 0) else dt.time(hours, minutes)
    except ValueError:
        raise ValueError(_("'{text}' is not a time such as 08:00", text=text)) from None


def window(text) -> tuple[dt.time, dt.time]:
    """'09:00-18:00' -> (09:00, 18:00)."""
    start, sep, end = str(text).partition("-")
    if not sep:
        raise ValueError(_("'{text}' is not a span of hours such as 09:00-18:00", text=text))
    return clock(start), clock(end)


@dataclass(frozen=True)
class WorkingTime:
    """Meeting hours on working days, the notice a lead needs, and the lead's public holidays."""

    start: dt.time
    end: dt.time
    notice: dt.timedelta = dt.timedelta(0)
    weekends: bool = True  # whether Saturdays and Sundays are days off
    countries: tuple = ()  # ((language, ISO country), ...): whose public holidays are days off

    def country(self, language: str | None) -> str | None:
        return dict(self.countries).get(language)

    def day_off(self, day: dt.date, language: str | None):
        """The name of the public holiday on ``day``, the weekday's name on a weekend, or None."""
        country = self.country(language)
        if country:
            from msglint.support.holiday_calendar import holiday  # the holidays package costs start-up

            name = holiday(country, day, language)
            if name:
                return name
        if self.weekends and day.weekday() >= 5:
            from babel.dates import format_date

            return format_date(day, "EEEE", locale=language or "en")
        return None

    def problem(self, moment: dt.datetime, sent: dt.datetime | None, language: str | None):
        """Why ``moment`` cannot be offered in a message sent at ``sent``, in words a rep
        understands, or None when it can."""
        when = moment
        if sent is not None and sent.tzinfo is not None:
            # A time without an offset is read in the lead's zone, the zone the message is sent in.
            when = moment.astimezone(sent.tzinfo) if moment.tzinfo else moment.replace(tzinfo=sent.tzinfo)
        if sent is not None:
            if when <= sent:
                return _("it has already passed when the message is sent ({sent})", sent=f"{sent:%Y-%m-%d %H:%M}")
            if when - sent < self.notice:
                hours = (when - sent).total_seconds() / 3600
                return _("it is only {hours:.0f} hours after the message is sent; give at least {notice:.0f}",
                         hours=hours, notice=self.notice.total_seconds() / 3600)
        name = self.day_off(when.date(), language)
        if name:
            return _("it falls on {day}, a day off", day=name)
        if not self.start <= when.time() < self.end:
            end = "24:00" if self.end == dt.time(23, 59, 59) else f"{self.end:%H:%M}"
            return _("{time} is outside meeting hours ({start}–{end})", time=f"{when:%H:%M}",
                     start=f"{self.start:%H:%M}", end=end)
        return None

    def propose(self, sent: dt.datetime, count: int, times, language: str | None, keep=(),
                days_ahead: int = 0) -> list[dt.datetime]:
        """``count`` times to offer in a message sent at ``sent``: still-valid times from ``keep``
        (what the lead was offered before) first, then one new time per working day from
        ``days_ahead`` days on, the day's clock time taken in turn from ``times`` so the lead gets
        a choice of morning and afternoon."""
        chosen = [moment for moment in keep if self.problem(moment, sent, language) is None][:count]
        day, turn = sent.date() + dt.timedelta(days=days_ahead), 0
        for _day in range(366):  # a calendar with no working day in a year ends here, not in a loop
            if len(chosen) >= count or not times:
                break
            moment = dt.datetime.combine(day, clock(times[turn % len(times)]), sent.tzinfo)
            if self.problem(moment, sent, language) is None and all(m.date() != day for m in chosen):
                chosen.append(moment)
                turn += 1
            day += dt.timedelta(days=1)
        return sorted(chosen)
