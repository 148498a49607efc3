"""JSON Schemas of the files people write by hand: template front matter, rule files, the config
and sequences. Built from the same names the loaders check, so an editor and msglint never
disagree. ``msglint schema NAME`` prints one; point the YAML language server at it."""

from __future__ import annotations

import json

import click

from msglint import i18n
from msglint.commands.common import Choice, fails_cleanly
from msglint.commands.schema_text import describe
from msglint.config import KEYS as CONFIG_KEYS
from msglint.findings import SEVERITIES
from msglint.checks.kinds import kind_names
from msglint.template.metadata import (
    AUDIENCES, CHANNELS, PURPOSES, REGISTERS, ROLES, STAGES, TOP_KEYS, VARIABLE_KEYS, VARIABLE_TYPES,
)
from msglint.template.buttons import TYPES as BUTTON_TYPES
from msglint.template.sequence_file import AUDIENCES as SEQ_AUDIENCES, CONDITIONS, PACES, STEP_KEYS, TOP_KEYS as SEQ_KEYS, TRIGGERS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KEBAB = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
NAMES = ("front-matter", "rules", "config", "sequence")


def _text() -> dict:
    """One text, or one per language: what rule messages and suggestions take."""
    return {"oneOf": [{"type": "string", "minLength": 1},
                      {"type": "object", "propertyNames": {"enum": list(i18n.LANGUAGES)},
                       "additionalProperties": {"type": "string", "minLength": 1}, "minProperties": 1}]}


def _names(values=None) -> dict:
    item = {"enum": list(values)} if values else {"type": "string"}
    return {"oneOf": [item, {"type": "array", "items": item}]}


def front_matter() -> dict:
    variable = {
        "type": "object", "additionalProperties": False,
        "properties": {
            "required": {"type": "boolean", "default": True},
            "type": {"enum": list(VARIABLE_TYPES), "default": "string"},
            "description": {"type": "string"},
            "max_length": {"type": "integer", "minimum": 1},
            "examples": {"type": "array"},
            "role": {"type": "string", "examples": list(ROLES), "description": "name: the lead's name; proposed: times the message offers "
                     "(msglint schedule fills them); next-contact: the time of the sequence's next step; others name "
                     "what the value is to personalization rules (topic)"},
        },
    }
    schema = {
        "$schema": DRAFT, "title": "msglint template front matter", "type": "object",
        "additionalProperties": False, "required": ["channel", "stage", "purpose"],
        "properties": {
            "channel": {"enum": list(CHANNELS)},
            "stage": {"type": "string", "pattern": KEBAB, "examples": list(STAGES),
                      "description": "one of msglint's stages, or one the config declares under 'stages:'"},
            "purpose": {"enum": list(PURPOSES), "description": "advertising turns the law rules on"},
            "audience": {"enum": list(AUDIENCES), "default": "b2b"},
            "register": {"enum": list(REGISTERS), "default": "neutral"},
            "subject": {"type": "string", "description": "email only; itself a Jinja template"},
            "description": {"type": "string"},
            "variables": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                          "additionalProperties": {"oneOf": [variable, {"type": "null"}]}},
            "sample": {"type": "object"},
            "timezone": {"type": "string", "description": "IANA time zone, e.g. Asia/Seoul"},
            "requires": {"type": "array", "items": {"type": "string", "pattern": KEBAB},
                         "description": "premises its sentences take as already true, e.g. [inquiry]",
                         "examples": [["inquiry"], ["consultation"], ["meeting-booked", "email-sent"]]},
            "buttons": {"type": "array", "description": "KakaoTalk buttons (alimtalk, friendtalk)",
                        "items": {"type": "object", "additionalProperties": False, "required": ["name"],
                                  "properties": {"name": {"type": "string", "description": "fixed text, no variable"},
                                                 "type": {"enum": list(BUTTON_TYPES), "default": "WL"},
                                                 "url": {"type": "string", "pattern": "^https?://"}}}},
            "review": {"type": "object", "additionalProperties": False, "required": ["digest"],
                       "description": "an 알림톡's approval by Kakao; msglint lint prints the digest",
                       "properties": {"code": {"type": "string"}, "digest": {"type": ["string", "number"]}}},
        },
    }
    return schema


def _fix() -> dict:
    _pair = {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}
    return {
        "type": "object", "required": ["safety"], "additionalProperties": False,
        "description": "how msglint fix repairs a finding: safe (meaning cannot change) or unsafe (wording)",
        "properties": {
            "safety": {"enum": ["safe", "unsafe"]},
            "replace": _text(), "delete": {"const": True},
            "sub": {"oneOf": [_pair, {"type": "array", "minItems": 1, "items": _pair}]},
            "insert": {"type": "object", "required": ["at", "text"], "additionalProperties": False,
                       "properties": {"at": {"enum": ["start", "end"]}, "text": _text()}},
        },
    }


