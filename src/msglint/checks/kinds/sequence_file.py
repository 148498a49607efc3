"""Problems found while reading a sequence file or matching its steps to the pack: an unknown
template id, a template missing in one of its locales, a bad offset, lead data no one provides."""

from __future__ import annotations

from msglint.checks.kinds import Hit

FIELDS: dict = {}


def compile(rule):
    return None


def check_sequence(rule, cadence):
    for problem in cadence.sequence.problems:
        yield Hit(line=problem.line, column=problem.column, values={"problem": problem.message})
