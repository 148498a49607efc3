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

from msglint.sendtime import DEFAULT_ZONES


@lru_cache(maxsize=None)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _context_zone(ctx) -> ZoneInfo:
    name = ctx.get("timezone") or ctx.get("_timezone")
    locale = ctx.get("_locale", "en")
    if not name:
        name = DEFAULT_ZONES.get(str(locale).split("_")[0], "UTC")
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
    return dates.format_date(value, format=format, locale=ctx["_locale"])


@pass_context
def format_time(ctx, value, format="short"):
    zone = _context_zone(ctx)
    return dates.format_time(_aware(value, zone), format=format, tzinfo=zone, locale=ctx["_locale"])


@pass_context
def format_datetime(ctx, value, format="medium"):
    zone = _context_zone(ctx)
    return dates.format_datetime(_aware(value, zone), format=format, tzinfo=zone, locale=ctx["_locale"])


@pass_context
def format_weekday(ctx, value, format="EEEE"):
    return format_date(ctx, value, format)


@pass_context
def format_number(ctx, value):
    return numbers.format_decimal(value, locale=ctx["_locale"])


@pass_context
def format_percent(ctx, value):
    return numbers.format_percent(value, locale=ctx["_locale"])


@pass_context
def format_currency(ctx, value, currency=None):
    if currency is None:
        currency = numbers.get_territory_currencies(_territory(ctx["_locale"]))[0]
    return numbers.format_currency(value, currency, locale=ctx["_locale"])


@pass_context
def format_list(ctx, values, style="standard"):
    """Join items the way the locale does: "A, B, and C"; "월요일, 화요일 또는 수요일" with style="or"."""
    return lists.format_list([str(v) for v in values], style=style, locale=ctx["_locale"])


def _territory(locale: str) -> str:
    from babel import Locale

    parsed = Locale.parse(locale)
    return parsed.territory or {"ko": "KR", "en": "US"}.get(parsed.language, "US")


FILTERS = {
    "date": format_date,
    "time": format_time,
    "datetime": format_datetime,
    "weekday": format_weekday,
    "number": format_number,
    "percent": format_percent,
    "currency": format_currency,
    "join_list": format_list,
}


# Korean particles change with the last sound of the word before them ("CRM 도입을", "견적서를"),
# and that word often comes from a variable. Forms are written "with-final/without-final".
_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
_LETTER_HAS_FINAL = set("lmnrLMNR")  # English letters read with a final consonant: l, m, n, r


def _final_consonant(word: str) -> tuple[bool, bool]:
    """(has a final consonant, that consonant is ㄹ) for the last readable character."""
    for ch in reversed(word.strip()):
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            final = code % 28
            return final != 0, final == 8
        if ch.isdigit():
            return _DIGIT_HAS_FINAL[ch], ch in "178"
        if ch.isalpha():
            return ch in _LETTER_HAS_FINAL, ch in "lLrR"
    return False, False


def josa(word, forms: str) -> str:
    """``{{ topic|josa("을/를") }}`` -> "CRM 도입을"; handles 이/가, 은/는, 과/와, 으로/로, 이에요/예요."""
    with_final, _, without_final = forms.partition("/")
    has_final, is_rieul = _final_consonant(str(word))
    if with_final == "으로" and is_rieul:
        return f"{word}{without_final}"
    return f"{word}{with_final if has_final else without_final}"


FILTERS["josa"] = josa
