"""``msglint templates``: what the pack holds, one row per template id."""

from __future__ import annotations

import json
import sys

import click

from msglint.commands.common import CONFIG, Choice, fails_cleanly
from msglint.config import find_config, load_config
from msglint.template import pack
from msglint.template.index import PackIndex
from msglint.support.terminal import console as rich_console


def template_rows(paths, stages=None):
    index = PackIndex(stages)
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


def print_templates(paths, fmt, stages=None):
    rows = template_rows(paths, stages)
    if fmt == "markdown":
        sys.stdout.write(markdown_catalogue(rows))
        return
    if fmt == "json":
        json.dump({"templates": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.table import Table

    console = rich_console(highlight=False)
    # Ids, stages and channels are copied into commands and config: never wrapped or cut. The
    # description takes what room is left, and makes way on a narrow terminal.
    described = console.width >= 110
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("id", "stage", "channel", "purpose", "locales"):
        widest = max((len(str(r[column] if column != "locales" else ",".join(r[column]))) for r in rows), default=0)
        table.add_column(column, no_wrap=True, overflow="ignore" if column in ("id", "stage") else "ellipsis",
                         min_width=max(widest, len(column)) if column in ("id", "stage") else None)
    if described:
        table.add_column("description", overflow="fold")
    for row in rows:
        cells = [row["id"], row["stage"] or "?", row["channel"] or "?", row["purpose"] or "?",
                 ",".join(sorted(row["locales"]))]
        table.add_row(*cells, *([row["description"]] if described else []))
    console.print(table)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="Output format; markdown prints the catalogue table used in README.md.")
@CONFIG
@fails_cleanly
def templates(paths, fmt, config_path):
    """List the pack: id, stage, channel, purpose, locales, description."""
    config = load_config(config_path) if config_path else find_config()
    print_templates(paths or (config.templates or ".",), fmt, config.stages)
