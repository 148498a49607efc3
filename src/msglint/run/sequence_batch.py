"""``msglint render --sequence NAME --data leads.csv``: what a sending system imports.

One JSON line per lead and step: the step, its channel and template, when it really happens (after
the moves ``msglint schedule`` shows) and, for a message, its rendered text and findings at that
time. A lead's trigger time is its ``start`` column (else ``--start``), its zone its ``timezone``
column (else the locale's usual one). Every row is accounted for, as in a template batch: a lead
that cannot be scheduled or rendered is one line with its row number and the reason.
"""

from __future__ import annotations

import json
import time

from msglint import i18n
from msglint.errors import DataError, MsglintError
from msglint.i18n import _
from msglint.languages import default_zone
from msglint.render.jinja import RenderError
from msglint.render.lead_data import lead_values, missing_required
from msglint.run.batch import Summary, _atomic, check_out
from msglint.run.lead_files import read
from msglint.sequence.schedule import check_step, plan
from msglint.sequence.times import fill_times
from msglint.support.send_time import parse_send_at


def render_sequence_batch(sequence, templates, locale, ruleset, data_file, out, encoding, echo,
                          start=None, defaults=None) -> Summary:
    if out is not None:
        check_out(out, inputs=(data_file,))
    defaults = defaults or {}
    leads = read(data_file, encoding)
    if leads.columns is not None:
        # A column every lead lacks fails every row alike: say it once, before the first row, as a
        # single template's batch does.
        for template in templates.values():
            if template.locale != locale or template.meta is None:
                continue
            # What the schedule works out for each step (offered times, the next step, the next
            # email's subject, the trigger's day) needs no column.
            computed = [n for n, v in template.meta.variables.items()
                        if v.role in ("proposed", "next-contact", "next-subject", "trigger")]
            missing = missing_required(template.meta.variables, [*leads.columns, *defaults, *computed])
            if missing:
                raise DataError(_("{file} has no column for {missing} (its columns: {columns}); {template} in this "
                                  "sequence needs them on every row (or give a value for every lead with --var "
                                  "{first}=...)", file=data_file, missing=", ".join(missing),
                                  columns=", ".join(leads.columns), template=template.id, first=missing[0]))
    summary = Summary()
    began = time.perf_counter()

    with _atomic(out) as stream:
        for number, row in leads.rows:
            lines = []
            try:
                if not isinstance(row, dict):  # the reader's reason why the row is unusable
                    raise DataError(row)
                lead = {**defaults, **{k: v for k, v in row.items() if v not in (None, "")}}
                when = lead.pop("start", None) or start
                if not when:
                    raise DataError(_("no start time: give the lead a 'start' column or pass --start"))
                zone = lead.get("timezone") or default_zone(locale)
                moment = parse_send_at(str(when), str(zone), option="start")
                slots = plan(sequence, moment, locale, ruleset.settings, templates)
                fill_times(slots, templates, locale, lead, ruleset, start=moment, with_sample=False)
                for slot in slots:
                    line = {"row": number, "sequence": sequence.name, "step": slot.step.number,
                            "action": slot.step.action, "if": slot.step.condition, "channel": slot.channel,
                            "template": slot.template, "locale": locale, "planned": slot.planned.isoformat(),
                            "send_at": slot.actual.isoformat(),
                            "moved": [i18n.said_for(locale, reason) for reason in slot.reasons]}
                    template = templates.get((locale, slot.template)) if slot.template else None
                    if template is not None:
                        values = lead_values(template.meta.variables, {**slot.values, **{
                            k: v for k, v in lead.items() if k in template.meta.variables}})
                        message = check_step(slot, template, values, ruleset, locale, with_sample=False)
                        line.update(subject=message.subject, body=message.body, facts=message.facts,
                                    proposed=[moment.isoformat() for moment in message.proposed],
                                    findings=[f.to_dict() for f in slot.findings])
                    lines.append(line)
                summary.rendered += 1
            except (DataError, RenderError, MsglintError) as exc:
                lines = [{"row": number, "sequence": sequence.name, "error": str(exc)}]
                summary.failed += 1
                echo(_("msglint: {file} row {row}: {problem}", file=data_file, row=number, problem=exc))
            for line in lines:
                stream.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    summary.seconds = time.perf_counter() - began
    return summary
