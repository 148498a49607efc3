"""Offsets as the playbooks write them: "5m", "2h", "3d", "1w", or a range given as one, "3-5d".

Pure (no YAML, no templates), so a rule that reads a duration ("notice: 2h") costs a check
nothing; sequence files read their step offsets with the same parser."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

UNITS = {"m": dt.timedelta(minutes=1), "h": dt.timedelta(hours=1), "d": dt.timedelta(days=1),
         "w": dt.timedelta(weeks=1)}
_OFFSET = re.compile(r"^\s*(\d{1,3})(?:\s*-\s*(\d{1,3}))?\s*([mhdw])\s*$")


@dataclass(frozen=True)
class Offset:
    low: dt.timedelta
    high: dt.timedelta
    text: str

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def parse_offset(value) -> Offset | None:
    """'5m', '2h', '3d', '1w', or a range the playbook gives as one: '3-5d', '1-2w'."""
    match = _OFFSET.match(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if match is None:
        return None
    low, high, unit = int(match.group(1)), int(match.group(2) or match.group(1)), match.group(3)
    if high < low:
        return None
    return Offset(low * UNITS[unit], high * UNITS[unit], str(value).strip())


ZERO = Offset(dt.timedelta(0), dt.timedelta(0), "0m")
