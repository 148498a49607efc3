"""One template rendered for one lead: the Message the lead would receive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.errors import DataError, MsglintError
from msglint.message import Message
from msglint.render.lead_data import coerce
from msglint.support.send_time import parse_send_at

if TYPE_CHECKING:  # a template is read by duck typing: render/ sits below template/ (which compiles with it)
    from msglint.template.pack import Template


def render_message(template: Template, data: dict, with_sample: bool = True) -> Message:
    """Render a loadable template for one lead. Raises RenderError or DataError.

    With ``with_sample`` the template's sample fills what ``data`` leaves out (lint, quick
    previews); a real lead's data stands alone, so a sample value never reaches a customer.
    """
    meta = template.meta
    values = _values(template, data, with_sample)
    body = template.body.render(values, template.locale)
    subject = template.subject.render(values, template.locale) if template.subject else None
    return Message(
        body=body.text, channel=meta.channel, locale=template.locale,
        subject=" ".join(subject.text.split()) if subject else None,
        purpose=meta.purpose, audience=meta.audience, stage=meta.stage, register=meta.register,
        send_at=_send_at(values), template=template.id, path=template.display,
        body_map=body.map, subject_map=subject.map if subject else None, html=body.html,
        name_variables=frozenset(n for n, v in meta.variables.items() if v.role == "name" or n == "name"),
        **_times(meta.variables, values), buttons=meta.buttons,
    )


def render_subject(template: Template, data: dict, with_sample: bool = True) -> str | None:
    """Only the subject line of ``template`` for one lead (what a voicemail announces), without
    rendering its body. Raises RenderError or DataError."""
    if template.subject is None:
        return None
    return " ".join(template.subject.render(_values(template, data, with_sample), template.locale).text.split())


def _values(template: Template, data: dict, with_sample: bool) -> dict:
    meta = template.meta
    values = coerce({**(meta.sample if with_sample else {}), **data}, meta.variables)
    if meta.timezone and "timezone" not in values:
        values["_timezone"] = meta.timezone
    return values


# The message fields that hold the datetimes of the variables with each role, which the
# proposed-time rule checks against the send time.
_TIME_FIELDS = {"proposed": "proposed", "meeting": "meetings"}


def _times(variables: dict, values: dict) -> dict:
    """{"proposed": (...), "meetings": (...)}: the datetimes the variables of those roles hold, in
    order, read in one pass (a date or a text is not a time anyone can meet at)."""
    out: dict = {}
    for name, variable in variables.items():
        field = _TIME_FIELDS.get(variable.role)
        value = values.get(name) if field else None
        for moment in value if isinstance(value, (list, tuple)) else (value,):
            if hasattr(moment, "tzinfo"):
                out.setdefault(field, []).append(moment)
    return {field: tuple(moments) for field, moments in out.items()}


def _send_at(values: dict):
    """A lead's ``send_at``, read in the lead's ``timezone`` when it carries no offset of its own."""
    moment = values.get("send_at")
    if moment is None:
        return None
    zone = values.get("timezone")
    if hasattr(moment, "tzinfo") and moment.tzinfo is not None and not zone:
        return moment
    try:
        return parse_send_at(moment, str(zone) if zone else None, option="send_at")
    except MsglintError as exc:
        raise DataError(str(exc)) from None


