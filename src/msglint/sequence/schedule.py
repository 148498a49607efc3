"""A sequence as a lead lives it: each step's planned time, and the time it really happens.

Each step is planned from the moment the step before it really happened (or from the trigger).
A step that falls where its channel may not go — a call at night, on a weekend or on a public
holiday of the lead's country, a text after 21:00 — moves to the next allowed moment, and each
move says why. The policy is data: ``settings.schedule`` in rules/cadence.yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date

from msglint import i18n
from msglint.checks.engine import check_message, keep
from msglint.i18n import _
from msglint.render.lead import render_message
from msglint.support.holiday_calendar import holiday

MAX_MOVES = 60  # a policy that allows nothing (hours 00:00-00:00) ends here instead of looping


@dataclass
class Slot:
    step: object
    channel: str
    planned: dt.datetime
    actual: dt.datetime
    reasons: list = field(default_factory=list)
    template: str | None = None
    subject: str | None = None
    first_line: str | None = None
    findings: list = field(default_factory=list)
    message: object = None
    values: dict = field(default_factory=dict)  # the times its template offers or promises (sequence.times)
    body: str | None = None
    proposed: tuple = ()


def _window(policy: dict) -> tuple[dt.time, dt.time]:
    start, end = policy["hours"].split("-")
    to_time = lambda text: dt.time(int(text[:2]) % 24, int(text[3:]))
    return to_time(start), (dt.time(23, 59, 59) if end == "24:00" else to_time(end))


def _outside(moment: dt.datetime, start: dt.time, end: dt.time) -> str:
    # The window is named whole: "21:00 is after 21:00" reads as a bug to a rep, because the
    # window's end is exclusive; "outside contact hours (09:00–21:00)" does not.
    window = f"{start:%H:%M}–{'24:00' if end == dt.time(23, 59, 59) else f'{end:%H:%M}'}"
    return _("{time} is outside contact hours ({window})", time=f"{moment:%H:%M}", window=window)


def allowed_time(moment: dt.datetime, policy: dict | None, country: str | None, language: str) -> tuple:
    """The first moment at or after ``moment`` that ``policy`` allows, and why it moved."""
    reasons, days_off = [], []
    if not policy:
        return moment, reasons
    start, end = _window(policy)
    for _turn in range(MAX_MOVES):
        day = moment.date()
        weekends = bool(policy.get("working_days"))
        holidays = weekends or bool(policy.get("holidays"))
        name = holiday(country, day, language) if country and holidays else None
        if (weekends and day.weekday() >= 5) or name:
            days_off.append(f"{name or format_date(day, 'EEEE', locale=language)} {day:%m-%d}")
            moment = dt.datetime.combine(day + dt.timedelta(days=1), start, moment.tzinfo)
        elif moment.time() < start:
            reasons.append(_outside(moment, start, end))
            moment = dt.datetime.combine(day, start, moment.tzinfo)
        elif moment.time() >= end:
            reasons.append(_outside(moment, start, end))
            moment = dt.datetime.combine(day + dt.timedelta(days=1), start, moment.tzinfo)
        else:
            break
    if days_off:
        reasons.append(_("no contact on weekends or public holidays: {days}", days=", ".join(days_off)))
    return moment, reasons


def plan(sequence, start: dt.datetime, locale: str, settings: dict, templates=None) -> list[Slot]:
    """The slots of ``sequence`` for a trigger at ``start`` (aware, in the lead's time zone);
    ``templates`` ((locale, id) -> template) say what a send step sends: sms or email."""
    policy = settings.get("schedule") or {}
    language = i18n.language_of(locale) or "en"
    country = (policy.get("countries") or {}).get(language)
    slots = []
    previous = start
    # An `if: after-hours` step (the auto-reply that says when we will call) happens only when the
    # trigger came when no call could answer it: at night, on a weekend or on a public holiday.
    after_hours = allowed_time(start, _policy_for(policy.get("call"), sequence.audience, None), country,
                               language)[0] != start
    for step in sequence.steps:
        if step.condition == "after-hours" and not after_hours:
            continue
        planned = previous + step.after.low
        wanted = _time_of_day(step.at, policy.get("parts_of_day") or {}, previous)
        if wanted is not None:
            at = dt.datetime.combine(planned.date(), wanted, planned.tzinfo)
            planned = at if at >= planned else at + dt.timedelta(days=1)
        meta = _meta_of(templates, locale, step)
        channel = step.action if step.action in ("call", "voicemail") else (meta.channel if meta else "sms")
        rules = _policy_for(policy.get(channel), sequence.audience, meta.stage if meta else None)
        actual, reasons = allowed_time(planned, rules, country, language)
        slots.append(Slot(step=step, channel=channel, planned=planned, actual=actual, reasons=reasons,
                          template=step.template))
        previous = actual
    return slots


def _policy_for(policy: dict | None, audience: str | None, stage: str | None) -> dict | None:
    # `working_days: [b2b]` binds only the audiences it names: a B2B text waits for Monday, a B2C one
    # need not; a stage under `any_day` (the answer to an inquiry the lead has just sent) never waits.
    # `holidays: [b2c]` keeps public holidays free for the audiences it names (a consumer may get a
    # text on a Saturday, not on 설날 or Christmas Day).
    if not policy:
        return policy
    policy = dict(policy)
    waits = stage not in (policy.get("any_day") or ())
    for key in ("working_days", "holidays"):
        if isinstance(policy.get(key), list):
            policy[key] = audience in policy[key] and waits
    return policy


def _time_of_day(at, parts: dict, previous: dt.datetime) -> dt.time | None:
    """The clock time a step's ``at:`` asks for: itself, a named part of the day, or — for
    "another-time-of-day" — the other half of the day from the step before."""
    if at is None or isinstance(at, dt.time):
        return at
    if at == "another-time-of-day":
        at = "afternoon" if previous.time() < dt.time(12) else "morning"
    if at not in parts:  # a policy without parts_of_day keeps the step's own offset
        return None
    hours, minutes = str(parts[at]).split(":")
    return dt.time(int(hours), int(minutes))


def _meta_of(templates, locale, step):
    """The front matter of what a step sends (its channel and stage), or None when unknown."""
    template = (templates or {}).get((locale, step.template))
    return template.meta if template is not None else None


def check_step(slot, template, data: dict, ruleset, locale: str, with_sample: bool = True):
    """Render ``slot``'s template for the lead at the slot's real time, with the times the schedule
    worked out for it, and check it then. Fills the slot's text, findings and offered times;
    returns the message. Raises RenderError or DataError."""
    message = render_message(template, {**slot.values, **data}, with_sample=with_sample)
    message.send_at = slot.actual
    message.measure(ruleset.settings)
    with i18n.reading(locale):
        slot.findings = keep(ruleset, check_message(ruleset, message, with_location=False))
    slot.subject, slot.body, slot.proposed = message.subject, message.body, message.proposed
    slot.first_line = next((line.strip() for line in message.body.splitlines() if line.strip()), "")
    return message

