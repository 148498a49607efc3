"""A threshold on a message fact (Vale's metric): warn past ``warning``, error past ``error``.

Advice differs by level (a Korean SMS over 90 bytes can shrink to the SMS price; one over
2,000 bytes must fit the LMS limit first), so ``suggestions: {warning: ..., error: ...}`` gives
each level its own; ``suggestion`` is the advice for both."""

from __future__ import annotations

from collections import namedtuple

from msglint import i18n
from msglint.checks.kinds import Hit
from msglint.i18n import _

# It measures the whole message once (see msglint.checks.kinds).
WHOLE_MESSAGE = True

FIELDS = {"fact": True, "warning": False, "error": False, "unit": False, "suggestion": False, "suggestions": False,
          "worst_case": False, "worst_case_note": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "fact warning error")


def compile(rule):
    fact = rule.options["fact"]
    warning, error = rule.options.get("warning"), rule.options.get("error")
    if warning is None and error is None:
        raise ValueError(_("a metric needs a 'warning' and/or an 'error' threshold"))
    for name, value in (("warning", warning), ("error", error)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ValueError(_("'{name}' must be a number", name=name))
    suggestions = rule.options.get("suggestions") or {}
    if not isinstance(suggestions, dict) or set(suggestions) - {"warning", "error"} \
            or not all(i18n.is_text(v) for v in suggestions.values()):
        raise ValueError(_("'suggestions' maps warning and/or error to the advice for that level"))
    return Compiled(fact, warning, error)


def check(rule, message, segment):
    fact, warning, error = rule.compiled
    value = message.facts.get(fact)
    if value is None:
        return
    case = ""
    worst = message.facts.get("worst", {}).get(fact)
    if rule.options.get("worst_case", True) and worst is not None and worst > value:
        value = worst
        case = rule.options.get("worst_case_note") or _(" with the longest values its variables allow")
    if error is not None and value > error:
        level, limit = "error", error
    elif warning is not None and value > warning:
        level, limit = "warning", warning
    else:
        return
    yield Hit(
        part=segment.part,
        values={"value": value, "limit": limit, "fact": fact, "unit": rule.options.get("unit", fact), "case": case},
        suggestion=(rule.options.get("suggestions") or {}).get(level) or rule.options.get("suggestion"),
        severity=level,
    )
