"""Rule kinds: the Python behind the YAML rules. One small module per kind.

A kind module declares:

- ``LEVEL``: ``message`` (checks rendered or pasted text), ``template`` (checks a template's
  source and front matter) or ``pack`` (checks templates against each other);
- ``FIELDS``: its rule fields, name -> required;
- ``compile(rule)``: validate the fields and prepare them once (raise ValueError to reject);
- ``check(rule, message, segment)`` for message kinds, ``check_template(rule, template)`` for
  template kinds, ``check_pack(rule, templates)`` for pack kinds, each yielding ``Hit``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

_MODULES = {
    "phrases": "phrases",
    "pattern": "pattern",
    "required": "required",
    "metric": "metric",
    "charset": "charset",
    "subject-relevance": "subject_relevance",
    "speech-level": "speech_level",
    "send-window": "send_window",
    "send-day": "send_day",
    "honorific-address": "honorific",
    "honorific-variable": "honorific_variable",
    "front-matter": "problems",
    "template-file": "problems",
    "template-syntax": "problems",
    "template-render": "problems",
    "template-unsafe": "problems",
    "personalization": "personalization",
    "locale-parity": "parity",
}
_loaded: dict = {}


def kind_names() -> list[str]:
    return sorted(_MODULES)


def get_kind(name: str):
    if name not in _loaded:
        _loaded[name] = importlib.import_module(f"msglint.kinds.{_MODULES[name]}")
    return _loaded[name]


@dataclass
class Segment:
    """The text a rule looks at: part of a message's body or subject."""

    part: str  # "body" or "subject"
    text: str
    offset: int = 0  # where ``text`` starts within the part


@dataclass
class Hit:
    """One place a rule fires. Offsets are within ``part``; line/column for template kinds."""

    start: int | None = None
    end: int | None = None
    part: str = "body"
    values: dict = field(default_factory=dict)
    suggestion: str | None = None
    excerpt: str | None = None
    severity: str | None = None  # a kind may pick the level (metric: warning vs error threshold)
    line: int | None = None
    column: int | None = None
    path: str | None = None
    locale: str | None = None


def flags(rule) -> int:
    import re

    return re.IGNORECASE if rule.options.get("ignore_case", True) else 0
