"""Locale-aware Jinja filters backed by Babel.

Dates and times are shown in the recipient's time zone: the ``timezone`` variable of the lead
data if present, else the template's ``timezone:``, else the locale's default.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates, lists, numbers
from jinja2 import pass_context

from msglint.i18n import _
from msglint import languages
from msglint.languages import josa as korean_particles


@lru_cache(maxsize=None)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@lru_cache(maxsize=64)
def _babel_locale(name: str):
    from babel import Locale

    return Locale.parse(name.replace("-", "_"))


def _babel(ctx):
    """The message's locale as Babel's object, parsed once per run rather than per value."""
    return _babel_locale(str(ctx.get("_locale", "en")))


def _babel_dates(function: str, value, format: str, zone, locale: str) -> str:
    """Babel's date formatting, once per value: a campaign offers its leads the same few slots."""
    try:
        return _babel_dates_cached(function, value, format, zone, locale)
    except TypeError:  # a value that cannot be a key: Babel says what is wrong with it
        return _babel_dates_cached.__wrapped__(function, value, format, zone, locale)


@lru_cache(maxsize=4096)
def _babel_dates_cached(function: str, value, format: str, zone, locale: str) -> str:
    formatter = getattr(dates, function)
    if function == "format_date":
        return formatter(value, format=format, locale=_babel_locale(locale))
    return formatter(value, format=format, tzinfo=zone, locale=_babel_locale(locale))


def _context_zone(ctx) -> ZoneInfo:
    name = ctx.get("timezone") or ctx.get("_timezone")
    locale = ctx.get("_locale", "en")
    if not name:
        name = languages.default_zone(locale)
    return _zone(str(name))


def _aware(value, zone):
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value


@pass_context
def format_date(ctx, value, format="medium"):
    value = _aware(value, _context_zone(ctx))
    if isinstance(value, dt.datetime):
        value = value.astimezone(_context_zone(ctx)).date()
    return _babel_dates("format_date", value, format, None, str(ctx.get("_locale", "en")))


@pass_context
def format_time(ctx, value, format="short"):
    zone = _context_zone(ctx)
    return _babel_dates("format_time", _aware(value, zone), format, zone, str(ctx.get("_locale", "en")))


@pass_context
def format_datetime(ctx, value, format="medium"):
    zone = _context_zone(ctx)
    return _babel_dates("format_datetime", _aware(value, zone), format, zone, str(ctx.get("_locale", "en")))


@pass_context
def format_weekday(ctx, value, format="EEEE"):
    return format_date(ctx, value, format)


@pass_context
def format_slot(ctx, value, with_date=True):
    """``{{ slot|slot }}`` -> "11월 24일(화) 오후 2시 30분" / "Tue, Nov 24, 2:30 PM" (no ":00" on the hour)."""
    zone = _context_zone(ctx)
    moment = _aware(value, zone)
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(zone)
    # The house style: the minutes are written when there are any (languages.Language.slot_formats).
    dated, bare = languages.of(ctx["_locale"]).slot_formats
    on_the_hour, with_minutes = dated if with_date else bare
    pattern = with_minutes if getattr(moment, "minute", 0) else on_the_hour
    return _babel_dates("format_datetime", moment, pattern, zone, str(ctx.get("_locale", "en")))


@pass_context
def format_number(ctx, value):
    return numbers.format_decimal(value, locale=_babel(ctx))


@pass_context
def format_percent(ctx, value):
    return numbers.format_percent(value, locale=_babel(ctx))


@pass_context
def format_currency(ctx, value, currency=None):
    if currency is None:
        currency = numbers.get_territory_currencies(_territory(ctx["_locale"]))[0]
    return numbers.format_currency(value, currency, locale=_babel(ctx))


@pass_context
def format_list(ctx, values, style="standard"):
    """Join items the way the locale does: "A, B, and C"; "월요일, 화요일 또는 수요일" with style="or"."""
    return _babel_list(tuple(str(v) for v in values), style, str(ctx.get("_locale", "en")))


@lru_cache(maxsize=1024)
def _babel_list(values: tuple, style: str, locale: str) -> str:
    return lists.format_list(list(values), style=style, locale=_babel_locale(locale))


def _territory(locale: str) -> str:
    from babel import Locale

    parsed = Locale.parse(locale)
    return parsed.territory or languages.of(parsed.language).territory


FILTERS = {
    "date": format_date,
    "time": format_time,
    "datetime": format_datetime,
    "weekday": format_weekday,
    "slot": format_slot,
    "number": format_number,
    "percent": format_percent,
    "currency": format_currency,
    "join_list": format_list,
}


def josa(word, forms: str) -> str:
    """``{{ topic|josa("을/를") }}`` -> "CRM 도입을"; handles 이/가, 은/는, 과/와, 으로/로, 이에요/예요."""
    if korean_particles.split_forms(forms) is None:
        raise ValueError(_("josa needs both forms, with and without a final consonant: josa('을/를'), not "
                           "josa('{forms}')", forms=forms))
    return korean_particles.attach(word, forms)


FILTERS["josa"] = josa
