"""A voicemail points to a message: an email or SMS follows it within the hour."""

from __future__ import annotations

from msglint import channels
from msglint.checks.kinds.cadence_common import at_step, offset, words

FIELDS = {"within": True}


def compile(rule):
    return offset(rule, "within")


def check_sequence(rule, cadence):
    within = rule.compiled
    points = cadence.points
    for i, point in enumerate(points):
        if point.step.action != "voicemail":
            continue
        following = next((p for p in points[i + 1:] if _written(p.channel)), None)
        if following is None or following.low - point.low > within.high:
            yield at_step(point.step, limit=words(within.high))


def _written(name) -> bool:
    channel = channels.get(name)
    return channel is not None and channel.written
