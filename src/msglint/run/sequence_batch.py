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
from msglint.run.batch import Summary, _atomic, check_out
from msglint.render.lead_data import lead_values, missing_required
from msglint.checks.engine import check_message, keep
from msglint.errors import DataError, MsglintError
from msglint.i18n import _
from msglint.run.lead_files import read
from msglint.render.jinja import RenderError
from msglint.render.lead import render_message
from msglint.languages import default_zone
from msglint.support.send_time import parse_send_at
from msglint.sequence.schedule import plan


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
            missing = missing_required(template.meta.variables, [*leads.columns, *defaults])
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
                for slot in plan(sequence, moment, locale, ruleset.settings, templates):
                    line = {"row": number, "sequence": sequence.name, "step": slot.step.number,
                            "action": slot.step.action, "if": slot.step.condition, "channel": slot.channel,
                            "template": slot.template, "locale": locale, "planned": slot.planned.isoformat(),
                            "send_at": slot.actual.isoformat(),
                            "moved": [i18n.said_for(locale, reason) for reason in slot.reasons]}
                    template = templates.get((locale, slot.template)) if slot.template else None
                    if template is not None:
                        values = lead_values(template.meta.variables,
                                             {k: v for k, v in lead.items() if k in template.meta.variables})
                        message = render_message(template, values, with_sample=False)
                        message.send_at = slot.actual
                        message.measure(ruleset.settings)
                        with i18n.reading(locale):
                            findings = keep(ruleset, check_message(ruleset, message, with_location=False))
                        line.update(subject=message.subject, body=message.body, facts=message.facts,
                                    findings=[f.to_dict() for f in findings])
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
