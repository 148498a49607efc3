"""``msglint schedule``: the sequence in the lead's calendar, each message checked at its real time."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from msglint import i18n
from msglint.commands import completion
from msglint.commands.common import CONFIG, FORMAT, fails_cleanly, setup
from msglint.errors import DataError, MsglintError
from msglint.findings import count
from msglint.i18n import _
from msglint.languages import default_zone
from msglint.render.lead_data import parse_vars, read_data_file
from msglint.run.sequence_batch import render_sequence_batch
from msglint.sequence.check import judge, prepare
from msglint.sequence.schedule import check_step, plan
from msglint.sequence.times import fill_times
from msglint.support.send_time import parse_send_at
from msglint.support.spelling import did_you_mean
from msglint.support.terminal import console as rich_console
from msglint.template.index import PackIndex, templates_of


def schedule_one(sequence_file: str, start: str, locale: str, tz: str | None, data: dict, ruleset, fmt: str) -> int:
    from msglint.render.jinja import RenderError  # Jinja: loaded only to compile or render

    path = Path(sequence_file)
    if not path.is_file():
        raise MsglintError(_("{path}: no such file", path=sequence_file))
    loaded = _ready(path.resolve(), locale, ruleset)
    if loaded is None:
        return 1
    sequence, templates, linted = loaded
    zone = tz or data.get("timezone") or default_zone(locale)
    moment = parse_send_at(start, zone, option="--start")

    slots = plan(sequence, moment, locale, ruleset.settings, templates)
    fill_times(slots, templates, locale, data, ruleset, start=moment)
    for slot in slots:
        template = templates.get((locale, slot.template)) if slot.template else None
        if template is None or not template.renderable:
            continue
        try:
            check_step(slot, template, data, ruleset, locale)
        except (RenderError, DataError) as exc:
            slot.first_line = str(_("does not render: {reason}", reason=exc.args[0] if exc.args else exc))
    findings = [f for slot in slots for f in slot.findings]
    if fmt == "json":
        _write_json(sequence, locale, zone, moment, slots, linted.findings)
    else:
        _write_text(sequence, locale, zone, slots, linted.findings)
    return 1 if count(findings + linted.findings)["errors"] else 0


def _when(moment: dt.datetime, language: str) -> str:
    from babel.dates import format_datetime

    return format_datetime(moment, "yyyy-MM-dd (E) HH:mm", locale=language)


def _write_text(sequence, locale, zone, slots, sequence_findings) -> None:
    """One block per step: when (planned → actual), channel, template, why it moved, first line,
    findings. Blocks read better than a wide table on a terminal and in a CI log."""
    from rich.markup import escape

    language = i18n.language_of(locale) or "en"
    console = rich_console(file=sys.stdout, highlight=False, soft_wrap=True)
    with i18n.reading(locale):
        console.print(f"[bold]{escape(sequence.name)}[/] · {escape(locale)} · {escape(zone)}")
        moved_label, subject_label = str(_("moved")), str(_("subject"))
        for slot in slots:
            when = _when(slot.planned, language)
            if slot.actual != slot.planned:
                when = f"{when} → [bold]{_when(slot.actual, language)}[/]"
            what = slot.template or slot.step.note or ""
            condition = f" ({slot.step.condition})" if slot.step.condition != "always" else ""
            console.print(f"{slot.step.number:>2}  {when}  {slot.channel:<9} {escape(what)}{escape(condition)}")
            for reason in slot.reasons:
                console.print(f"    [yellow]{escape(moved_label)}:[/] {escape(str(reason))}")
            if slot.subject:
                console.print(f"    [dim]{escape(subject_label)}:[/] {escape(slot.subject)}")
            if slot.first_line:
                console.print(f"    [dim]│[/] {escape(slot.first_line)}")
            for f in slot.findings:
                console.print(f"    {f.severity} [bold]{f.rule}[/] {escape(f.message)}")
        for f in sequence_findings:
            console.print(f"{escape(sequence.display)}:{f.line}:{f.column}: {f.severity} [bold]{f.rule}[/] "
                          f"{escape(f.message)}")


def _write_json(sequence, locale, zone, start, slots, sequence_findings) -> None:
    out = {
        "sequence": sequence.name, "path": sequence.display, "locale": locale, "timezone": zone,
        "start": start.isoformat(),
        "steps": [{
            "step": slot.step.number, "action": slot.step.action, "channel": slot.channel,
            "template": slot.template, "if": slot.step.condition,
            "planned": slot.planned.isoformat(), "actual": slot.actual.isoformat(),
            "moved": [str(i18n.said_for(locale, r)) for r in slot.reasons],
            "subject": slot.subject, "first_line": slot.first_line, "body": slot.body,
            "proposed": [moment.isoformat() for moment in slot.proposed],
            "findings": [f.to_dict() for f in slot.findings],
        } for slot in slots],
        "findings": [f.to_dict() for f in sequence_findings],
        "summary": count([f for slot in slots for f in slot.findings] + sequence_findings),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _ready(path: Path, locale: str, ruleset):
    """(sequence, templates, its lint result) for sending in ``locale``, or None after printing
    why the sequence cannot be scheduled."""
    sequence, templates = prepare(path, PackIndex(ruleset.config.stages), templates_of(path.parent.parent))
    linted = judge(sequence, templates, ruleset)
    broken = [f for f in linted.findings if f.rule == "sequence-file"]
    if broken:
        _print_findings(broken)
        return None
    if locale not in sequence.locales:
        raise MsglintError(_("{path} is sent in {locales}, not in {locale}", path=sequence.display,
                             locales=", ".join(sequence.locales), locale=locale))
    return sequence, templates, linted


def _print_findings(findings) -> None:
    for f in findings:
        print(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")


def find_sequence(name: str, config) -> Path:
    """A sequence named on the command line: a file, or a name under the project's sequences/."""
    path = Path(name)
    if path.is_file():
        return path
    project = Path(config.templates).parent if config.templates else Path.cwd()
    folder = project / "sequences"
    candidate = folder / f"{name}.yaml"
    if candidate.is_file():
        return candidate

    known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    raise MsglintError(_("no sequence '{name}' in {folder}{hint}", name=name, folder=folder,
                         hint=did_you_mean(name, known)))


