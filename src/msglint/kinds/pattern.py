"""A regular expression that must not match (Vale's existence/occurrence).

``max_matches`` lets a pattern occur a few times before it fires: one all-caps word is an
acronym, five are shouting.
"""

from __future__ import annotations

import re

from msglint.kinds import Hit, compile_regex, flags

LEVEL = "message"
FIELDS = {"patterns": True, "suggestion": False, "ignore_case": False, "max_matches": False}


def compile(rule):
    patterns = rule.options["patterns"]
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not patterns:
        raise ValueError("'patterns' must be a regex or a list of them")
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"pattern {p!r} is not a valid regular expression: {exc}") from None
    limit = rule.options.get("max_matches", 0)
    if not isinstance(limit, int) or limit < 0:
        raise ValueError("'max_matches' must be a whole number ≥ 0")
    return compile_regex(rule, "|".join(f"(?:{p})" for p in patterns), flags(rule)), limit


def check(rule, message, segment):
    pattern, limit = rule.compiled
    matches = list(pattern.finditer(segment.text))
    if len(matches) <= limit:
        return
    for match in matches:
        yield Hit(
            start=segment.offset + match.start(),
            end=segment.offset + match.end(),
            part=segment.part,
            values={"match": match.group(), "count": len(matches), "limit": limit},
            suggestion=rule.options.get("suggestion"),
        )
