"""The times a scheduled message speaks of, computed from when it is really sent.

A template's ``role: proposed`` variables (``slot``, ``slots``) get times the lead can still
choose when the message arrives: after the send time, on working days, in meeting hours, not on
the lead's public holidays — the ``proposed-time`` rule's calendar, so the schedule never offers
what the rule rejects — and still-valid times offered earlier in the sequence come back instead
of new ones. A ``role: next-contact`` variable gets the time of the sequence's next step, so
"we will call you on Monday morning" is what the schedule does; a ``role: next-subject`` one the
subject of the next email, so a voicemail's "you'll get an email titled …" names that email. A value in the lead's own data
wins, and the rule then checks it.
"""

from __future__ import annotations

import datetime as dt

from msglint import i18n
from msglint.errors import DataError
from msglint.render.lead import render_subject
from msglint.support.working_time import WorkingTime, window

# Offered times when the rule files say nothing: afternoon, morning, afternoon again.
DEFAULT_TIMES = ("14:00", "10:00", "16:00")


def calendar_of(ruleset) -> WorkingTime:
    """The ``proposed-time`` rule's calendar (even when a team turned the rule off, its times are
    the ones to offer), else office hours from the call policy."""
    rule = next((r for r in ruleset.rules if r.kind == "proposed-time"), None)
    if rule is not None:
        return rule.compiled.calendar
    policy = ruleset.settings.get("schedule") or {}
    start, end = window((policy.get("call") or {}).get("hours", "09:00-18:00"))
    return WorkingTime(start, end, countries=tuple(sorted((policy.get("countries") or {}).items())))


def fill_times(slots, templates, locale: str, data: dict, ruleset, start: dt.datetime | None = None,
               with_sample: bool = True) -> None:
    """Set each slot's ``values``: the times its template offers or promises, and (``role:
    trigger``) when the sequence's trigger happened, ``start``. Without ``with_sample`` (a real
    lead's batch) nothing is filled from a template's sample."""
    calendar = calendar_of(ruleset)
    proposals = ((ruleset.settings.get("schedule") or {}).get("proposals")) or {}
    times = tuple(proposals.get("times") or DEFAULT_TIMES)
    count = int(proposals.get("count", 3))
    days_ahead = int(proposals.get("days_ahead", 1))
    language = i18n.language_of(locale) or "en"
    offered: list[dt.datetime] = []
    for index, slot in enumerate(slots):
        template = templates.get((locale, slot.template)) if slot.template else None
        if template is None or template.meta is None:
            continue
        for name, variable in template.meta.variables.items():
            if name in data:
                continue
            if variable.role == "proposed":
                many = variable.type == "datetime-list"
                # As many times as the template's sample offers (an SMS two, an email three).
                sample = template.meta.sample.get(name)
                wanted = (len(sample) if isinstance(sample, list) and sample else count) if many else 1
                chosen = calendar.propose(slot.actual, wanted, times, language, keep=offered, days_ahead=days_ahead)
                if chosen:
                    slot.values[name] = chosen if many else chosen[0]
                    offered.extend(moment for moment in chosen if moment not in offered)
            elif variable.role == "next-contact":
                following = next((later for later in slots[index + 1:] if later.actual > slot.actual), None)
                if following is not None:
                    slot.values[name] = following.actual
            elif variable.role == "trigger" and start is not None:
                slot.values[name] = start if variable.type == "datetime" else start.date()
            elif variable.role == "meeting":
                # Without the lead's own meeting time, the one the sequence is planned around: the
                # first meeting time after its last step.
                planned = calendar.propose(slots[-1].actual, 1, times, language, days_ahead=1)
                if planned:
                    slot.values[name] = planned[0]
            elif variable.role == "next-subject":
                subject = _next_subject(slots[index + 1:], templates, locale, data, with_sample)
                if subject:
                    slot.values[name] = subject


def _next_subject(later, templates, locale: str, data: dict, with_sample: bool) -> str | None:
    """The subject line of the next email the sequence sends, rendered for the lead."""
    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

    for slot in later:
        template = templates.get((locale, slot.template)) if slot.template else None
        if template is None or template.meta is None or template.meta.channel != "email" or not template.renderable:
            continue
        try:
            return render_subject(template, {**slot.values, **data}, with_sample)
        except (RenderError, DataError):
            return None
    return None
