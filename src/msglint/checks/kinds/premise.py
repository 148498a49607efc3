"""A step's template says only what is true at that point of its sequence.

A template declares its premises (``requires: [inquiry]`` for "문의 잘 받았습니다"); the sequence's
trigger and the steps before provide facts (``triggers`` and ``provides`` in the rule file). A step
whose template takes for granted what has not happened — a meeting proposal thanking a cold lead
for an inquiry — fires on the step's line.
"""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds.cadence_common import at_step
from msglint.i18n import _
from msglint.support.spelling import did_you_mean

FIELDS = {"triggers": True, "provides": True}

# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "triggers provides known")


def compile(rule):
    triggers, provides = rule.options["triggers"], rule.options["provides"]
    if not isinstance(triggers, dict) or not all(isinstance(v, list) for v in triggers.values()):
        raise ValueError(_("'triggers' must map each trigger to the premises it provides, e.g. inquiry: [inquiry]"))
    if not isinstance(provides, dict) or not all(isinstance(v, list) for v in provides.values()):
        raise ValueError(_("'provides' must map a channel a step sends on to the premises it makes true, "
                           "e.g. email: [email-sent]"))
    known = frozenset(fact for facts in (*triggers.values(), *provides.values()) for fact in facts)
    return Compiled({name: frozenset(facts) for name, facts in triggers.items()},
                    {name: frozenset(facts) for name, facts in provides.items()}, known)


def check_sequence(rule, cadence):
    compiled = rule.compiled
    facts = set(compiled.triggers.get(cadence.sequence.trigger, ()))
    for point in cadence.points:
        for premise in point.requires:
            if premise not in compiled.known:
                yield at_step(point.step, template=point.step.template, premise=premise,
                              problem=_("'{premise}' is not a premise any trigger or step provides{hint}",
                                        premise=premise, hint=did_you_mean(premise, sorted(compiled.known))))
            elif premise not in facts:
                yield at_step(point.step, template=point.step.template, premise=premise,
                              problem=_("it takes '{premise}' as already true, and nothing before it in "
                                        "this sequence (trigger: {trigger}) provides it",
                                        premise=premise, trigger=cadence.sequence.trigger))
        facts |= compiled.provides.get(point.channel, frozenset())
