"""``msglint render``: one template, one lead, the message as the recipient gets it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from msglint import pack
from msglint.data import missing_required, parse_vars, read_data_file
from msglint.errors import DataError, MsglintError
from msglint.results import Report
from msglint.runner import PackIndex, lint_template


def find_template(template_id: str, locale: str, root: str):
    """The template and the index it was loaded with; only that file is read."""
    index = PackIndex()
    entries = pack.discover([root])
    found = {}
    for path, pack_root in entries:
        relative = path.relative_to(pack_root) if path.is_relative_to(pack_root) else None
        if relative is not None and len(relative.parts) >= 3 and pack.template_id(relative) == template_id:
            found[relative.parts[0]] = (path, pack_root)
    if locale not in found:
        if found:
            raise MsglintError(f"'{template_id}' has no {locale} version (it exists in {', '.join(sorted(found))})")
        raise MsglintError(f"no template '{template_id}' under {root}; 'msglint templates' lists them")
    return index.load(*found[locale]), index


def lead_data(template, data_file, pairs) -> dict:
    data = read_data_file(data_file) if data_file else dict(template.meta.sample)
    data.update(parse_vars(pairs))
    missing = missing_required(template.meta.variables, data)
    if missing:
        source = data_file or "--var"
        raise DataError(
            f"{template.id} ({template.locale}) needs {', '.join(missing)}: "
            f"add {' '.join(f'--var {m}=...' for m in missing)} or put {'them' if len(missing) > 1 else 'it'} in {source}"
        )
    return data


def _is_batch(data_file, out) -> bool:
    if data_file is None:
        if out:
            raise MsglintError("--out needs --data with the leads to render (CSV, JSON Lines, or a YAML/JSON list)")
        return False
    suffix = Path(data_file).suffix.lower()
    if suffix in (".csv", ".jsonl", ".ndjson") or out:
        return True
    try:
        head = Path(data_file).read_text(encoding="utf-8-sig").lstrip()
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("[") or head.startswith("- ")


def run(template_id, locale, data_file, pairs, root, ruleset, fmt, out=None, encoding=None) -> int:
    template, index = find_template(template_id, locale, root)
    if not template.renderable:
        first = template.problems[0] if template.problems else None
        reason = f"{template.display}:{first.line}: {first.message}" if first else "it does not load"
        raise MsglintError(f"cannot render {template_id} ({locale}): {reason}; run 'msglint lint {template.display}'")
    if _is_batch(data_file, out):
        from msglint.batch import render_batch

        if pairs:
            raise MsglintError("--var applies to one lead; for a batch, put the value in a column")
        echo = lambda text: print(text, file=sys.stderr)  # noqa: E731
        summary = render_batch(template, ruleset, data_file, out, encoding, echo)
        speed = f" ({summary.total / summary.seconds:,.0f} rows/s)" if summary.seconds > 0.05 else ""
        echo(f"msglint: rendered {summary.rendered}, failed {summary.failed}, total {summary.total}"
             f"{speed}{f' -> {out}' if out else ''}")
        return 1 if summary.failed else 0
    data = lead_data(template, data_file, pairs)
    result = lint_template(template, ruleset, index, data, with_sample=False)
    message = result.message
    if message is None:  # the lead's data did not render: the loader recorded why, with its line
        problem = next(p for p in reversed(template.problems) if p.kind.startswith("template-"))
        raise MsglintError(f"{template.display}:{problem.line}: {template_id} ({locale}): {problem.message}")
    report = Report([result])
    if fmt == "json":
        out = {"template": template.id, "locale": locale, "channel": message.channel,
               "subject": message.subject, "body": message.body, "facts": message.facts,
               "findings": [f.to_dict() for f in result.findings], "summary": report.summary()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        _print_text(message, report)
    return report.exit_code


def _print_text(message, report):
    from rich.console import Console
    from rich.markup import escape

    from msglint.report.text import write

    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]{message.template}[/] {escape(f'[{message.locale}]')} · {message.channel}")
    if message.subject is not None:
        console.print(f"[bold]Subject:[/] {escape(message.subject)}")
    console.rule(style="dim")
    console.print(escape(message.body))
    console.rule(style="dim")
    console.print(" · ".join(f"{k} {v}" for k, v in message.facts.items() if not isinstance(v, dict)))
    write(report, sys.stdout, kind="render")
