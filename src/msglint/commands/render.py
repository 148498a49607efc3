"""``msglint render``: one template, one lead, the message as the recipient gets it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from msglint.render.lead_data import missing_required, parse_vars, read_data_file
from msglint.errors import DataError, MsglintError
from msglint.results import Report
from msglint.template.index import find_template
from msglint.checks.template import lint_template
from msglint.support.spelling import closest
from msglint.support.terminal import for_stream
from msglint import i18n
from msglint.i18n import _
from msglint.commands import completion
from msglint.commands.common import CONFIG, Choice, fails_cleanly, given, setup
from msglint.commands.schedule import render_sequence
from msglint.run.batch import check_out, render_batch
from msglint.render.eml import to_eml
from msglint.support.terminal import console as rich_console
from msglint.report.text import write


# Keys every lead may carry besides the template's variables.
LEAD_KEYS = ("timezone", "send_at", "email")  # email: the To: of --format eml


def check_var_names(template, names, source: str) -> None:
    """A misspelt --var must not render the sample's value in silence."""
    known = [*template.meta.variables, *LEAD_KEYS]
    for name in names:
        if name not in known:
            close = closest(name, known)
            hint = _("did you mean '{name}'? ", name=close) if close else ""
            raise DataError(_("{source} '{name}': {template} has no variable '{name}'; {hint}its variables: "
                              "{variables}", source=source, name=name, template=template.id, hint=hint,
                              variables=", ".join(template.meta.variables)))


def lead_data(template, data_file, pairs) -> tuple[dict, list]:
    """The lead's values and the names whose value came from the template's sample.

    Without --data, the sample fills what --var leaves out (a quick preview); with --data, the
    lead's file stands alone."""
    given = read_data_file(data_file) if data_file else {}
    pairs = parse_vars(pairs)
    check_var_names(template, pairs, "--var")
    given.update(pairs)
    data = given if data_file else {**template.meta.sample, **given}
    missing = missing_required(template.meta.variables, data)
    if missing:
        source = data_file or "--var"
        raise DataError(_("{template} ({locale}) needs {missing}: add {options} or put them in {source}",
                          template=template.id, locale=template.locale, missing=", ".join(missing),
                          options=" ".join(f"--var {m}=..." for m in missing), source=source))
    return data, [name for name in data if name not in given]


def _is_batch(data_file, out) -> bool:
    if data_file is None:
        if out:
            raise MsglintError(_("--out needs --data with the leads to render (CSV, JSON Lines, or a YAML/JSON list)"))
        return False
    suffix = Path(data_file).suffix.lower()
    if suffix in (".csv", ".jsonl", ".ndjson") or out:
        return True
    try:
        head = Path(data_file).read_text(encoding="utf-8-sig").lstrip()
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("[") or head.startswith("- ")


