"""Weekends and public holidays: a call or voicemail on those days annoys more than it sells
(「발굴 도구 - 전화」 (Liferay 영업 플레이북)). Holidays come from the ``holidays`` package, lunar ones (설날, 추석) included, for
the country the rule maps the message's language to.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint import i18n
from msglint.checks.kinds import Hit
from msglint.i18n import _

FIELDS = {"weekends": False, "holidays": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "weekends countries")


def compile(rule):
    countries = rule.options.get("holidays") or {}
    if not isinstance(countries, dict):
        raise ValueError(_("'holidays' must map a language to a country code, e.g. {{ko: KR, en: US}}"))
    for country in countries.values():
        # The holidays package is imported only when a send time is checked (it costs start-up).
        if not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
            raise ValueError(_("'{country}' is not an ISO 3166 two-letter country code such as KR or US", country=country))
    return Compiled(bool(rule.options.get("weekends", True)), countries)


def check(rule, message, segment):
    weekends, countries = rule.compiled
    moment = message.send_at
    if moment is None:
        return
    day = moment.date()
    reason = None
    country = countries.get(message.language)
    if country:
        from msglint.support.holiday_calendar import (
            holiday,  # babel and holidays load only when a send time is checked
        )

        name = holiday(country, day, message.language)
        if name:
            reason = name
    if reason is None and weekends and day.weekday() >= 5:
        from babel.dates import format_date

        reason = i18n.Lazy(lambda language: format_date(day, "EEEE", locale=language))
    if reason is None:
        return
    yield Hit(part=segment.part, values={"day": reason, "date": day.isoformat()}, excerpt=moment.isoformat(timespec="minutes"))
