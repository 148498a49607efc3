"""A regular expression that must not match (Vale's existence/occurrence).

``max_matches`` lets a pattern occur a few times before it fires: one all-caps word is an
acronym, five are shouting; ``report: once`` then gives one finding with the count, not one per
word. ``from_variable: true`` keeps only matches in text that a ``{{ }}`` printed: "None" from an
empty lead field is a placeholder, "None of our customers…" written by a person is English.
"""

from __future__ import annotations

from collections import namedtuple
from functools import partial

from msglint.checks.kinds import Hit, flags, pattern_list
from msglint.i18n import _
from msglint.checks.kinds.prefilter import Narrowed
from msglint.checks.kinds.phrase_index import guarded_alternation

FIELDS = {"patterns": True, "suggestion": False, "ignore_case": False, "max_matches": False, "report": False,
          "from_variable": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "full limit narrowed")


def compile(rule):
    patterns = pattern_list(rule, "patterns")
    limit = rule.options.get("max_matches", 0)
    if not isinstance(limit, int) or limit < 0:
        raise ValueError(_("'max_matches' must be a whole number ≥ 0"))
    if rule.options.get("report", "each") not in ("each", "once"):
        raise ValueError(_("'report' must be each (a finding per match) or once (one finding with the count)"))

    # Each alternative behind a one-step test of its first character (see phrase_index), and the
    # alternation cut per text to the patterns whose words it holds (see prefilter).
    bits = flags(rule)
    units = [f"(?:{p})" for p in patterns]
    narrowed = Narrowed(rule, units, partial(_alternation, units, bits), bits)
    return Compiled(narrowed.full, limit, narrowed)


def _alternation(units: list[str], bits: int, keep) -> str:
    return guarded_alternation([unit for unit, kept in zip(units, keep) if kept], bits)


def narrowed(compiled):
    return compiled.narrowed


def _from_variable(message, segment, match) -> bool:
    source_map = message.subject_map if segment.part == "subject" else message.body_map
    location = source_map.locate(segment.offset + match.start()) if source_map is not None else None
    return bool(location is not None and location.from_variable)


def check(rule, message, segment):
    _full, limit, cut = rule.compiled
    pattern = cut.regex(segment.text, segment.words)
    if pattern is None:
        return  # the text holds none of the words a match needs: nothing to find
    matches = list(pattern.finditer(segment.text))
    if rule.options.get("from_variable"):
        matches = [m for m in matches if _from_variable(message, segment, m)]
    if len(matches) <= limit:
        return
    count = len(matches)
    if rule.options.get("report") == "once":
        matches = matches[:1]
    for match in matches:
        yield Hit(
            start=segment.offset + match.start(),
            end=segment.offset + match.end(),
            part=segment.part,
            values={"match": match.group(), "count": count, "limit": limit},
            suggestion=rule.options.get("suggestion"),
        )
