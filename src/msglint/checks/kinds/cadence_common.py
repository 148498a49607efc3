"""Helpers the cadence kinds share: offsets written in rule files, and where a step is."""

from __future__ import annotations

from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.support.offsets import parse_offset


def offset(rule, key: str, required: bool = True):
    value = rule.options.get(key)
    if value is None and not required:
        return None
    parsed = parse_offset(value)
    if parsed is None:
        raise ValueError(_("'{key}: {value}' is not an offset such as 5m, 2h, 3d, 3-5d or 1w", key=key, value=value))
    return parsed


def count(rule, key: str) -> int:
    """A rule's whole-number field (a limit of touches, days, calls), at least 1."""
    value = rule.options[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(_("'{key}' must be a whole number ≥ 1", key=key))
    return value


def at_step(step, **values) -> Hit:
    return Hit(line=step.line, column=step.column, values={"step": step.number, **values})


def words(delta) -> str:
    """A duration as people say it: 5m, 2h, 3d, 1w2d."""
    minutes = int(delta.total_seconds() // 60)
    if minutes % (7 * 24 * 60) == 0 and minutes:
        return f"{minutes // (7 * 24 * 60)}w"
    if minutes % (24 * 60) == 0 and minutes:
        return f"{minutes // (24 * 60)}d"
    if minutes % 60 == 0 and minutes:
        return f"{minutes // 60}h"
    return f"{minutes}m"
