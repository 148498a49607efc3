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
    values = coerce({**(meta.sample if with_sample else {}), **data}, meta.variables)
    if meta.timezone and "timezone" not in values:
        values["_timezone"] = meta.timezone
    body = template.body.render(values, template.locale)
    subject = template.subject.render(values, template.locale) if template.subject else None
    return Message(
        body=body.text, channel=meta.channel, locale=template.locale,
        subject=" ".join(subject.text.split()) if subject else None,
        purpose=meta.purpose, audience=meta.audience, stage=meta.stage, register=meta.register,
        send_at=_send_at(values), template=template.id, path=template.display,
        body_map=body.map, subject_map=subject.map if subject else None, html=body.html,
        name_variables=frozenset(n for n, v in meta.variables.items() if v.role == "name" or n == "name"),
        proposed=proposed_times(meta.variables, values), meetings=proposed_times(meta.variables, values, "meeting"),
        buttons=meta.buttons,
    )


def proposed_times(variables: dict, values: dict, role: str = "proposed") -> tuple:
    """The datetimes that the variables with ``role`` (``proposed``, ``meeting``) hold, in order."""
    out = []
    for name, variable in variables.items():
        value = values.get(name) if variable.role == role else None
        for moment in value if isinstance(value, (list, tuple)) else (value,):
            if hasattr(moment, "tzinfo"):  # a datetime (a date or text is not a time anyone can meet at)
                out.append(moment)
    return tuple(out)


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


