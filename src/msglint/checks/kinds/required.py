"""Something that must appear: one of ``any`` patterns in the rule's scope.

``within_lines`` narrows the search to the first (``position: start``) or last
(``position: end``) lines, for what the law wants at a message's start or end.
``config_names: sender-names`` lets a team's config name what must appear (its brand names):
then one of those names is required instead of the ``any`` patterns.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint.checks.kinds import Hit, compile_regex, flags, pattern_list
from msglint.i18n import _

FIELDS = {"any": True, "position": False, "within_lines": False, "suggestion": False, "ignore_case": False,
          "config_names": False}
POSITIONS = ("anywhere", "start", "end")


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "pattern position within")


def compile(rule):
    patterns = pattern_list(rule, "any")
    position = rule.options.get("position", "anywhere")
    if position not in POSITIONS:
        raise ValueError(_("'position' must be one of {choices}", choices=", ".join(POSITIONS)))
    within = rule.options.get("within_lines")
    if within is not None and (not isinstance(within, int) or within < 1):
        raise ValueError(_("'within_lines' must be a whole number ≥ 1"))
    return Compiled(compile_regex(rule, "|".join(f"(?:{p})" for p in patterns), flags(rule) | re.MULTILINE), position, within)


def _window(text: str, position: str, within: int | None) -> tuple[str, int]:
    if not within or position == "anywhere":
        return text, 0
    lines = text.splitlines(keepends=True)
    if position == "start":
        return "".join(lines[:within]), 0
    tail = "".join(lines[-within:])
    return tail, len(text) - len(tail)


def check(rule, message, segment):
    pattern, position, within = rule.compiled
    if rule.scope == "all":
        # Present in the subject or the body: one verdict for the message, reported on the body.
        if segment.part == "subject":
            return
        if message.subject and pattern.search(message.subject):
            return
    text, shift = _window(segment.text, position, within)
    if pattern.search(text):
        return
    at = segment.offset + (shift if position == "end" else 0)
    line_end = segment.text.find("\n", at - segment.offset)
    excerpt_end = len(segment.text) if line_end < 0 else line_end
    yield Hit(
        start=at,
        end=segment.offset + excerpt_end,
        part=segment.part,
        suggestion=rule.options.get("suggestion"),
        excerpt=segment.text[at - segment.offset:excerpt_end].strip() or None,
    )
