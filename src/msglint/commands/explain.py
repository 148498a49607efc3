"""``msglint explain RULE`` (and ``msglint rules RULE``): one rule, as a marketer needs it — what
it checks, why (its source), where it applies, its settings, examples that fire and pass, and how
to silence it — in the reader's language."""

from __future__ import annotations

import json
import sys

import click

from msglint.i18n import _
from msglint.commands import completion
from msglint.commands.common import CONFIG, FORMAT, fails_cleanly, setup
from msglint.report.explain import LABELS, measurement, as_data

def write(ruleset, rule_id: str, fmt: str) -> None:
    data = as_data(ruleset, rule_id)
    if fmt == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    said = {key: str(_(text)) for key, text in LABELS.items()}
    out = [data["id"]]
    if data["description"]:
        out.append(f"  {data['description']}")
    for v in data["variants"]:
        scope = " · ".join(f"{name}: {', '.join(v[name]) or said['all']}" for name in ("channels", "locales", "purposes"))
        out += ["", f"  {v['kind']} · {v['severity']} · {scope}" + ("" if v["enabled"] else f" · {said['disabled']}")]
        out.append(f"  {said['says']}: {v['message']}")
        if v["suggestion"]:
            out.append(f"  {said['suggests']}: {v['suggestion']}")
        out.append(f"  {said['why']}: {v['source']}")
        if v["fix"]:
            out.append(f"  {said['fix']}: {v['fix']}")
        if v["measured"]:
            out.append(f"  {said['measured']}: {measurement(v['measured'])}")
        for key, value in v["settings"].items():
            out.append(f"  {key}: {value}")
        for label, examples in ((said["fires"], v["fires"]), (said["passes"], v["passes"])):
            for example in examples[:3]:
                out.append(f"  {label}: {example}")
    out += ["", f"  {said['silence']}:", f"    {said['line']}: {data['silence']['line']}",
            f"    {said['file']}: {data['silence']['file']}", f"    {said['config']}: {data['silence']['config']}"]
    print("\n".join(out))


@click.command()
@click.argument("rule_id", metavar="RULE", shell_complete=completion.rule_ids)
@FORMAT
@CONFIG
@fails_cleanly
def explain(rule_id, fmt, config_path):
    """One rule: what it checks, why, where, its settings, examples, how to silence it."""
    _, ruleset = setup(config_path)
    write(ruleset, rule_id, fmt)
