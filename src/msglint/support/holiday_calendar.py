"""Public holidays of a lead's country, named in the reader's language where the ``holidays``
package has the names (설날, 추석), for the send-day rule and the sequence scheduler."""

from __future__ import annotations

from functools import lru_cache

from msglint.errors import MsglintError
from msglint.i18n import _


@lru_cache(maxsize=64)
def holidays_of(country: str, year: int, language: str | None = None):
    import holidays

    if country not in holidays.list_supported_countries():
        raise MsglintError(_("send-day: the holidays package has no calendar for '{country}'", country=country))
    try:
        return holidays.country_holidays(country, years=year, language=language)
    except (NotImplementedError, ValueError, KeyError):
        return holidays.country_holidays(country, years=year)


def holiday(country: str, day, language: str | None = None) -> str | None:
    """The holiday's name on ``day`` in ``country``, or None."""
    return holidays_of(country, day.year, language).get(day)
