"""Run each rule's own examples: what must fire and what must pass.

Used by the test suite and by ``msglint rules --test``, so a team that writes its own rule file
can prove, without Python, that its rules fire where they should and nowhere else.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from msglint.checks.engine import Ruleset, build_ruleset
from msglint.checks.text import check_text
from msglint.template.index import PackIndex
from msglint.checks.template import lint_template
from msglint.support.send_time import parse_send_at
from msglint.support import safe_yaml
from msglint.fixes.apply import fix_message

_FOLDER = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,30}$")
CONTEXT_KEYS = ("channel", "locale", "subject", "purpose", "audience", "stage", "register", "send_at", "tz", "proposed", "meetings")


@dataclass
class Outcome:
    rule: str
    expect: str  # "fire" or "pass"
    example: object
    fired: bool
    messages: list

    @property
    def ok(self) -> bool:
        # A fix example "fires" when the fix turns its "before" into exactly its "after".
        return self.fired if self.expect == "fix" else self.fired == (self.expect == "fire")


def _first(values, default):
    return values[0] if values else default


def _context(rule, example: dict) -> dict:
    context = {
        "channel": _first(rule.channels, "email" if rule.scope == "subject" else "sms"),
        "locale": _first(rule.locales, "en"),
        "purpose": _first(rule.purposes, "transactional"),
        "audience": _first(rule.audiences, "b2b"),
        "stage": _first(rule.stages, None),
        "register": _first(rule.registers, "neutral"),
    }
    context.update({k: v for k, v in example.items() if k in CONTEXT_KEYS})
    return context


# What an example may set of the config, for a rule that reads it (sender-identity reads the
# contact and sending numbers).
CONFIG_KEYS = {"sender-number": "sender_number", "contact-number": "contact_number", "sender-names": "sender_names"}


def _run_message(rule, ruleset, example) -> list:
    if isinstance(example, str):
        example = {"body": example}
    settings = example.get("config")
    if isinstance(settings, dict) and settings:
        values = {CONFIG_KEYS[k]: tuple(v) if k == "sender-names" else str(v) for k, v in settings.items() if k in CONFIG_KEYS}
        ruleset = build_ruleset(replace(ruleset.config, **values))
    context = _context(rule, example)
    body = example.get("body", "") * int(example.get("repeat", 1))
    send_at = context.pop("send_at", None)
    tz = context.pop("tz", None)
    if send_at is not None:
        send_at = parse_send_at(str(send_at), tz)
    # The times the message offers (a template's role: proposed variables), read in the same zone.
    proposed, meetings = (tuple(parse_send_at(str(moment), tz) for moment in context.pop(key, None) or ())
                          for key in ("proposed", "meetings"))
    result = check_text(body, ruleset, send_at=send_at, proposed=proposed, meetings=meetings, **context)
    return [f for f in result.findings if f.rule == rule.id]


def _run_template(rule, ruleset, example) -> list:
    source = example["template"] if isinstance(example, dict) else example
    locale = example.get("locale", _first(rule.locales, "en")) if isinstance(example, dict) else "en"
    with tempfile.TemporaryDirectory() as tmp:
        import yaml

        head = source.split("---")[1] if source.startswith("---") else ""
        try:
            meta = safe_yaml.load(head)
        except yaml.YAMLError:
            meta = None
        channel = meta.get("channel", "sms") if isinstance(meta, dict) else "sms"
        # Only plain names become folders: an example's "channel: ../../x" stays inside tmp (and
        # gets its front-matter finding from the lint, like any other bad channel).
        channel = channel if isinstance(channel, str) and _FOLDER.match(channel) else "sms"
        locale = locale if isinstance(locale, str) and _FOLDER.match(locale) else "en"
        file = Path(tmp, "templates", locale, channel, "example.txt.j2")
        file.parent.mkdir(parents=True)
        file.write_text(source, encoding="utf-8")
        index = PackIndex()
        result = lint_template(index.load(file, file.parents[2]), ruleset, index)
    return [f for f in result.findings if f.rule == rule.id]


def run_examples(ruleset: Ruleset, rules=None) -> list[Outcome]:
    outcomes = []
    for rule in rules or ruleset.rules:
        # An example tests its own rule variant, with the config's choices left out.
        solo = Ruleset([rule], type(ruleset.config)(), ruleset.settings)
        solo.known_ids = ruleset.known_ids
        for expect in ("fire", "pass"):
            for example in rule.examples.get(expect) or []:
                if rule.level == "message" and not (isinstance(example, dict) and "template" in example):
                    found = _run_message(rule, solo, example)
                else:
                    found = _run_template(rule, solo, example)
                outcomes.append(Outcome(rule.id, expect, example, bool(found), [f.message for f in found]))
        for example in rule.examples.get("fix") or []:
            outcomes.append(_run_fix(rule, solo, example))
    return outcomes


def _run_fix(rule, ruleset, example) -> Outcome:
    context = _context(rule, example)
    for key in ("send_at", "tz"):
        context.pop(key, None)
    fixed = fix_message(str(example["before"]), ruleset, unsafe=True, values=example.get("values"), **context)
    return Outcome(rule.id, "fix", example, fixed.after == example["after"], [fixed.after])