def render_template(template_id, locale, data_file, pairs, root, ruleset, fmt, out=None, encoding=None, defaults_file=None,
        fmt_given=False, jobs=None) -> int:
    template, index = find_template(template_id, locale, root, ruleset.config.stages)
    if not template.renderable:
        first = template.problems[0] if template.problems else None
        reason = f"{template.display}:{first.line}: {first.message}" if first else _("it does not load")
        raise MsglintError(_("cannot render {template} ({locale}): {reason}; run 'msglint lint {path}'",
                             template=template_id, locale=locale, reason=reason, path=template.display))
    if defaults_file and not data_file:
        raise MsglintError(_("--defaults fills what the leads of --data leave empty; give --data too, or put the "
                             "values in --var"))
    if _is_batch(data_file, out):
        if fmt == "eml":
            raise MsglintError(_("--format eml writes one email; for a batch, the JSON Lines carry body and html"))
        if fmt_given and fmt == "text" and out:
            raise MsglintError(_("--out writes JSON Lines for a sending system; drop --format text, or drop --out "
                                 "to read the messages on screen"))
        if out:
            check_out(out, inputs=(data_file, defaults_file))
        defaults = read_data_file(defaults_file) if defaults_file else {}
        defaults.update(parse_vars(pairs))
        check_var_names(template, defaults, "--var" if pairs else "--defaults")
        echo = lambda text: print(text, file=sys.stderr)  # noqa: E731
        summary = render_batch(template, ruleset, data_file, out, encoding, echo, defaults=defaults, jobs=jobs,
                               fmt="text" if fmt_given and fmt == "text" else "json")
        echo(_("msglint: rendered {rendered}, failed {failed}, total {total}", rendered=summary.rendered,
               failed=summary.failed, total=summary.total) + f"{_speed(summary)}{f' -> {out}' if out else ''}")
        if summary.internal:
            return 3
        return 1 if summary.failed else 0
    if defaults_file:
        raise MsglintError(_("--defaults applies to a batch of leads (CSV, JSON Lines, a YAML/JSON list)"))
    data, from_sample = lead_data(template, data_file, pairs)
    result = lint_template(template, ruleset, index, data, with_sample=False)
    message = result.message
    if message is None:  # the lead's data did not render: the loader recorded why, with its line
        problem = next(p for p in reversed(result.problems) if p.kind.startswith("template-"))
        raise MsglintError(f"{template.display}:{problem.line}: {template_id} ({locale}): {i18n.say(problem.message)}")
    report = Report([result])
    if fmt == "eml":
        sys.stdout.flush()
        sys.stdout.buffer.write(to_eml(message, data.get("email")))
        sys.stdout.flush()
        for f in result.findings:
            print(f"msglint: {f.severity} {f.rule}: {f.message}", file=sys.stderr)
        return report.exit_code
    if fmt == "json":
        out = {"template": template.id, "locale": locale, "channel": message.channel,
               "subject": message.subject, "body": message.body,
               **({"html": message.html} if message.html is not None else {}), "facts": message.facts,
               "from_sample": from_sample,
               "findings": [f.to_dict() for f in result.findings], "summary": report.summary()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        _print_text(message, report, from_sample)
    return report.exit_code


def _speed(summary) -> str:
    if summary.seconds <= 0:
        return ""
    if summary.total < 100:  # too few rows for a rate that means anything
        return str(_(" in {seconds} s", seconds=f"{summary.seconds:.2f}"))
    return str(_(" in {seconds} s ({rate} rows/s)", seconds=f"{summary.seconds:.1f}",
                 rate=f"{summary.total / summary.seconds:,.0f}"))


def _print_text(message, report, from_sample=()):
    from rich.markup import escape

    console = rich_console(highlight=False, soft_wrap=True)
    shown = lambda text: escape(for_stream(text, sys.stdout))  # noqa: E731 - lead data may hold escapes
    console.print(f"[bold]{message.template}[/] {escape(f'[{message.locale}]')} · {message.channel}")
    if from_sample:
        label = str(_("from the template's sample, not the lead:"))
        console.print(f"[yellow]{escape(label)}[/] {escape(', '.join(from_sample))}")
    if message.subject is not None:
        console.print(f"[bold]Subject:[/] {shown(message.subject)}")
    console.rule(style="dim")
    console.print(shown(message.body))
    console.rule(style="dim")
    console.print(" · ".join(f"{k} {v}" for k, v in message.facts.items() if not isinstance(v, dict)))
    write(report, sys.stdout, kind="render")


@click.command()
@click.argument("template_id", metavar="ID", required=False, shell_complete=completion.template_ids)
@click.option("--sequence", shell_complete=completion.sequences,
              help="Render a whole sequence (a name under sequences/, or its file) for every lead of --data.")
@click.option("--start", help="Sequence: when the trigger happened, for leads without a 'start' column (ISO 8601).")
@click.option("--locale", required=True, shell_complete=completion.locales, help="Which locale's template to render.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False), help="Lead data, YAML or JSON.")
@click.option("--var", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A variable's value (repeatable); with a batch, the value for every lead that has none.")
@click.option("--defaults", "defaults_file", type=click.Path(dir_okay=False),
              help="Batch: values (YAML or JSON) for every lead that has none, e.g. the sender's name and phone.")
@click.option("--templates", "root", type=click.Path(file_okay=False), help="Templates folder (default: the project's).")
@click.option("--out", type=click.Path(dir_okay=False), help="Batch: write one JSON line per lead here (default: stdout).")
@click.option("--encoding", help="Batch: the CSV's encoding (default: detect UTF-8, UTF-8 with BOM, CP949).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Batch: worker processes (default: every core from 2,000 rows); the output keeps the input's order.")
@click.option("--format", "fmt", type=Choice(["text", "json", "eml"]), default="text", show_default=True,
              help="Output format; eml writes an email as a MIME message a mail client opens.")
@CONFIG
@fails_cleanly
def render(template_id, sequence, start, locale, data_file, pairs, defaults_file, root, out, encoding, jobs, fmt,
           config_path):
    """Print the message ID rendered for one lead, with its facts and findings.

    With --data leads.csv (or .jsonl, or a YAML/JSON list) it renders every lead: one JSON line
    per row, failures reported by row and field, and a summary on stderr. With --sequence NAME
    instead of ID: one JSON line per lead and step, with the time it is sent.
    """
    if bool(template_id) == bool(sequence):
        raise click.UsageError(str(_("name a template ID or a --sequence, not both")) if template_id
                               else str(_("name the template ID to render (or --sequence NAME)")))
    config, ruleset = setup(config_path)
    if sequence:
        sys.exit(render_sequence(sequence, locale, data_file, pairs, defaults_file, out, encoding, start, ruleset,
                           config))
    sys.exit(render_template(template_id, locale, data_file, pairs, root or config.templates or ".", ruleset, fmt,
                 out=out, encoding=encoding, defaults_file=defaults_file, fmt_given=given("fmt"), jobs=jobs))
