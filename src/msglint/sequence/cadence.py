"""A sequence as the cadence rules read it: each step's place in time and what it sends.

Times are offsets from the trigger: the earliest (``low``) and latest (``high``) a step can come
when its offset is a range ("3-5d"). Steps that follow each other within ``SAME_TOUCH`` (a call,
the voicemail left on it, the email sent right after) are one touch for the lead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from msglint.template.sequence_file import Sequence, Step
from msglint.errors import DataError
from msglint.render.lead import render_message

SAME_TOUCH = dt.timedelta(hours=1)


@dataclass
class Point:
    step: Step
    low: dt.timedelta  # from the trigger
    high: dt.timedelta
    channel: str  # call | sms | email | voicemail
    stage: str | None = None
    purpose: str | None = None
    bodies: dict = field(default_factory=dict)  # locale -> the message rendered with its sample
    page: str | None = None  # the preview page of its template, when the site has one
    requires: tuple = ()  # premises its template (in any locale) takes as already true
    audiences: tuple = ()  # whom its template (in any locale) is written for: b2b, b2c


@dataclass
class Cadence:
    sequence: Sequence
    points: list

    def touches(self) -> list[list[Point]]:
        """Points grouped into what the lead lives as one contact."""
        groups: list[list[Point]] = []
        for point in self.points:
            if groups and point.step.after.high <= SAME_TOUCH and point.step.number > 1:
                groups[-1].append(point)
            else:
                groups.append([point])
        return groups


def build(sequence: Sequence, templates: dict) -> Cadence:
    """``templates``: (locale, template id) -> loaded pack template (or None when missing)."""
    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

    points, low, high = [], dt.timedelta(0), dt.timedelta(0)
    for step in sequence.steps:
        low, high = low + step.after.low, high + step.after.high
        point = Point(step, low, high, channel="call" if step.action == "call" else "?")
        for locale in sequence.locales:
            template = templates.get((locale, step.template)) if step.template else None
            if template is None or template.meta is None:
                continue
            # A call that names its script stays a call (spacing, counts, what it provides); the
            # script gives it a stage and the premises its sentences take for granted.
            if step.action != "call":
                point.channel = template.meta.channel
            point.stage, point.purpose = template.meta.stage, template.meta.purpose
            point.requires += tuple(p for p in template.meta.requires if p not in point.requires)
            if template.meta.audience not in point.audiences:
                point.audiences += (template.meta.audience,)
            if template.renderable:
                try:
                    point.bodies[locale] = render_message(template, {}).body
                except (RenderError, DataError):  # the template's own lint says why it does not render
                    pass
        points.append(point)
    return Cadence(sequence, points)
