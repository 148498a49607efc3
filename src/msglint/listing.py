"""``msglint rules`` and ``msglint templates``: what the linter knows and what the pack holds."""

from __future__ import annotations

import json
import sys


def _scope(values):
    return ",".join(values) if values else "all"


def print_rules(ruleset, fmt):
    rows = [{
        "id": r.id, "kind": r.kind, "severity": ruleset.config.severity.get(r.id, r.severity),
        "channels": list(r.channels or []), "locales": list(r.locales or []),
        "purposes": list(r.purposes or []), "stages": list(r.stages or []),
        "enabled": ruleset.config.enabled(r.id), "message": r.message, "source": r.source,
        "file": r.file,
    } for r in ruleset.rules]
    if fmt == "json":
        json.dump({"rules": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    width = max(len(r.id) for r in ruleset.rules)
    for row, rule in zip(rows, ruleset.rules):
        scope = f"channels={_scope(rule.channels)} locales={_scope(rule.locales)} purposes={_scope(rule.purposes)}"
        if rule.stages:
            scope += f" stages={_scope(rule.stages)}"
        off = "" if row["enabled"] else " [dim](off)[/]"
        console.print(f"[bold]{row['id']:<{width}}[/]  {row['severity']:<7}  {rule.kind:<16} {scope}{off}")
        console.print(f"{'':<{width}}  [dim]source:[/] {escape(rule.source)}")


def template_rows(paths):
    from msglint import pack
    from msglint.runner import PackIndex

    index = PackIndex()
    by_id: dict = {}
    for path, root in pack.discover(paths):
        t = index.load(path, root)
        row = by_id.setdefault(t.id, {"id": t.id, "stage": None, "channel": t.channel, "purpose": None,
                                      "locales": [], "description": ""})
        row["locales"].append(t.locale)
        if t.meta:
            row["stage"] = row["stage"] or t.meta.stage
            row["purpose"] = row["purpose"] or t.meta.purpose
            if t.meta.description and (not row["description"] or t.locale == "en"):
                row["description"] = t.meta.description
    return [by_id[k] for k in sorted(by_id)]


def markdown_catalogue(rows) -> str:
    lines = ["| id | stage | channel | purpose | locales | what it is for |", "|---|---|---|---|---|---|"]
    for row in rows:
        description = row["description"].replace("|", "\\|")
        lines.append(f"| `{row['id']}` | {row['stage']} | {row['channel']} | {row['purpose']} | "
                     f"{', '.join(sorted(row['locales']))} | {description} |")
    return "\n".join(lines) + "\n"


def print_templates(paths, fmt):
    rows = template_rows(paths)
    if fmt == "markdown":
        sys.stdout.write(markdown_catalogue(rows))
        return
    if fmt == "json":
        json.dump({"templates": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in ("id", "stage", "channel", "purpose", "locales", "description"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["stage"] or "?", row["channel"] or "?", row["purpose"] or "?",
                      ",".join(sorted(row["locales"])), row["description"])
    Console(highlight=False).print(table)


def print_example_outcomes(ruleset) -> int:
    """Print each failing example; exit code 1 if any, like a test run."""
    from msglint.examples import run_examples

    outcomes = run_examples(ruleset)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        what = "should fire but did not" if o.expect == "fire" else f"should pass but fired: {'; '.join(o.messages)}"
        example = o.example if isinstance(o.example, str) else (o.example.get("body") or o.example.get("template", ""))
        print(f"FAIL {o.rule}: {what}\n    {' '.join(str(example).split())[:160]}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