def rules() -> dict:
    rule = {
        "type": "object", "required": ["id", "kind", "severity", "message", "source"],
        "properties": {
            "id": {"type": "string", "pattern": KEBAB},
            "kind": {"enum": kind_names()},
            "severity": {"enum": list(SEVERITIES)},
            "message": _text(), "suggestion": _text(),
            "source": {"type": "string", "minLength": 1, "description": "why the rule exists: a law, a study, a playbook"},
            "description": _text(), "link": {"type": "string"}, "cite": {"type": "boolean"},
            "channels": _names(CHANNELS), "locales": _names(), "purposes": _names(PURPOSES),
            "audiences": _names(AUDIENCES), "stages": _names(), "not_stages": _names(), "registers": _names(REGISTERS),
            "scope": {"enum": ["body", "subject", "all", "first-line", "last-line"]},
            "examples": {"type": "object", "additionalProperties": False,
                         "properties": {"fire": {"type": "array"}, "pass": {"type": "array"}, "fix": {
                             "type": "array", "items": {"type": "object", "required": ["before", "after"]}}}},
            "fix": _fix(),
            "measured": {"type": "object", "required": ["precision", "recall", "corpus", "date"],
                         "properties": {"precision": {"type": "number", "minimum": 0, "maximum": 1},
                                        "recall": {"type": "number", "minimum": 0, "maximum": 1},
                                        "findings": {"type": "integer"}, "corpus": {"type": "string"},
                                        "date": {"type": "string"}},
                         "additionalProperties": False},
        },
        # Each kind adds fields of its own (phrases, patterns, thresholds): msglint checks those.
        "additionalProperties": True,
    }
    return {
        "$schema": DRAFT, "title": "msglint rule file", "type": "object", "additionalProperties": False,
        "properties": {"rules": {"type": "array", "items": rule}, "settings": {"type": "object"},
                       "cite": {"type": "boolean"}},
    }


def config() -> dict:
    # One rule id or a list of them, as the loader reads them (``ignore: generic-phrase`` works).
    ids = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    paths = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    described = {
        "select": (ids, "only these rule ids run (everything else off); the command line's --select replaces it"),
        "ignore": (ids, "rule ids turned off for every template"),
        "severity": ({"type": "object", "additionalProperties": {"enum": list(SEVERITIES)}},
                     "a rule's level for this team: error, warning or info"),
        "per-file-ignores": ({"type": "object", "additionalProperties": ids},
                             "file patterns (templates/ko/sms/*.j2) mapped to the rule ids off for them"),
        "rules": (paths, "the team's rule files or folders, beside the shipped ones; builtin:profiles/… names a "
                         "profile shipped with msglint"),
        "templates": ({"type": "string"}, "the templates folder, relative to this file"),
        "formal-locales": (ids, "locales whose neutral-register messages are checked as formal"),
        "stages": ({"type": "array", "items": {"type": "string", "pattern": KEBAB}},
                   "the team's own sales stages, beside msglint's"),
        "sender-names": ({"oneOf": [{"type": "string", "minLength": 1},
                                    {"type": "array", "items": {"type": "string", "minLength": 1}}]},
                         "your brand names, which your marketing texts must carry"),
        "sender-number": ({"type": ["string", "integer"], "pattern": r"^(\D*\d){7,}\D*$"},
                          "the number your texts are sent from"),
        "contact-number": ({"type": ["string", "integer"], "pattern": r"^(\D*\d){7,}\D*$"},
                           "the contact your advertising gives, when it is not the sending number"),
        "lang": ({"enum": list(i18n.LANGUAGES)}, "the language of findings and errors for the whole team"),
        "extends": (paths, "shared config file(s) this one builds on: their values unless set here; lists such "
                           "as ignore are added together, mappings such as severity merged"),
        "required-version": ({"type": "string", "examples": [">=0.2", "==0.2.0"]},
                             "the msglint versions this project is checked with (a pip requirement)"),
    }
    return {
        "$schema": DRAFT, "title": "msglint config (.msglint.yaml or [tool.msglint])", "type": "object",
        "additionalProperties": False,
        "properties": {key: {**shape, "description": text} for key, (shape, text) in described.items()},
    }


def sequence() -> dict:
    offset = {"type": "string", "pattern": r"^\s*\d{1,3}(\s*-\s*\d{1,3})?\s*[mhdw]\s*$",
              "examples": ["5m", "2h", "1d", "3-5d", "1-2w"]}
    template = {"type": "string", "pattern": "^[^/]+/.+$", "examples": ["sms/missed-call"]}
    step = {
        "type": "object", "additionalProperties": False,
        "properties": {"after": offset, "send": template, "voicemail": template, "call": {"type": ["string", "boolean"]},
                       "script": {**template, "examples": ["call-script/discovery"]},
                       "if": {"enum": list(CONDITIONS)}, "at": {"type": ["string", "integer"]}, "note": {"type": "string"}},
        "oneOf": [{"required": ["send"]}, {"required": ["call"]}, {"required": ["voicemail"]}],
        # A script is what the rep reads on a call: only a call step names one.
        "dependentRequired": {"script": ["call"]},
    }
    schema = {
        "$schema": DRAFT, "title": "msglint sequence", "type": "object", "additionalProperties": False,
        "required": ["trigger", "locales", "steps"],
        "properties": {
            "name": {"type": "string"}, "description": {"type": "string"},
            "trigger": {"enum": list(TRIGGERS)}, "audience": {"enum": list(SEQ_AUDIENCES)},
            "pace": {"enum": list(PACES)},
            "locales": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "provides": {"type": "array", "items": {"type": "string"}},
            "steps": {"type": "array", "items": step, "minItems": 1},
        },
    }
    return schema


def build(name: str) -> dict:
    made = {"front-matter": front_matter, "rules": rules, "config": config, "sequence": sequence}[name]()
    return describe(name, made)


@click.command()
@click.argument("name", type=Choice(["front-matter", "rules", "config", "sequence"]))
@fails_cleanly
def schema(name):
    """The JSON Schema of template front matter, rule files, the config or sequences (for editors)."""
    click.echo(json.dumps(build(name), ensure_ascii=False, indent=2))