def render_sequence(name, locale, data_file, pairs, defaults_file, out, encoding, start, ruleset, config) -> int:

    if not data_file:
        raise MsglintError(_("--sequence renders a batch: give the leads with --data (CSV, JSON Lines, "
                             "or a YAML/JSON list)"))
    loaded = _ready(find_sequence(name, config).resolve(), locale, ruleset)
    if loaded is None:
        return 1
    sequence, templates, _linted = loaded
    if start:
        parse_send_at(start, "UTC", option="--start")  # a bad --start is a usage error before any lead is read
    defaults = read_data_file(defaults_file) if defaults_file else {}
    defaults.update(parse_vars(pairs))
    echo = lambda text: print(text, file=sys.stderr)  # noqa: E731
    summary = render_sequence_batch(sequence, templates, locale, ruleset, data_file, out, encoding, echo,
                                    start=start, defaults=defaults)
    echo(_("msglint: rendered {rendered}, failed {failed}, total {total}", rendered=summary.rendered,
           failed=summary.failed, total=summary.total) + (f" -> {out}" if out else ""))
    return 1 if summary.failed else 0


@click.command()
@click.argument("sequence", metavar="SEQUENCE", shell_complete=completion.sequences)
@click.option("--start", required=True, help="When the trigger happened, ISO 8601 (e.g. 2026-02-13T20:30).")
@click.option("--locale", required=True, shell_complete=completion.locales,
              help="The lead's language: which locale's templates are sent.")
@click.option("--tz", help="The lead's time zone (IANA; default: the lead data's, else the locale's usual one).")
@click.option("--data", "data_file", type=click.Path(dir_okay=False),
              help="The lead (YAML or JSON); values it lacks come from each template's sample.")
@FORMAT
@CONFIG
@fails_cleanly
def schedule(sequence, start, locale, tz, data_file, fmt, config_path):
    """The sequence as the lead lives it: planned and actual times, moves and why, each message checked."""
    config, ruleset = setup(config_path)
    data = read_data_file(data_file) if data_file else {}
    sys.exit(schedule_one(sequence, start, locale, tz, data, ruleset, fmt))
